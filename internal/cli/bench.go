package cli

import (
	"github.com/spf13/cobra"
)

// benchCmd groups benchmarks. Each reports its result next to a bare limit
// measured in the same run on the same machine, so that the ratio, not the
// absolute number, is what compares across machines.
func benchCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "bench", Short: "Benchmarks that report ratios to a bare limit measured in the same run"}
	c.AddCommand(benchPagesCmd(e), benchExamCmd(e), benchLearnerCmd(e), benchCrashCmd(e), benchBareCmd(), benchImportCmd(e),
		benchSearchCmd(e))
	return c
}
