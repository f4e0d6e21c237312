package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/server"
)

func backupCmd(e *env) *cobra.Command {
	var to string
	c := &cobra.Command{Use: "backup --to FILE", Short: "Back up the database, keys and files to a .tar.gz (safe while the server runs)", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if to == "" {
				return fmt.Errorf("--to FILE is required")
			}
			inst, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer inst.Close()
			notes, err := server.Backup(cmd.Context(), e.cfg, inst, to)
			for _, n := range notes {
				fmt.Fprintln(e.io.Err, "note:", n)
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(e.io.Out, "backup written to", to)
			return nil
		}}
	c.Flags().StringVar(&to, "to", "", "archive to write (must not exist)")
	return c
}

func restoreCmd(e *env) *cobra.Command {
	var from string
	c := &cobra.Command{Use: "restore --from FILE", Short: "Restore a backup into --data (stop the server first)", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" {
				return fmt.Errorf("--from FILE is required")
			}
			kept, err := server.Restore(cmd.Context(), e.cfg, from)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.io.Out, "restored %s into %s; the previous data is kept in %s\n", from, e.cfg.DataDir, kept)
			return nil
		}}
	c.Flags().StringVar(&from, "from", "", "backup archive to restore")
	return c
}
