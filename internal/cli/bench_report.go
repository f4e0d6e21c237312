package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"time"
)

// The targets for `bench pages`.
const (
	targetRatio     = 0.10
	targetP99       = 50 * time.Millisecond
	targetIdleMB    = 80  // until Chinese search (gse and its dictionary) lands
	targetIdleMBGse = 250 // after
	gseModule       = "github.com/go-ego/gse"
	maxOtherShare   = 0.10 // of all CPUs, used by other processes, before a row is flagged
)

// rowFormat lays out the results table (all cells pre-formatted), and
// targetFormat one checked figure: name, value, target, verdict.
const (
	rowFormat    = "  %-20s %8s %10s %10s %10s %10s %6s %5s %14s %15s\n"
	targetFormat = "  %-22s %10s   %-40s %s\n"
)

func (e *env) printPages(r pagesResult) {
	w, o := e.io.Out, r.opts
	fmt.Fprintf(w, "\nshopdojo bench pages — %s/%s, %d CPUs, GOMAXPROCS=%d, %s, %s\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), r.dialect)
	fmt.Fprintf(w, "  data   %d people (%d active) seeded in %.1f s: demo company + roster import through the app\n",
		r.seed.people, r.seed.active, r.seed.took.Seconds())
	fmt.Fprintf(w, "  login  %s via POST /login; home page checked once: 200, %d bytes, shows %d active\n",
		benchLoginAs, r.homeBytes, r.seed.active)
	fmt.Fprintf(w, "  load   %d keep-alive connections, closed loop, %s warm-up + %s measured per target, one target at a time;\n",
		o.conns, o.warmup, o.dur)
	fmt.Fprintf(w, "         both servers are separate processes; the load generator (this process) shares the CPUs\n\n")
	fmt.Fprintf(w, rowFormat, "target", "req/s", "p50", "p95", "p99", "max", "errors", "conns", "server CPU/req", "loadgen CPU/req")
	printLoadRow(w, "bare net/http JSON", r.bare, o.conns)
	printLoadRow(w, "signed-in home page", r.home, o.conns)
	fmt.Fprintln(w)
	printTargets(w, r)
	printNotes(w, r)
	printBad(w, "bare", r.bare)
	printBad(w, "home", r.home)
}

func printLoadRow(w io.Writer, name string, r loadResult, conns int) {
	fmt.Fprintf(w, rowFormat, name, fmt.Sprintf("%.0f", r.rate()),
		fmtMs(r.pct(50)), fmtMs(r.pct(95)), fmtMs(r.pct(99)), fmtMs(r.pct(100)),
		fmt.Sprint(r.bad), fmt.Sprint(r.dials), perRequest(r.serverCPU, r.ok), perRequest(r.clientCPU, r.ok))
	// A rare extra dial is the transport replacing a connection; many mean
	// keep-alive was lost and connection set-up got measured too.
	if r.dials > int64(conns)+int64(conns)/10 {
		fmt.Fprintf(w, "  %-20s warning: %d connections opened for %d workers: keep-alive was not kept\n", "", r.dials, conns)
	}
	if r.otherShare > maxOtherShare {
		fmt.Fprintf(w, "  %-20s warning: other processes used %.0f %% of the CPUs meanwhile; this row is not reliable\n",
			"", 100*r.otherShare)
	}
}

func printTargets(w io.Writer, r pagesResult) {
	ratio := 0.0
	if r.bare.rate() > 0 {
		ratio = r.home.rate() / r.bare.rate()
	}
	fmt.Fprintf(w, targetFormat, "home/bare throughput", fmt.Sprintf("%.2f %%", 100*ratio),
		fmt.Sprintf("target ≥ %.0f %%", 100*targetRatio), verdict(ratio >= targetRatio))
	p99 := r.home.pct(99)
	fmt.Fprintf(w, targetFormat, "home p99 latency", fmtMs(p99),
		fmt.Sprintf("target ≤ %d ms", targetP99.Milliseconds()), verdict(p99 <= targetP99 && r.home.ok > 0))
	limit, why := idleTarget()
	idle := r.idleMem
	fmt.Fprintf(w, targetFormat, "idle RSS of serve", idle.mb(idle.rss),
		fmt.Sprintf("target ≤ %d MB (%s)", limit, why), verdict(idle.err == nil && idle.rss <= int64(limit)<<20))
	fmt.Fprintf(w, "  %-22s %10s   (reported, no target)\n", "start-up to ready", fmt.Sprintf("%d ms", r.startup.Milliseconds()))
}

// printNotes says how the figures were taken and what bounds them.
func printNotes(w io.Writer, r pagesResult) {
	fmt.Fprintf(w, "\n  idle RSS: VmRSS of the serve process %s after ready, before any page; after the load\n", r.opts.idle)
	fmt.Fprintf(w, "    VmRSS %s, peak VmHWM %s.\n", r.loadedMem.mb(r.loadedMem.rss), r.loadedMem.mb(r.loadedMem.peak))
	if r.idleMem.err != nil {
		fmt.Fprintf(w, "    memory not read: %v\n", r.idleMem.err)
	}
	fmt.Fprintf(w, "  start-up: exec of serve until /readyz first answered 200, on the seeded %d-person database.\n", r.seed.people)
	fmt.Fprintf(w, "  other processes on the machine used %.0f %% (bare) and %.0f %% (home) of the CPUs while measuring.\n",
		100*max(r.bare.otherShare, 0), 100*max(r.home.otherShare, 0))
	if r.bare.serverCPU > 0 && r.home.serverCPU > 0 {
		bare := float64(r.bare.serverCPU) / float64(r.bare.ok)
		home := float64(r.home.serverCPU) / float64(r.home.ok)
		// CPU per request depends far less than req/s on how the CPUs are
		// shared with the load generator, so it is a second view of the ratio.
		fmt.Fprintf(w, "  server CPU per request: home costs %.0f× bare, i.e. bare/home = %.2f %% by CPU.\n",
			home/bare, 100*bare/home)
		if r.bare.clientCPU > r.bare.serverCPU {
			fmt.Fprintf(w, "  the bare rate is bound by the load generator here (it spends more CPU per request than the\n"+
				"    bare server on the same CPUs); a faster or separate generator raises bare and lowers the ratio.\n")
		}
	}
}

// idleTarget picks the memory target by whether this binary was built with
// the Chinese word segmenter, whose dictionary the higher limit allows for.
func idleTarget() (int, string) {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == gseModule {
				return targetIdleMBGse, "with Chinese search"
			}
		}
	}
	return targetIdleMB, "no Chinese search yet"
}

func printBad(w io.Writer, name string, r loadResult) {
	if r.bad > 0 {
		fmt.Fprintf(w, "  %s: %d failed requests, first: %s\n", name, r.bad, r.firstBad)
	}
}

func verdict(ok bool) string {
	if ok {
		return "ok"
	}
	return "MISSED"
}

func fmtMs(d time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000)
}

// perRequest is CPU time per answered request; /proc counts CPU in 10 ms
// ticks, which over seconds of load is precise enough.
func perRequest(cpu time.Duration, n int) string {
	if n == 0 || cpu == 0 {
		return "n/a"
	}
	us := float64(cpu.Microseconds()) / float64(n)
	if us >= 1000 {
		return fmt.Sprintf("%.1f ms", us/1000)
	}
	return fmt.Sprintf("%.0f µs", us)
}
