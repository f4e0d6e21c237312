package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/config"
)

// pagesOpts are the knobs of `bench pages`; the defaults are the issue's
// targets and keep a whole run near 45 seconds.
type pagesOpts struct {
	people, conns     int
	warmup, dur, idle time.Duration
}

func benchPagesCmd(e *env) *cobra.Command {
	var o pagesOpts
	c := &cobra.Command{Use: "pages", Args: cobra.NoArgs,
		Short: "Signed-in home page with N people vs a bare net/http JSON handler, plus idle memory and start-up time",
		Long: `Seeds a fresh database with --people people (demo company plus an import),
starts the real "shopdojo serve" and a bare net/http JSON server as separate
processes, and loads each in turn with --conns keep-alive connections: a
warm-up that is thrown away, then --duration measured. It prints requests/s
and latency percentiles for both and the ratio home/bare, the idle resident
memory of serve (VmRSS from /proc) and its start-up time (exec until /readyz
answers 200). The load generator runs in this process and shares the CPUs.

The database is SQLite in a temporary directory, removed afterwards. With
--db it is that PostgreSQL database instead, which must hold no people and
keeps the seeded ones afterwards.`,
		RunE: func(cmd *cobra.Command, _ []string) error { return e.benchPages(cmd.Context(), o) }}
	f := c.Flags()
	f.IntVar(&o.people, "people", 10000, "people in the database")
	f.IntVar(&o.conns, "conns", 64, "concurrent keep-alive connections")
	f.DurationVar(&o.warmup, "warmup", 3*time.Second, "warm-up per target, not measured")
	f.DurationVar(&o.dur, "duration", 10*time.Second, "measured load per target")
	f.DurationVar(&o.idle, "idle", 5*time.Second, "idle time after start-up before reading serve's memory")
	return c
}

// pagesResult is everything one run measured.
type pagesResult struct {
	opts       pagesOpts
	dialect    string
	seed       seedReport
	homeBytes  int
	startup    time.Duration
	idleMem    procMem
	loadedMem  procMem
	bare, home loadResult
}

func (e *env) benchPages(ctx context.Context, o pagesOpts) error {
	if o.people < 1 || o.conns < 1 || o.dur <= 0 || o.warmup < 0 || o.idle < 0 {
		return fmt.Errorf("bench pages: --people, --conns and --duration must be positive")
	}
	dir, err := os.MkdirTemp("", "shopdojo-bench-")
	if err != nil {
		return fmt.Errorf("bench directory: %w", err)
	}
	defer os.RemoveAll(dir)
	res := pagesResult{opts: o, dialect: "SQLite"}
	cfg := config.Default()
	cfg.DataDir, cfg.DB = filepath.Join(dir, "data"), e.cfg.DB
	if cfg.DB != "" {
		res.dialect = "PostgreSQL"
	}
	e.progress("seeding %d people …", o.people)
	if res.seed, err = e.seedBench(ctx, cfg, o.people); err != nil {
		return err
	}
	if err := e.measurePages(ctx, cfg, dir, &res); err != nil {
		return err
	}
	e.printPages(res)
	return nil
}

// measurePages runs serve and the bare server and measures both; seeding
// is done and closed first, so serve starts on a database nobody else holds.
func (e *env) measurePages(ctx context.Context, cfg config.Config, dir string, res *pagesResult) error {
	app, cookie, err := e.startServe(ctx, cfg, dir, res)
	if err != nil {
		return err
	}
	defer app.stop()
	bare, _, err := startBenchChild(ctx, "bare server", filepath.Join(dir, "bare.log"), "/", "bench", "bare-server")
	if err != nil {
		return err
	}
	defer bare.stop()
	o := res.opts
	e.progress("loading bare net/http JSON: %s warm-up + %s …", o.warmup, o.dur)
	spec := loadSpec{url: bare.base + "/", conns: o.conns, warmup: o.warmup, dur: o.dur, pid: bare.pid()}
	if res.bare, err = runLoad(ctx, spec); err != nil {
		return err
	}
	e.progress("loading signed-in home page: %s warm-up + %s …", o.warmup, o.dur)
	spec = loadSpec{url: app.base + "/", cookie: cookie, conns: o.conns, warmup: o.warmup, dur: o.dur, pid: app.pid()}
	if res.home, err = runLoad(ctx, spec); err != nil {
		return err
	}
	res.loadedMem = readProcMem(app.pid())
	return nil
}

// startServe starts serve, takes its start-up time and idle memory, signs
// in and checks the home page; it returns the server and the session cookie.
func (e *env) startServe(ctx context.Context, cfg config.Config, dir string, res *pagesResult) (*benchChild, string, error) {
	args := []string{"serve", "--data", cfg.DataDir}
	if cfg.DB != "" {
		args = append(args, "--db", cfg.DB)
	}
	e.progress("starting serve, then %s idle …", res.opts.idle)
	app, startup, err := startBenchChild(ctx, "serve", filepath.Join(dir, "serve.log"), "/readyz", args...)
	if err != nil {
		return nil, "", err
	}
	res.startup = startup
	cookie, err := afterStart(ctx, app, res)
	if err != nil {
		app.stop()
		return nil, "", err
	}
	return app, cookie, nil
}

// afterStart reads the idle memory, then signs in and checks the home page.
func afterStart(ctx context.Context, app *benchChild, res *pagesResult) (string, error) {
	var err error
	if res.idleMem, err = idleMemory(ctx, app.pid(), res.opts.idle); err != nil {
		return "", err
	}
	cookie, err := benchSignIn(ctx, app.base)
	if err != nil {
		return "", err
	}
	res.homeBytes, err = checkHome(ctx, app.base, cookie, res.seed.active)
	return cookie, err
}

// idleMemory waits for the idle period and reads the server's memory.
func idleMemory(ctx context.Context, pid int, idle time.Duration) (procMem, error) {
	select {
	case <-time.After(idle):
	case <-ctx.Done():
		return procMem{}, ctx.Err()
	}
	return readProcMem(pid), nil
}

// progress tells the person waiting what is happening, on stderr so that
// stdout holds only the report.
func (e *env) progress(format string, args ...any) {
	fmt.Fprintf(e.io.Err, "bench pages: "+format+"\n", args...)
}
