package cli

import (
	"github.com/spf13/cobra"
)

func benchCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "bench", Short: "Benchmarks that report ratios to a bare limit measured in the same run"}
	c.AddCommand(benchPagesCmd(e))
	return c
}
