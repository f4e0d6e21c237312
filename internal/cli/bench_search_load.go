package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"time"
)

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
