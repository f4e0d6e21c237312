package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/app"
)

func importCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "import", Short: "Import data"}
	var opt app.ImportOptions
	p := &cobra.Command{Use: "people FILE", Short: "Import people from a CSV or XLSX roster (UTF-8, UTF-8 BOM, GBK/GB18030)", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			inst, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer inst.Close()
			a := inst.App
			rep, err := a.ImportPeople(cmd.Context(), cliActor, f, opt)
			e.printImport(rep)
			return err
		}}
	p.Flags().BoolVar(&opt.SkipInvalid, "skip-invalid", false, "import the valid rows and report the invalid ones")
	p.Flags().BoolVar(&opt.CreateAccounts, "activation-codes", false, "issue one-time activation codes to new people and print them")
	c.AddCommand(p, importKPICmd(e))
	return c
}

func (e *env) printImport(rep app.ImportReport) {
	tr := e.bundle()
	for _, p := range rep.Problems {
		msg := p.Msg
		if tr != nil {
			msg = tr.T(e.lang, p.Msg, p.Args)
		}
		if p.Line > 0 {
			fmt.Fprintf(e.io.Err, "row %d %s: %s\n", p.Line, p.Field, msg)
		} else {
			fmt.Fprintf(e.io.Err, "file: %s\n", msg)
		}
	}
	fmt.Fprintf(e.io.Out, "%d rows: %d created, %d updated, %d skipped, %d problems\n",
		rep.Rows, rep.Created, rep.Updated, rep.Skipped, len(rep.Problems))
	for _, a := range rep.Activations {
		fmt.Fprintf(e.io.Out, "  %s\t%s\t%s\n", a.EmployeeNo, a.Name, a.Code)
	}
}
