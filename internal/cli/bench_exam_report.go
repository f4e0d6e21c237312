package cli

import (
	"fmt"
	"runtime"
	"time"
)

// The targets for `bench exam`.
const (
	targetSaveRatio = 0.30
	targetSaveP99   = 20 * time.Millisecond
	targetOpenP99   = 50 * time.Millisecond
	targetStartP99  = time.Second
)

func (e *env) printExam(r examResult) {
	w, o := e.io.Out, r.opts
	fmt.Fprintf(w, "\nshopdojo bench exam — %s/%s, %d CPUs, GOMAXPROCS=%d, %s, %s\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), r.dialect)
	fmt.Fprintf(w, "  data   demo company + %d examinees with sessions, one exam of %d questions, seeded in %.1f s\n",
		len(r.seed.people), r.seed.questions, r.seed.took.Seconds())
	fmt.Fprintf(w, "  saves  POST /attempts/{id}/answers with session and device cookies, one answer each, acknowledged\n"+
		"         after commit; %d of the examinees save; both servers are separate processes\n\n", o.examinees)
	fmt.Fprintf(w, rowFormat, "target", "req/s", "p50", "p95", "p99", "max", "errors", "conns", "server CPU/req", "loadgen CPU/req")
	printLoadRow(w, "bare net/http JSON", r.bare, o.conns)
	printLoadRow(w, fmt.Sprintf("start ×%d at once", len(r.seed.people)), r.start, len(r.seed.people))
	printLoadRow(w, "saves, closed loop", r.saves, o.conns)
	printLoadRow(w, "saves, paced, max ok", r.slo, o.conns)
	printLoadRow(w, fmt.Sprintf("saves, %.0f/s open", o.peakFactor*realisticPeak), r.open, o.conns)
	fmt.Fprintln(w)
	ratio, sat := 0.0, 0.0
	if r.bare.rate() > 0 {
		ratio, sat = r.sloRate/r.bare.rate(), r.saves.rate()/r.bare.rate()
	}
	fmt.Fprintf(w, targetFormat, "sustained saves/bare", fmt.Sprintf("%.1f %%", 100*ratio),
		fmt.Sprintf("target ≥ %.0f %% with p99 ≤ %d ms", 100*targetSaveRatio, targetSaveP99.Milliseconds()),
		verdict(ratio >= targetSaveRatio))
	fmt.Fprintf(w, targetFormat, "  at that rate, p99", fmtMs(r.slo.pct(99)),
		fmt.Sprintf("target ≤ %d ms, %d paced conns", targetSaveP99.Milliseconds(), o.conns),
		verdict(r.slo.ok > 0 && r.slo.bad == 0 && r.slo.pct(99) <= targetSaveP99))
	fmt.Fprintf(w, targetFormat, "saturated saves/bare", fmt.Sprintf("%.1f %%", 100*sat),
		fmt.Sprintf("p99 %s (bare's own p99 %s)", fmtMs(r.saves.pct(99)), fmtMs(r.bare.pct(99))), "info")
	fmt.Fprintf(w, targetFormat, "saves p99 (open loop)", fmtMs(r.open.pct(99)),
		fmt.Sprintf("target ≤ %d ms at %.0f× realistic peak", targetOpenP99.Milliseconds(), o.peakFactor),
		verdict(r.open.ok > 0 && r.open.bad == 0 && r.open.pct(99) <= targetOpenP99))
	fmt.Fprintf(w, targetFormat, "start p99 (burst)", fmtMs(r.start.pct(99)),
		fmt.Sprintf("target ≤ %d ms, all served", targetStartP99.Milliseconds()),
		verdict(r.start.bad == 0 && r.start.pct(99) <= targetStartP99))
	fmt.Fprintf(w, targetFormat, "acknowledged answers lost", fmt.Sprintf("%d of %d", r.lost, r.acked), "target 0", verdict(r.lost == 0))
	integrity := "ok"
	if r.integrity != nil {
		integrity = r.integrity.Error()
	}
	fmt.Fprintf(w, targetFormat, "database integrity", integrity, "", verdict(r.integrity == nil))
	printBad(w, "start", r.start)
	printBad(w, "saves", r.saves)
	printBad(w, "open", r.open)
	fmt.Fprintf(w, "\n  rates tried for the sustained save rate:")
	for _, st := range r.sloSteps {
		fmt.Fprintf(w, " %.0f/s (p99 %s %s)", st.rate, fmtMs(st.p99), verdict(st.ok))
	}
	fmt.Fprintln(w)
}
