package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

func auditCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "audit", Short: "Audit log tools"}
	c.AddCommand(&cobra.Command{Use: "verify", Short: "Check the audit log's hash chain, Merkle tree and signed checkpoints", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			inst, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer inst.Close()
			a := inst.App
			rep, err := a.VerifyAudit(cmd.Context(), cliActor)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.io.Out, "checked %d events and %d signed checkpoints\n", rep.Events, rep.Checkpoints)
			for _, p := range rep.Problems {
				fmt.Fprintln(e.io.Out, "  PROBLEM:", p)
			}
			if len(rep.Problems) > 0 {
				return errors.New("the audit log has been tampered with")
			}
			fmt.Fprintln(e.io.Out, "OK: no event was edited, deleted, inserted or reordered")
			return nil
		}})
	return c
}
