package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/server"
)

// examOpts are the knobs of `bench exam`; the defaults are the issue's.
type examOpts struct {
	examinees, starters, questions, conns int
	warmup, dur                           time.Duration
	peakFactor                            float64
	sloSteps                              int
	sloStep                               time.Duration
	profile                               string // serve's CPU profile, if set
}

// realisticPeak is 2,000 people answering 40 questions within 20 minutes.
const realisticPeak = 2000.0 * 40 / (20 * 60)

func benchExamCmd(e *env) *cobra.Command {
	var o examOpts
	c := &cobra.Command{Use: "exam", Args: cobra.NoArgs,
		Short: "Exam storm through the full stack vs a bare net/http handler: starts, answer saves, nothing lost",
		Long: `Seeds a fresh database (SQLite with synchronous=FULL in a temporary directory,
or --db PostgreSQL) with an exam of --questions questions open to everyone and
--starters examinees with a session each, starts the real "shopdojo serve" and
a bare net/http JSON server as separate processes, and measures in one run:

  1. the bare server's rate at --conns keep-alive connections (closed loop);
  2. all --starters examinees pressing "start" at the same moment;
  3. answer saves by the first --examinees examinees at --conns connections,
     closed loop without pause (the saturated save rate), after a warm-up;
  4. the maximum sustained save rate: the highest rate that --conns paced
     connections (each waits for its answer, then for its next request's
     due time; latency counts from the due time) hold with p99 ≤ 20 ms and
     no errors, found by bisection below the saturated rate;
  5. answer saves at --peak × a realistic peak (2,000 people answering 40
     questions within 20 minutes), open loop, timed from when each was due;

then stops serve and checks that every acknowledged answer is stored with
at least the acknowledged sequence, and the database's integrity check.`,
		RunE: func(cmd *cobra.Command, _ []string) error { return e.benchExam(cmd.Context(), o) }}
	f := c.Flags()
	f.IntVar(&o.examinees, "examinees", 2000, "examinees saving answers")
	f.IntVar(&o.starters, "starters", 3000, "examinees starting at the same moment (≥ --examinees)")
	f.IntVar(&o.questions, "questions", 40, "questions per paper")
	f.IntVar(&o.conns, "conns", 256, "connections of the closed-loop runs")
	f.DurationVar(&o.warmup, "warmup", 3*time.Second, "closed-loop warm-up, not measured")
	f.DurationVar(&o.dur, "duration", 10*time.Second, "each measured run")
	f.Float64Var(&o.peakFactor, "peak", 10, "open-loop rate as a multiple of the realistic peak")
	f.IntVar(&o.sloSteps, "slo-steps", 6, "rates tried when searching the highest save rate within the p99 target")
	f.DurationVar(&o.sloStep, "slo-step", 3*time.Second, "each rate's run in that search")
	f.StringVar(&o.profile, "cpu-profile", "", "write serve's CPU profile to this file")
	return c
}

// examResult is everything one run measured.
type examResult struct {
	opts                     examOpts
	dialect                  string
	seed                     examSeed
	bare, start, saves, open loadResult
	slo                      loadResult // the paced run at sloRate
	sloRate                  float64    // the highest paced save rate with p99 within target
	sloSteps                 []sloStep
	acks                     *ledger
	acked, lost              int
	integrity                error
}

func (e *env) benchExam(ctx context.Context, o examOpts) error {
	if o.examinees < 1 || o.starters < o.examinees || o.questions < 1 || o.conns < 1 || o.dur <= 0 || o.peakFactor <= 0 ||
		o.sloSteps < 1 || o.sloStep <= 0 {
		return fmt.Errorf("bench exam: need 1 ≤ --examinees ≤ --starters, positive --questions, --conns, --duration, --peak, --slo-steps and --slo-step")
	}
	dir, err := os.MkdirTemp("", "shopdojo-bench-exam-")
	if err != nil {
		return fmt.Errorf("bench directory: %w", err)
	}
	defer os.RemoveAll(dir)
	res := examResult{opts: o, dialect: "SQLite (synchronous=FULL, group commit)"}
	cfg := config.Default()
	cfg.DataDir, cfg.DB = filepath.Join(dir, "data"), e.cfg.DB
	if cfg.DB != "" {
		res.dialect = "PostgreSQL (group commit)"
	}
	e.say("exam", "seeding an exam of %d questions and %d examinees with sessions …", o.questions, o.starters)
	if res.seed, err = e.seedExamStorm(ctx, cfg, o.starters, o.questions); err != nil {
		return err
	}
	if err := e.runExamStorm(ctx, cfg, dir, &res); err != nil {
		return err
	}
	e.say("exam", "checking every acknowledged answer in the database …")
	if err := verifyLedger(ctx, e, cfg, &res); err != nil {
		return err
	}
	e.printExam(res)
	return nil
}

func (e *env) runExamStorm(ctx context.Context, cfg config.Config, dir string, res *examResult) error {
	o := res.opts
	bare, _, err := startBenchChild(ctx, "bare server", filepath.Join(dir, "bare.log"), "/", "bench", "bare-server")
	if err != nil {
		return err
	}
	e.say("exam", "loading bare net/http JSON: %s warm-up + %s …", o.warmup, o.dur)
	res.bare, err = runLoad(ctx, loadSpec{url: bare.base + "/", conns: o.conns, warmup: o.warmup, dur: o.dur, pid: bare.pid()})
	bare.stop()
	if err != nil {
		return err
	}
	args := serveArgs(cfg)
	if o.profile != "" {
		args = append(args, "--cpu-profile", o.profile)
	}
	srv, _, err := startBenchChild(ctx, "serve", filepath.Join(dir, "serve.log"), "/readyz", args...)
	if err != nil {
		return err
	}
	defer srv.stop()
	return e.stormPhases(ctx, srv, res)
}

func serveArgs(cfg config.Config) []string {
	args := []string{"serve", "--data", cfg.DataDir}
	if cfg.DB != "" {
		args = append(args, "--db", cfg.DB)
	}
	return args
}

// stormPhases runs the start burst and the two save runs against srv.
func (e *env) stormPhases(ctx context.Context, srv *benchChild, res *examResult) error {
	o, s := res.opts, res.seed
	burst := newStormClient(srv.base, s.examID, s.questions, 0)
	e.say("exam", "%d examinees press start at the same moment …", len(s.people))
	before := takeCPU(srv.pid())
	res.start = burst.startBurst(ctx, s.people)
	res.start.cpu(before, takeCPU(srv.pid()))
	res.start.dials = burst.dials.Load()
	burst.close()
	if res.start.bad > 0 {
		return fmt.Errorf("start burst: %d of %d failed, first: %s", res.start.bad, len(s.people), res.start.firstBad)
	}
	c := newStormClient(srv.base, s.examID, s.questions, o.conns)
	defer c.close()
	if err := c.page(ctx, s.people[0]); err != nil {
		return err
	}
	people := s.people[:o.examinees]
	e.say("exam", "saving answers, closed loop at %d connections: %s warm-up + %s …", o.conns, o.warmup, o.dur)
	c.closedLoop(ctx, people, o.conns, o.warmup)
	before = takeCPU(srv.pid())
	c.dials.Store(0)
	res.saves = c.closedLoop(ctx, people, o.conns, o.dur)
	res.saves.cpu(before, takeCPU(srv.pid()))
	res.saves.dials = c.dials.Load()
	e.say("exam", "searching the highest save rate with p99 ≤ %s at %d paced connections (%d steps of %s) …",
		targetSaveP99, o.conns, o.sloSteps, o.sloStep)
	res.slo, res.sloRate, res.sloSteps = c.sloRate(ctx, people, o.conns, srv.pid(), res.saves.rate(), targetSaveP99, o.sloSteps, o.sloStep)
	rate := o.peakFactor * realisticPeak
	e.say("exam", "saving answers, open loop at %.0f/s for %s …", rate, o.dur)
	before = takeCPU(srv.pid())
	res.open = c.openLoop(ctx, people, rate, o.dur)
	res.open.cpu(before, takeCPU(srv.pid()))
	res.acked = int(c.acks.n)
	res.acks = c.acks
	return ctx.Err()
}

// verifyLedger opens the stopped server's database and counts the
// acknowledged answers that are missing or older than acknowledged.
func verifyLedger(ctx context.Context, e *env, cfg config.Config, res *examResult) error {
	inst, err := server.OpenApp(ctx, cfg, e.logger(), server.Options{})
	if err != nil {
		return err
	}
	defer inst.Close()
	lost, err := countLost(ctx, inst, res.acks)
	res.lost = lost
	res.integrity = inst.App.CheckIntegrity(ctx)
	return err
}

func countLost(ctx context.Context, inst *server.Instance, l *ledger) (int, error) {
	lost := 0
	for attempt, items := range l.m {
		stored, err := inst.App.AnswerSeqs(ctx, benchActor, attempt)
		if err != nil {
			return lost, fmt.Errorf("read attempt %s: %w", attempt, err)
		}
		for pos, seq := range items {
			if stored[pos] < seq {
				lost++
			}
		}
	}
	return lost, nil
}

// say reports progress on stderr, so stdout holds only the report.
func (e *env) say(bench, format string, args ...any) {
	fmt.Fprintf(e.io.Err, "bench "+bench+": "+format+"\n", args...)
}
