package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/app"
)

func tokenCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "token", Short: "Manage personal API tokens"}
	c.AddCommand(tokenCreateCmd(e), tokenRevokeCmd(e))
	return c
}

func tokenCreateCmd(e *env) *cobra.Command {
	var user, name string
	var write bool
	var days int
	c := &cobra.Command{Use: "create", Short: "Create an API token for a person (printed once)", Args: cobra.NoArgs}
	c.Flags().StringVar(&user, "user", "", "employee number of the token's owner")
	c.Flags().StringVar(&name, "name", "cli", "what the token is for")
	c.Flags().BoolVar(&write, "write", false, "allow changes (default read-only)")
	c.Flags().IntVar(&days, "expires-days", 0, "days until expiry (0 = never)")
	c.RunE = func(cmd *cobra.Command, _ []string) error {
		inst, err := e.open(cmd.Context())
		if err != nil {
			return err
		}
		defer inst.Close()
		a := inst.App
		p, err := a.PersonByEmployeeNo(cmd.Context(), cliActor, user)
		if err != nil {
			return fmt.Errorf("--user %q: %w", user, err)
		}
		owner, err := a.ActorFor(cmd.Context(), p.ID)
		if err != nil {
			return err
		}
		scopes := []string{app.ScopeRead}
		if write {
			scopes = append(scopes, app.ScopeWrite)
		}
		secret, err := a.CreateToken(cmd.Context(), owner, name, scopes, days)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.io.Out, secret)
		return nil
	}
	return c
}

func tokenRevokeCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "revoke TOKEN_ID", Short: "Revoke an API token", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			inst, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer inst.Close()
			a := inst.App
			if err := a.RevokeToken(cmd.Context(), cliActor, args[0]); err != nil {
				return err
			}
			fmt.Fprintln(e.io.Out, "revoked", args[0])
			return nil
		}}
}
