package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/auth"
)

func userCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "user", Short: "Manage people's accounts"}
	c.AddCommand(userAddCmd(e), userListCmd(e), userDisableCmd(e), userResetCmd(e))
	return c
}

func userAddCmd(e *env) *cobra.Command {
	var in app.PersonInput
	var roles []string
	var password string
	c := &cobra.Command{Use: "add", Short: "Add a person with an account", Args: cobra.NoArgs}
	f := c.Flags()
	f.StringVar(&in.EmployeeNo, "employee-no", "", "employee number (sign-in name)")
	f.StringVar(&in.Name, "name", "", "full name")
	f.StringVar(&in.Mobile, "mobile", "", "mobile number")
	f.StringVar(&in.Email, "email", "", "e-mail")
	f.StringSliceVar(&roles, "role", []string{"learner"}, "role (repeatable): admin, training_manager, trainer, mentor, team_lead, learner, auditor")
	f.StringVar(&password, "password", "", "password (default: a random one, printed once)")
	c.RunE = func(cmd *cobra.Command, _ []string) error {
		inst, err := e.open(cmd.Context())
		if err != nil {
			return err
		}
		defer inst.Close()
		a := inst.App
		for _, r := range roles {
			in.Roles = append(in.Roles, shopdojo.Role(r))
		}
		in.Status = shopdojo.StatusActive
		id, err := a.CreatePerson(cmd.Context(), cliActor, in)
		if err != nil {
			return err
		}
		printed := password == ""
		if printed {
			password = auth.Password(14)
		}
		if err := a.SetPassword(cmd.Context(), cliActor, id, password, printed); err != nil {
			return err
		}
		fmt.Fprintf(e.io.Out, "added %s (%s)\n", in.Name, in.EmployeeNo)
		if printed {
			fmt.Fprintf(e.io.Out, "temporary password (shown once, must be changed at first sign-in): %s\n", password)
		}
		return nil
	}
	return c
}

func userListCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "list", Short: "List people and their accounts", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			inst, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer inst.Close()
			a := inst.App
			w := tabwriter.NewWriter(e.io.Out, 2, 4, 2, ' ', 0)
			fmt.Fprintln(w, "EMPLOYEE NO\tNAME\tDEPARTMENT\tPOSITION\tSTATUS\tACCOUNT")
			f := app.PeopleFilter{Limit: 500}
			for {
				page, err := a.People(cmd.Context(), cliActor, f)
				if err != nil {
					return err
				}
				for _, p := range page.People {
					acct := "enabled"
					if p.Disabled {
						acct = "disabled"
					}
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", p.EmployeeNo, p.Name, p.DepartmentName, p.PositionName, p.Status, acct)
				}
				if page.Next == "" {
					return w.Flush()
				}
				f.After = page.Next
			}
		}}
}

func userDisableCmd(e *env) *cobra.Command {
	var enable bool
	c := &cobra.Command{Use: "disable EMPLOYEE_NO", Short: "Disable an account (ends its sessions and tokens at once)", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			inst, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer inst.Close()
			a := inst.App
			p, err := a.PersonByEmployeeNo(cmd.Context(), cliActor, args[0])
			if err != nil {
				return err
			}
			if err := a.SetDisabled(cmd.Context(), cliActor, p.ID, !enable); err != nil {
				return err
			}
			state := "disabled"
			if enable {
				state = "enabled"
			}
			fmt.Fprintf(e.io.Out, "%s %s (%s)\n", state, p.Name, p.EmployeeNo)
			return nil
		}}
	c.Flags().BoolVar(&enable, "enable", false, "re-enable the account instead")
	return c
}

func userResetCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "reset-password EMPLOYEE_NO", Short: "Give a person a new temporary password", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			inst, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer inst.Close()
			a := inst.App
			p, err := a.PersonByEmployeeNo(cmd.Context(), cliActor, args[0])
			if err != nil {
				return err
			}
			pw, err := a.ResetPassword(cmd.Context(), cliActor, p.ID)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.io.Out, "new temporary password for %s (%s), shown once: %s\n", p.Name, p.EmployeeNo, pw)
			return nil
		}}
}
