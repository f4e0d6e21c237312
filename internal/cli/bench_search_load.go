package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// runSearchLoad is runLoad with each worker cycling through benchQueries
// (appended to s.url), starting at its own offset.
func runSearchLoad(ctx context.Context, s loadSpec) (loadResult, error) {
	var dials atomic.Int64
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{MaxIdleConnsPerHost: s.conns, MaxConnsPerHost: s.conns, IdleConnTimeout: time.Minute,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dials.Add(1)
			return dialer.DialContext(ctx, network, addr)
		}}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if _, err := searchPhase(ctx, client, s, s.warmup); err != nil {
		return loadResult{}, err
	}
	before := takeCPU(s.pid)
	r, err := searchPhase(ctx, client, s, s.dur)
	if err != nil {
		return loadResult{}, err
	}
	r.cpu(before, takeCPU(s.pid))
	r.dials = dials.Load()
	return r, nil
}

func searchPhase(ctx context.Context, client *http.Client, s loadSpec, d time.Duration) (loadResult, error) {
	start := time.Now()
	deadline := start.Add(d)
	results := make([]workerResult, s.conns)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			var w workerResult
			for n := i; ctx.Err() == nil && time.Now().Before(deadline); n++ {
				t := time.Now()
				if err := get(ctx, client, s.url+url.QueryEscape(benchQueries[n%len(benchQueries)]), s.cookie); err != nil {
					w.bad++
					if w.firstBad == "" {
						w.firstBad = err.Error()
					}
					continue
				}
				w.lat = append(w.lat, time.Since(t))
			}
			results[i] = w
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return loadResult{}, err
	}
	return collect(results, time.Since(start)), nil
}

func decodeJSON(resp *http.Response, v any) error {
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

func (e *env) printSearch(r searchResult) {
	w, o := e.io.Out, r.opts
	mb := float64(r.bytes) / 1e6
	fmt.Fprintf(w, "\nshopdojo bench search — %s/%s, %d CPUs, GOMAXPROCS=%d, %s, %s\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), r.dialect)
	fmt.Fprintf(w, "  corpus      %d generated documents, %.1f MB of Chinese text; dictionary loaded in %s\n",
		o.docs, mb, r.dictLoad.Round(time.Millisecond))
	bareRate, ixRate := mb/r.bareCut.Seconds(), mb/r.index.Seconds()
	fmt.Fprintf(w, "  bare gse    %.2f MB/s (%d words in %.1f s, %d workers)\n", bareRate, r.words, r.bareCut.Seconds(), o.workers)
	fmt.Fprintf(w, "  indexing    %.2f MB/s, %.0f docs/s (%.1f s through app.IndexDocs: tokens, pinyin, database)\n",
		ixRate, float64(o.docs)/r.index.Seconds(), r.index.Seconds())
	fmt.Fprintf(w, "  serve       up in %s; search answered after %s more (dictionary loading off the request path, 503 meanwhile); 退款: %d results\n",
		r.startup.Round(time.Millisecond), r.ready.Round(time.Millisecond), r.firstTotal)
	fmt.Fprintf(w, "  load        %d connections, %s warm-up + %s measured, %d queries in turn\n\n", o.conns, o.warmup, o.dur, len(benchQueries))
	fmt.Fprintf(w, rowFormat, "target", "req/s", "p50", "p95", "p99", "max", "errors", "conns", "server CPU/req", "loadgen CPU/req")
	printLoadRow(w, "bare net/http JSON", r.bare, o.conns)
	printLoadRow(w, "GET /search", r.search, o.conns)
	share := r.search.rate() / r.bare.rate()
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  search ÷ bare       %.2f %%   (target ≥ %.1f %%)  %s\n", 100*share, 100*targetSearchShare, verdict(share >= targetSearchShare))
	fmt.Fprintf(w, "  search p95          %s   (target ≤ %s)  %s\n", fmtMs(r.search.pct(95)), fmtMs(targetSearchP95), verdict(r.search.pct(95) <= targetSearchP95))
	fmt.Fprintf(w, "  indexing ÷ bare gse %.1f %%   (target ≥ %.0f %%)  %s\n", 100*ixRate/bareRate, 100*targetIndexShare, verdict(ixRate/bareRate >= targetIndexShare))
	fmt.Fprintf(w, "  serve idle          VmRSS %s, VmHWM %s (target ≤ %d MB)  %s\n", r.idleMem.mb(r.idleMem.rss), r.idleMem.mb(r.idleMem.peak),
		targetSearchIdleMB, verdict(r.idleMem.err == nil && r.idleMem.rss <= targetSearchIdleMB<<20))
	fmt.Fprintf(w, "  serve under load    VmRSS %s, VmHWM %s (target ≤ %d MB)  %s\n", r.loadedMem.mb(r.loadedMem.rss), r.loadedMem.mb(r.loadedMem.peak),
		targetSearchLoadMB, verdict(r.loadedMem.err == nil && r.loadedMem.peak <= targetSearchLoadMB<<20))
	printBad(w, "bare", r.bare)
	printBad(w, "search", r.search)
}
