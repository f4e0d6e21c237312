package cli

import (
	"context"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/server"
)

// learnerOpts are the knobs of `bench learner`; the defaults are the issue's.
type learnerOpts struct {
	learners, units, conns, sample int
	warmup, dur                    time.Duration
	profile                        string // serve's CPU profile, if set
	inProcess                      bool   // tests: both servers in this process (the test binary cannot exec serve)
}

func benchLearnerCmd(e *env) *cobra.Command {
	var o learnerOpts
	c := &cobra.Command{Use: "learner", Args: cobra.NoArgs,
		Short: "我的学习 with N learners × M units of progress vs a bare net/http handler, plus the built-in content import",
		Long: `Imports the built-in curriculum into a fresh database and times it, then
seeds the demo company and --learners learners, each with a session, the
onboarding path and their position's path (every fourth a second position's
path too) and --units progress rows, mostly done, the rest started. It
starts the real "shopdojo serve" and a bare net/http JSON server as separate
processes, checks 我的学习 (GET /learn) of --sample random learners against
what was seeded, and loads each server in turn with --conns keep-alive
connections, every request carrying the session of a learner drawn at
random: a warm-up that is thrown away, then --duration measured. It prints
requests/s and latency percentiles for both, the ratio learn/bare and the
import time, each against the issue's target. The load generator runs in
this process and shares the CPUs.

The database is SQLite in a temporary directory, removed afterwards. With
--db it is that PostgreSQL database instead, which must hold no people and
keeps the seeded ones afterwards.`,
		RunE: func(cmd *cobra.Command, _ []string) error { return e.benchLearner(cmd.Context(), o) }}
	f := c.Flags()
	f.IntVar(&o.learners, "learners", 10000, "learners in the database, each with a session")
	f.IntVar(&o.units, "units", 200, "progress rows per learner")
	f.IntVar(&o.conns, "conns", 64, "concurrent keep-alive connections")
	f.IntVar(&o.sample, "sample", 50, "learners whose page is checked against the seeded progress before the load")
	f.DurationVar(&o.warmup, "warmup", 3*time.Second, "warm-up per target, not measured")
	f.DurationVar(&o.dur, "duration", 10*time.Second, "measured load per target")
	f.StringVar(&o.profile, "cpu-profile", "", "write serve's CPU profile to this file")
	return c
}

// learnerResult is everything one run measured.
type learnerResult struct {
	opts              learnerOpts
	dialect           string
	seed              learnerSeed
	checked, avgBytes int
	bare, learn       loadResult
}

func (e *env) benchLearner(ctx context.Context, o learnerOpts) error {
	res, err := e.runLearnerBench(ctx, o)
	if err != nil {
		return err
	}
	e.printLearner(res)
	return nil
}

func (e *env) runLearnerBench(ctx context.Context, o learnerOpts) (learnerResult, error) {
	res := learnerResult{opts: o, dialect: "SQLite"}
	if o.learners < 1 || o.units < 1 || o.conns < 1 || o.sample < 1 || o.dur <= 0 || o.warmup < 0 {
		return res, fmt.Errorf("bench learner: --learners, --units, --conns, --sample and --duration must be positive")
	}
	dir, err := os.MkdirTemp("", "shopdojo-bench-learner-")
	if err != nil {
		return res, fmt.Errorf("bench directory: %w", err)
	}
	defer os.RemoveAll(dir)
	cfg := config.Default()
	cfg.DataDir, cfg.DB = filepath.Join(dir, "data"), e.cfg.DB
	if cfg.DB != "" {
		res.dialect = "PostgreSQL"
	}
	if res.seed, err = e.seedLearners(ctx, cfg, o); err != nil {
		return res, err
	}
	return res, e.measureLearner(ctx, cfg, dir, &res)
}

// measureLearner starts serve on the seeded database (closed by then),
// checks pages, starts the bare server and loads one after the other.
func (e *env) measureLearner(ctx context.Context, cfg config.Config, dir string, res *learnerResult) error {
	o := res.opts
	e.say("learner", "starting serve …")
	srv, err := e.startLearnerServe(ctx, cfg, dir, o)
	if err != nil {
		return err
	}
	defer srv.stop()
	e.say("learner", "checking 我的学习 of %d learners against their seeded progress …", min(o.sample, len(res.seed.learners)))
	if res.checked, res.avgBytes, err = checkLearnerPages(ctx, srv.base, res.seed.learners, o.sample); err != nil {
		return err
	}
	bare, err := startLearnerBare(ctx, dir, o)
	if err != nil {
		return err
	}
	defer bare.stop()
	cookies := make([]string, len(res.seed.learners))
	for i, l := range res.seed.learners {
		cookies[i] = "sd_session=" + l.session
	}
	e.say("learner", "loading bare net/http JSON: %s warm-up + %s …", o.warmup, o.dur)
	if res.bare, err = runLearnerLoad(ctx, bare.base+"/", cookies, o, bare.pid); err != nil {
		return err
	}
	e.say("learner", "loading 我的学习 (GET /learn) as random learners: %s warm-up + %s …", o.warmup, o.dur)
	res.learn, err = runLearnerLoad(ctx, srv.base+"/learn", cookies, o, srv.pid)
	return err
}

// benchTarget is a server under load.
type benchTarget struct {
	base string
	pid  int // 0 in this process: no CPU of its own to read
	stop func()
}

func (e *env) startLearnerServe(ctx context.Context, cfg config.Config, dir string, o learnerOpts) (benchTarget, error) {
	if !o.inProcess {
		args := serveArgs(cfg)
		if o.profile != "" {
			args = append(args, "--cpu-profile", o.profile)
		}
		ch, _, err := startBenchChild(ctx, "serve", filepath.Join(dir, "serve.log"), "/readyz", args...)
		if err != nil {
			return benchTarget{}, err
		}
		return benchTarget{base: ch.base, pid: ch.pid(), stop: ch.stop}, nil
	}
	srv, err := server.Open(ctx, cfg, e.logger(), server.Options{})
	if err != nil {
		return benchTarget{}, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		srv.Close()
		return benchTarget{}, err
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { _ = srv.Serve(sctx, l); close(done) }()
	return benchTarget{base: "http://" + l.Addr().String(), stop: func() { cancel(); <-done; srv.Close() }}, nil
}

func startLearnerBare(ctx context.Context, dir string, o learnerOpts) (benchTarget, error) {
	if !o.inProcess {
		ch, _, err := startBenchChild(ctx, "bare server", filepath.Join(dir, "bare.log"), "/", "bench", "bare-server")
		if err != nil {
			return benchTarget{}, err
		}
		return benchTarget{base: ch.base, pid: ch.pid(), stop: ch.stop}, nil
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return benchTarget{}, err
	}
	hs := &http.Server{Handler: http.HandlerFunc(bareHandler), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(l) }()
	return benchTarget{base: "http://" + l.Addr().String(), stop: func() { _ = hs.Close() }}, nil
}

// runLearnerLoad is runLoad with a session drawn at random for every
// request, so that the server sees thousands of sessions as in a company,
// not one hot session. Both targets get the same requests, cookies
// included, so the generator's work per request is the same for both.
func runLearnerLoad(ctx context.Context, url string, cookies []string, o learnerOpts, pid int) (loadResult, error) {
	var dials atomic.Int64
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{MaxIdleConnsPerHost: o.conns, MaxConnsPerHost: o.conns, IdleConnTimeout: time.Minute,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dials.Add(1)
			return dialer.DialContext(ctx, network, addr)
		}}
	defer tr.CloseIdleConnections()
	// Not following redirects: a lost session must count as a failure, not
	// as a fast 200 of the sign-in page.
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if _, err := learnerPhase(ctx, client, url, cookies, o.conns, o.warmup, 1); err != nil {
		return loadResult{}, err
	}
	var before cpuSnapshot
	if pid > 0 {
		before = takeCPU(pid)
	}
	r, err := learnerPhase(ctx, client, url, cookies, o.conns, o.dur, 2)
	if err != nil {
		return loadResult{}, err
	}
	if pid > 0 {
		r.cpu(before, takeCPU(pid))
	}
	r.dials = dials.Load()
	return r, nil
}

func learnerPhase(ctx context.Context, client *http.Client, url string, cookies []string, conns int, d time.Duration, seed uint64) (loadResult, error) {
	start := time.Now()
	deadline := start.Add(d)
	results := make([]workerResult, conns)
	var wg sync.WaitGroup
	for w := range results {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(seed, uint64(w)))
			r := &results[w]
			for ctx.Err() == nil && time.Now().Before(deadline) {
				cookie := cookies[rng.IntN(len(cookies))]
				t := time.Now()
				r.add(get(ctx, client, url, cookie), t)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return loadResult{}, fmt.Errorf("load on %s: %w", url, err)
	}
	return collect(results, time.Since(start)), nil
}

// tileRe finds each path tile of 我的学习: its title and its "done of
// units" label, in either language.
var tileRe = regexp.MustCompile(`(?s)class="path-tile-title">([^<]*)</span>.*?(?:已完成 (\d+)/(\d+) 个单元|(\d+) of (\d+) units done)`)

// checkLearnerPages fetches 我的学习 of n learners drawn at random and
// checks it shows each of their paths with the done and unit counts their
// seeded progress makes, so the load measures the real page: not a
// redirect, an error page or someone else's progress. It returns how many
// it checked and their average size.
func checkLearnerPages(ctx context.Context, base string, ls []*benchLearner, n int) (int, int, error) {
	client := &http.Client{Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	rng := rand.New(rand.NewPCG(7, 7))
	pick := rng.Perm(len(ls))[:min(n, len(ls))]
	total := 0
	for _, i := range pick {
		l := ls[i]
		body, err := fetchLearn(ctx, client, base, l)
		if err != nil {
			return 0, 0, err
		}
		total += len(body)
		if err := checkTiles(l, body); err != nil {
			return 0, 0, fmt.Errorf("我的学习 of %s: %w", l.no, err)
		}
	}
	return len(pick), total / len(pick), nil
}

func fetchLearn(ctx context.Context, client *http.Client, base string, l *benchLearner) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/learn", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Cookie", "sd_session="+l.session)
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("我的学习 of %s: %w", l.no, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("read 我的学习 of %s: %w", l.no, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("我的学习 of %s: %s %s", l.no, resp.Status, resp.Header.Get("Location"))
	}
	return body, nil
}

func checkTiles(l *benchLearner, body []byte) error {
	tiles := tileRe.FindAllSubmatch(body, -1)
	if len(tiles) != len(l.paths) {
		return fmt.Errorf("%d path tiles, %d paths assigned (%d bytes)", len(tiles), len(l.paths), len(body))
	}
	for _, m := range tiles {
		title := html.UnescapeString(string(m[1]))
		done, units := m[2], m[3]
		if len(done) == 0 {
			done, units = m[4], m[5]
		}
		var want *pathWant
		for _, w := range l.paths {
			if w.title == title || w.titleEN == title {
				want = &w
				break
			}
		}
		if want == nil {
			return fmt.Errorf("path tile %q is none of the learner's paths", title)
		}
		if d, _ := strconv.Atoi(string(done)); d != want.done {
			return fmt.Errorf("path %q shows %s of %s units done, seeded %d of %d", title, done, units, want.done, want.units)
		}
		if u, _ := strconv.Atoi(string(units)); u != want.units {
			return fmt.Errorf("path %q shows %s units, the pack has %d", title, units, want.units)
		}
	}
	return nil
}

// The targets for `bench learner`.
const (
	targetLearnRatio = 0.10
	targetLearnP99   = 50 * time.Millisecond
	targetImport     = 2 * time.Second
)

func (e *env) printLearner(r learnerResult) {
	w, o, s := e.io.Out, r.opts, r.seed
	fmt.Fprintf(w, "\nshopdojo bench learner — %s/%s, %d CPUs, GOMAXPROCS=%d, %s, %s\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), r.dialect)
	im := s.imp
	fmt.Fprintf(w, "  import %s into the fresh database: %d modules, %d files, %d questions, %d exams, %d rule(s) in %.2f s\n",
		s.pack, im.Modules, im.Files, im.Questions, im.Exams, im.Rules, s.importTook.Seconds())
	fmt.Fprintf(w, "  data   demo company + %d learners with a session each, %.2f paths each (%d assignments);\n",
		len(s.learners), float64(s.assignments)/float64(max(len(s.learners), 1)), s.assignments)
	fmt.Fprintf(w, "         %d progress rows each (%d on units and SOPs of the pack, %d on retired units), %d rows in all, 55–95 %% done;\n",
		o.units, s.packRows, s.retired, s.rows)
	fmt.Fprintf(w, "         seeded in %.1f s (people %.1f s, paths %.1f s, sessions %.1f s, progress rows %.1f s)\n",
		s.total.Seconds(), s.people.Seconds(), s.paths.Seconds(), s.sessions.Seconds(), s.progress.Seconds())
	fmt.Fprintf(w, "  check  GET /learn of %d random learners: 200, every path tile with the seeded done/units counts; %d bytes on average\n",
		r.checked, r.avgBytes)
	fmt.Fprintf(w, "  load   %d keep-alive connections, closed loop, each request with the session of a learner drawn at random;\n",
		o.conns)
	where := "both servers are separate processes; the load generator (this process) shares the CPUs"
	if o.inProcess {
		where = "both servers run in this process with the load generator"
	}
	fmt.Fprintf(w, "         %s warm-up + %s measured per target, one target at a time; %s\n\n", o.warmup, o.dur, where)
	fmt.Fprintf(w, rowFormat, "target", "req/s", "p50", "p95", "p99", "max", "errors", "conns", "server CPU/req", "loadgen CPU/req")
	printLoadRow(w, "bare net/http JSON", r.bare, o.conns)
	printLoadRow(w, "learner home /learn", r.learn, o.conns)
	fmt.Fprintln(w)
	ratio := 0.0
	if r.bare.rate() > 0 {
		ratio = r.learn.rate() / r.bare.rate()
	}
	fmt.Fprintf(w, targetFormat, "learn/bare throughput", fmt.Sprintf("%.2f %%", 100*ratio),
		fmt.Sprintf("target ≥ %.0f %%", 100*targetLearnRatio), verdict(ratio >= targetLearnRatio))
	p99 := r.learn.pct(99)
	fmt.Fprintf(w, targetFormat, "learn p99 latency", fmtMs(p99),
		fmt.Sprintf("target ≤ %d ms", targetLearnP99.Milliseconds()), verdict(p99 <= targetLearnP99 && r.learn.ok > 0))
	fmt.Fprintf(w, targetFormat, "learn failed requests", fmt.Sprintf("%d of %d", r.learn.bad, r.learn.ok+r.learn.bad),
		"target 0", verdict(r.learn.bad == 0 && r.learn.ok > 0))
	fmt.Fprintf(w, targetFormat, "built-in content import", fmt.Sprintf("%.2f s", s.importTook.Seconds()),
		fmt.Sprintf("target ≤ %.0f s, fresh database", targetImport.Seconds()), verdict(s.importTook <= targetImport))
	e.learnerNotes(w, r)
	printBad(w, "bare", r.bare)
	printBad(w, "learn", r.learn)
}

// learnerNotes says what bounds the figures.
func (e *env) learnerNotes(w io.Writer, r learnerResult) {
	fmt.Fprintf(w, "\n  sessions were last seen at seeding, so a learner's first request slides their session (one\n"+
		"    group-committed write), as after any idle minute in production.\n")
	if r.opts.inProcess {
		return
	}
	fmt.Fprintf(w, "  other processes on the machine used %.0f %% (bare) and %.0f %% (learn) of the CPUs while measuring.\n",
		100*max(r.bare.otherShare, 0), 100*max(r.learn.otherShare, 0))
	if r.dialect == "PostgreSQL" {
		fmt.Fprintf(w, "    PostgreSQL's own processes count among them: serve's CPU per request leaves out the database's.\n")
	}
	if r.bare.serverCPU > 0 && r.learn.serverCPU > 0 && r.bare.ok > 0 && r.learn.ok > 0 {
		bare := float64(r.bare.serverCPU) / float64(r.bare.ok)
		learn := float64(r.learn.serverCPU) / float64(r.learn.ok)
		// CPU per request depends far less than req/s on how the CPUs are
		// shared with the load generator, so it is a second view of the ratio.
		fmt.Fprintf(w, "  server CPU per request: /learn costs %.0f× bare, i.e. bare/learn = %.2f %% by CPU.\n", learn/bare, 100*bare/learn)
		if r.bare.clientCPU > r.bare.serverCPU {
			fmt.Fprintf(w, "  the bare rate is bound by the load generator here (it spends more CPU per request than the\n"+
				"    bare server on the same CPUs); a faster or separate generator raises bare and lowers the ratio.\n")
		}
	}
}
