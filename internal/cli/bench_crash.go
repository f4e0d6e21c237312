package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/config"
)

// crashOpts are the knobs of `bench crash`.
type crashOpts struct {
	examinees, conns, kills int
	run                     time.Duration
}

func benchCrashCmd(e *env) *cobra.Command {
	var o crashOpts
	c := &cobra.Command{Use: "crash", Args: cobra.NoArgs,
		Short: "Kill serve with SIGKILL during an exam storm, again and again; no acknowledged answer may be lost",
		Long: `Seeds an exam and --examinees examinees, starts "shopdojo serve", starts every
attempt, then --kills times: saves answers on --conns connections for about
--run and kills serve with SIGKILL while requests are in flight, and starts
it again on the same database. Finally it stops serve gracefully and checks
that every answer the server acknowledged is stored (with at least the
acknowledged sequence) and that the database passes its integrity check.
It exits non-zero if any check fails. "make soak" runs a long version.`,
		RunE: func(cmd *cobra.Command, _ []string) error { return e.benchCrash(cmd.Context(), o) }}
	f := c.Flags()
	f.IntVar(&o.examinees, "examinees", 300, "examinees saving answers")
	f.IntVar(&o.conns, "conns", 64, "connections saving at once")
	f.IntVar(&o.kills, "kills", 5, "how many times serve is killed")
	f.DurationVar(&o.run, "run", 3*time.Second, "storm length before each kill (±50 %)")
	return c
}

func (e *env) benchCrash(ctx context.Context, o crashOpts) error {
	if o.examinees < 1 || o.conns < 1 || o.kills < 1 || o.run <= 0 {
		return fmt.Errorf("bench crash: --examinees, --conns, --kills and --run must be positive")
	}
	dir, err := os.MkdirTemp("", "shopdojo-crash-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg := config.Default()
	cfg.DataDir, cfg.DB = filepath.Join(dir, "data"), e.cfg.DB
	e.say("crash", "seeding an exam and %d examinees …", o.examinees)
	seed, err := e.seedExamStorm(ctx, cfg, o.examinees, 40)
	if err != nil {
		return err
	}
	res := examResult{seed: seed}
	acks, err := e.crashLoop(ctx, cfg, dir, o, seed)
	if err != nil {
		return err
	}
	res.acks, res.acked = acks, int(acks.n)
	if err := verifyLedger(ctx, e, cfg, &res); err != nil {
		return err
	}
	fmt.Fprintf(e.io.Out, "shopdojo bench crash — %d examinees, %d SIGKILLs during the storm, %d answers acknowledged\n",
		o.examinees, o.kills, res.acked)
	fmt.Fprintf(e.io.Out, "  acknowledged answers lost: %d\n  database integrity: %s\n", res.lost, errText(res.integrity))
	if res.lost > 0 || res.integrity != nil {
		return fmt.Errorf("bench crash: %d acknowledged answers lost, integrity: %s", res.lost, errText(res.integrity))
	}
	return nil
}

func errText(err error) string {
	if err == nil {
		return "ok"
	}
	return err.Error()
}

// crashLoop runs the storm-and-kill rounds and a last graceful run, and
// returns the ledger of acknowledged answers.
func (e *env) crashLoop(ctx context.Context, cfg config.Config, dir string, o crashOpts, seed examSeed) (*ledger, error) {
	acks := newLedger()
	for round := 0; round <= o.kills; round++ {
		srv, _, err := startBenchChild(ctx, "serve", filepath.Join(dir, fmt.Sprintf("serve-%d.log", round)), "/readyz", serveArgs(cfg)...)
		if err != nil {
			return nil, err
		}
		c := newStormClient(srv.base, seed.examID, seed.questions, o.conns)
		c.acks = acks
		if round == 0 {
			if r := c.startBurst(ctx, seed.people); r.bad > 0 {
				srv.stop()
				return nil, fmt.Errorf("start: %d failed, first: %s", r.bad, r.firstBad)
			}
		}
		if round == o.kills {
			c.closedLoop(ctx, seed.people, o.conns, o.run/2)
			c.close()
			srv.stop()
			return acks, nil
		}
		stormCtx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { c.closedLoop(stormCtx, seed.people, o.conns, time.Hour); close(done) }()
		time.Sleep(time.Duration(float64(o.run) * (0.5 + rand.Float64())))
		e.say("crash", "round %d: SIGKILL with %d answers acknowledged so far", round+1, acks.count())
		srv.kill()
		cancel()
		<-done
		c.close()
	}
	return acks, nil
}
