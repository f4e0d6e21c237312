package cli

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/search"
	"github.com/shopdojo/shopdojo/internal/server"
)

// Targets of the search benchmark (issue 6).
const (
	targetSearchShare  = 0.005 // searches/s ≥ 0.5 % of bare net/http
	targetSearchP95    = 50 * time.Millisecond
	targetIndexShare   = 0.5 // indexing ≥ 50 % of bare gse segmentation
	targetSearchIdleMB = 250
	targetSearchLoadMB = 300
)

type searchOpts struct {
	docs, conns, workers int
	warmup, dur, idle    time.Duration
	profile              string // serve's CPU profile, if set
}

func benchSearchCmd(e *env) *cobra.Command {
	var o searchOpts
	c := &cobra.Command{Use: "search", Args: cobra.NoArgs,
		Short: "Index N generated documents and search them through the full stack vs bare gse and bare net/http",
		Long: `Generates --docs documents of Chinese operations text (deterministic), cuts them
with bare gse and then indexes them through the app (segmentation, tokens,
pinyin, database writes) in the same run, and reports the ratio. Then starts
the real "shopdojo serve" (its dictionary loads in the background) and a bare
net/http server as separate processes, signs in, and loads GET /search with
--conns connections cycling through a fixed list of queries, against the bare
server's rate. Prints rates, percentiles, ratios and serve's memory (VmRSS and
VmHWM) idle with the dictionary loaded and after the search load.`,
		RunE: func(cmd *cobra.Command, _ []string) error { return e.benchSearch(cmd.Context(), o) }}
	f := c.Flags()
	f.IntVar(&o.docs, "docs", 100000, "documents to generate and index")
	f.IntVar(&o.conns, "conns", 16, "concurrent keep-alive connections")
	f.IntVar(&o.workers, "workers", runtime.NumCPU(), "segmenting goroutines (bare and indexing alike)")
	f.DurationVar(&o.warmup, "warmup", 3*time.Second, "warm-up per target, not measured")
	f.DurationVar(&o.dur, "duration", 10*time.Second, "measured load per target")
	f.DurationVar(&o.idle, "idle", 5*time.Second, "idle time after search is ready before reading serve's memory")
	f.StringVar(&o.profile, "cpu-profile", "", "write serve's CPU profile to this file")
	return c
}

type searchResult struct {
	opts               searchOpts
	dialect            string
	bytes              int64
	dictLoad           time.Duration
	bareCut, index     time.Duration
	words              int
	startup, ready     time.Duration
	idleMem, loadedMem procMem
	bare, search       loadResult
	firstTotal         int
}

func (e *env) benchSearch(ctx context.Context, o searchOpts) error {
	if o.docs < 1 || o.conns < 1 || o.dur <= 0 || o.workers < 1 {
		return fmt.Errorf("bench search: --docs, --conns, --workers and --duration must be positive")
	}
	dir, err := os.MkdirTemp("", "shopdojo-bench-search-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	res := searchResult{opts: o, dialect: "SQLite"}
	cfg := config.Default()
	cfg.DataDir, cfg.DB = filepath.Join(dir, "data"), e.cfg.DB
	if cfg.DB != "" {
		res.dialect = "PostgreSQL"
	}
	if err := e.indexBench(ctx, cfg, &res); err != nil {
		return err
	}
	if err := e.measureSearch(ctx, cfg, dir, &res); err != nil {
		return err
	}
	e.printSearch(res)
	return nil
}

// indexBench seeds the demo, generates the corpus, cuts it with bare gse
// and indexes it through the app, both with the same workers.
func (e *env) indexBench(ctx context.Context, cfg config.Config, res *searchResult) error {
	seg := search.NewSegmenter()
	e.progressf("search", "loading the dictionary …")
	if err := seg.Load(); err != nil {
		return err
	}
	res.dictLoad = seg.LoadTime()
	inst, err := server.OpenApp(ctx, cfg, e.logger(), server.Options{Segmenter: seg})
	if err != nil {
		return err
	}
	defer inst.Close()
	if err := seedDemo(ctx, inst.App); err != nil {
		return err
	}
	docs, bytes := genDocs(res.opts.docs, 6, time.Now())
	res.bytes = bytes
	e.progressf("search", "bare gse over %d documents (%.1f MB) …", len(docs), float64(bytes)/1e6)
	start := time.Now()
	res.words = bareCut(seg, docs, res.opts.workers)
	res.bareCut = time.Since(start)
	e.progressf("search", "indexing them through the app …")
	start = time.Now()
	if err := inst.App.IndexDocs(ctx, docs, res.opts.workers); err != nil {
		return err
	}
	res.index = time.Since(start)
	return nil
}

func bareCut(seg *search.Segmenter, docs []search.Doc, workers int) int {
	counts := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				counts[w] += len(seg.Cut(docs[i].Title)) + len(seg.Cut(docs[i].Body))
			}
		})
	}
	wg.Wait()
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// measureSearch starts serve, waits until search answers, reads its idle
// memory, then loads the bare server and the search page.
func (e *env) measureSearch(ctx context.Context, cfg config.Config, dir string, res *searchResult) error {
	args := serveArgs(cfg)
	if res.opts.profile != "" {
		args = append(args, "--cpu-profile", res.opts.profile)
	}
	e.progressf("search", "starting serve …")
	srv, startup, err := startBenchChild(ctx, "serve", filepath.Join(dir, "serve.log"), "/readyz", args...)
	if err != nil {
		return err
	}
	defer srv.stop()
	res.startup = startup
	cookie, err := benchSignIn(ctx, srv.base)
	if err != nil {
		return err
	}
	if res.ready, res.firstTotal, err = waitSearchReady(ctx, srv.base, cookie); err != nil {
		return err
	}
	if res.idleMem, err = idleMemory(ctx, srv.pid(), res.opts.idle); err != nil {
		return err
	}
	bare, _, err := startBenchChild(ctx, "bare server", filepath.Join(dir, "bare.log"), "/", "bench", "bare-server")
	if err != nil {
		return err
	}
	defer bare.stop()
	o := res.opts
	e.progressf("search", "loading bare net/http: %s + %s …", o.warmup, o.dur)
	spec := loadSpec{url: bare.base + "/", conns: o.conns, warmup: o.warmup, dur: o.dur, pid: bare.pid()}
	if res.bare, err = runLoad(ctx, spec); err != nil {
		return err
	}
	e.progressf("search", "loading GET /search: %s + %s …", o.warmup, o.dur)
	spec = loadSpec{url: srv.base + "/search?q=", cookie: cookie, conns: o.conns, warmup: o.warmup, dur: o.dur, pid: srv.pid(),
		suffixes: benchQueries}
	if res.search, err = runLoad(ctx, spec); err != nil {
		return err
	}
	res.loadedMem = readProcMem(srv.pid())
	return nil
}

// waitSearchReady asks the API until search answers (503 while the
// dictionary loads) and the curriculum and corpus are found.
func waitSearchReady(ctx context.Context, base, cookie string) (time.Duration, int, error) {
	start := time.Now()
	client := &http.Client{Timeout: 10 * time.Second}
	for time.Since(start) < 2*time.Minute {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1/search?q="+url.QueryEscape("退款"), nil)
		req.Header.Set("Cookie", cookie)
		resp, err := client.Do(req)
		if err == nil {
			var body struct{ Total int }
			if derr := decodeJSON(resp, &body); derr == nil && resp.StatusCode == http.StatusOK && body.Total > 0 {
				return time.Since(start), body.Total, nil
			}
		}
		select {
		case <-ctx.Done():
			return 0, 0, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return 0, 0, fmt.Errorf("search did not become ready in 2 minutes")
}

func (e *env) progressf(bench, format string, args ...any) {
	fmt.Fprintf(e.io.Err, "bench "+bench+": "+format+"\n", args...)
}
