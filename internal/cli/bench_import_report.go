package cli

import (
	"fmt"
	"io"
	"runtime"
	"time"
)

// The targets for `bench import`.
const (
	targetImportRatio = 0.50 // CSV import rows/s over the raw insert's
	targetXLSXRatio   = 0.50 // XLSX import rows/s over the bare scan's
	targetDashboard   = time.Second
	targetImportRSSMB = 512
	targetMaskMBps    = 5.0
)

// importRowFormat lays out the measured rates: what, count, time, rate.
const importRowFormat = "  %-36s %12s %10s %14s\n"

func (e *env) printImportBench(r importResult) {
	w, o := e.io.Out, r.opts
	fmt.Fprintf(w, "\nshopdojo bench import — %s/%s, %d CPUs, GOMAXPROCS=%d, %s, SQLite (synchronous=FULL)\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	fmt.Fprintf(w, "  data   千牛/天猫 order report, seed %d: %d orders as CSV (%.1f MB), %d as XLSX (%.1f MB), generated in %.1f s;\n",
		o.seed, o.rows, megabytes(r.csvBytes), o.xlsxRows, megabytes(r.xlsxBytes), r.genTook.Seconds())
	fmt.Fprintf(w, "         %d distinct buyers, %d orders paid in the dashboard's default period (its last 30 days)\n\n",
		r.distinctBuyers, r.paid)
	fmt.Fprintf(w, importRowFormat, "measured", "items", "time", "rate")
	rateRow(w, "raw INSERT, one transaction", r.raw, "rows")
	rateRow(w, "CSV import (app.ImportKPI)", r.csv, "rows")
	rateRow(w, "XLSX bare excelize row scan", r.xlsxScan, "rows")
	rateRow(w, "XLSX import (app.ImportKPI)", r.xlsx, "rows")
	fmt.Fprintf(w, importRowFormat, "masker Text, one goroutine", fmt.Sprintf("%.1f MB", megabytes(r.mask.n)), secs(r.mask.took),
		fmt.Sprintf("%.1f MB/s", r.mask.rate()/1e6))
	fmt.Fprintf(w, importRowFormat, "bare UTF-8 check + copy", fmt.Sprintf("%.1f MB", megabytes(r.maskBare.n)), secs(r.maskBare.took),
		fmt.Sprintf("%.0f MB/s", r.maskBare.rate()/1e6))
	fmt.Fprintln(w)
	printImportTargets(w, r)
	printImportNotes(w, r)
}

func rateRow(w io.Writer, name string, r rateResult, unit string) {
	fmt.Fprintf(w, importRowFormat, name, fmt.Sprint(r.n), secs(r.took), fmt.Sprintf("%.0f %s/s", r.rate(), unit))
}

func printImportTargets(w io.Writer, r importResult) {
	ratio := func(a, b rateResult) float64 {
		if b.rate() == 0 {
			return 0
		}
		return a.rate() / b.rate()
	}
	csv, xlsx := ratio(r.csv, r.raw), ratio(r.xlsx, r.xlsxScan)
	fmt.Fprintf(w, targetFormat, "CSV import / raw", fmt.Sprintf("%.1f %%", 100*csv),
		fmt.Sprintf("target ≥ %.0f %% of the raw insert rate", 100*targetImportRatio), verdict(csv >= targetImportRatio))
	fmt.Fprintf(w, targetFormat, "XLSX import / bare scan", fmt.Sprintf("%.1f %%", 100*xlsx),
		fmt.Sprintf("target ≥ %.0f %% of the bare scan rate", 100*targetXLSXRatio), verdict(xlsx >= targetXLSXRatio))
	d := r.dash
	worst := time.Duration(0)
	if len(d.views) > 0 {
		worst = d.views[len(d.views)-1]
	}
	fmt.Fprintf(w, targetFormat, "dashboard recompute", fmt.Sprintf("%.0f ms", millis(worst)),
		fmt.Sprintf("target ≤ %.0f s, slowest of %d views", targetDashboard.Seconds(), len(d.views)),
		verdict(len(d.views) > 0 && worst <= targetDashboard))
	if c := r.child; c.skipped != "" {
		fmt.Fprintf(w, targetFormat, "import peak RSS", "n/a", c.skipped, "")
	} else {
		fmt.Fprintf(w, targetFormat, "import peak RSS", fmt.Sprintf("%.0f MB", float64(c.hwm)/(1<<20)),
			fmt.Sprintf("target ≤ %d MB, child import kpi", targetImportRSSMB), verdict(c.hwm > 0 && c.hwm <= targetImportRSSMB<<20))
	}
	mbps := r.mask.rate() / 1e6
	fmt.Fprintf(w, targetFormat, "masker throughput", fmt.Sprintf("%.1f MB/s", mbps),
		fmt.Sprintf("target ≥ %.0f MB/s on one core", targetMaskMBps), verdict(mbps >= targetMaskMBps))
	fmt.Fprintf(w, "  %-22s %10s   (reported, no target)\n", "dashboard first view", fmt.Sprintf("%.0f ms", millis(d.first)))
}

// printImportNotes says what each figure includes.
func printImportNotes(w io.Writer, r importResult) {
	d := r.dash
	fmt.Fprintf(w, "\n  raw: the CSV's orders as the rows the import stores (pseudonyms, province/city), made before timing;\n"+
		"    one BEGIN … COMMIT with one prepared INSERT into kpi_orders, one fsync at the end.\n")
	fmt.Fprintf(w, "  import: app.ImportKPI end to end — three reads of the file (head, a check of every row, the write),\n"+
		"    masking (overlapping the writes), upserts 200 rows a statement in transactions of 10,000 (an fsync each),\n"+
		"    progress rows twice a second and the audit event.\n")
	fmt.Fprintf(w, "  xlsx: the bare scan opens the workbook and reads every row's cells once (excelize Rows/Columns);\n"+
		"    the import reads the workbook in each of its three passes, each row once (internal/sheet reads the zip directly).\n")
	if len(d.views) > 0 {
		fmt.Fprintf(w, "  dashboard: StoreDashboard as the page calls it (store, targets, import stamp, two computes, gaps, plan);\n"+
			"    the first view after an import reads every line and folds it into the per-store cache: %.0f ms,\n"+
			"    %.0f MB of live heap (%.0f MB per million lines); views by total, day and region: median %.0f ms.\n",
			millis(d.first), megabytes(d.heapBytes), megabytes(d.heapBytes)*1e6/float64(max(r.opts.rows, 1)), millis(d.views[len(d.views)/2]))
	}
	if r.child.skipped == "" {
		fmt.Fprintf(w, "  peak RSS: VmHWM of the child `shopdojo import kpi`, read every 10 ms over its %.1f s run; the\n"+
			"    kernel's rusage says %.0f MB, which on Linux includes this bench's own peak (Go starts children with\n"+
			"    CLONE_VM and exec records the departing memory's high-water mark).\n",
			r.child.took.Seconds(), float64(r.child.maxRSS)/(1<<20))
	}
	fmt.Fprintf(w, "  masker: mask.Masker.Text on one goroutine (the GC may use another core), %.0f× slower than the bare copy.\n",
		r.maskBare.rate()/max(r.mask.rate(), 1))
	fmt.Fprintf(w, "  every figure shares this machine's %d CPUs with whatever else runs on it; rates vary between runs.\n",
		runtime.NumCPU())
}

func megabytes(n int64) float64 { return float64(n) / 1e6 }

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
