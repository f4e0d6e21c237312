package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/kpi"
	"github.com/shopdojo/shopdojo/internal/mask"
)

// rawOrder is a kpi_orders row as the import would store it, made before
// the raw insert is timed.
type rawOrder struct {
	order, line, buyer, status, title, region string
	created, paid, total, amountPaid, refund  int64
	units                                     int64
}

// benchMaskKey keys the bench's own masker (the raw rows' pseudonyms and
// the throughput run); the app uses its installation key.
var benchMaskKey = []byte("shopdojo bench import: a fixed 32+ byte masking key")

// rawOrders regenerates the CSV's orders as stored rows, counting the
// distinct buyers and the orders paid in the dashboard's default period.
func rawOrders(o importOpts, m *mask.Masker, res *importResult) []rawOrder {
	g := newOrderGen(o.seed, o.rows)
	out := make([]rawOrder, o.rows)
	buyers := map[string]struct{}{}
	var last int64
	for i := range out {
		x := g.next()
		region, _ := mask.Generalize(x.addr)
		r := rawOrder{order: x.id, line: "#" + strconv.Itoa(i+2), buyer: m.Pseudonym(mask.BuyerID, x.buyer),
			status: x.status, title: x.title, region: region, created: x.created.UnixMilli(), total: x.total,
			amountPaid: x.paid, refund: x.refund, units: x.units}
		if !x.paidAt.IsZero() {
			r.paid = x.paidAt.UnixMilli()
		}
		buyers[x.buyer] = struct{}{}
		last = max(last, r.created, r.paid)
		out[i] = r
	}
	res.distinctBuyers = len(buyers)
	// The default period: the 30 days up to the end of the last day with data.
	y, mo, d := time.UnixMilli(last).In(shanghaiZone()).Date()
	to := time.Date(y, mo, d+1, 0, 0, 0, 0, shanghaiZone())
	from, toMs := to.AddDate(0, 0, -30).UnixMilli(), to.UnixMilli()
	for _, r := range out {
		if r.paid != 0 && r.paid >= from && r.paid < toMs {
			res.paid++
		}
	}
	return out
}

// benchRawInsert is the bare limit: one transaction, one prepared INSERT.
func (e *env) benchRawInsert(ctx context.Context, dir string, res *importResult) error {
	m, err := mask.New(benchMaskKey, mask.Options{})
	if err != nil {
		return err
	}
	rows := rawOrders(res.opts, m, res)
	inst, storeID, err := e.benchStore(ctx, dir)
	if err != nil {
		return err
	}
	defer inst.Close()
	e.say("import", "raw: inserting %d rows in one transaction …", len(rows))
	db := inst.Store.Raw() // the write connection, as the import's batches use
	t := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("raw insert: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO kpi_orders (store_id, order_id, line_id, buyer, created_at, paid_at,
		status, amount_total, amount_paid, refund_amount, refund_status, product_id, product_name, sku, units, unit_price,
		region, channel, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', ?, '', ?, 0, ?, '', 'raw')`)
	if err != nil {
		return fmt.Errorf("raw insert: prepare: %w", err)
	}
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, storeID, r.order, r.line, r.buyer, r.created, r.paid, r.status, r.total,
			r.amountPaid, r.refund, r.title, r.units, r.region); err != nil {
			return fmt.Errorf("raw insert of order %s: %w", r.order, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("raw insert: commit: %w", err)
	}
	res.raw = rateResult{n: int64(len(rows)), took: time.Since(t)}
	return nil
}

// importFile runs the app's import of path into the store, timed.
func importFile(ctx context.Context, a *app.App, storeID, path string) (app.KPIImportReport, rateResult, error) {
	st, err := os.Stat(path)
	if err != nil {
		return app.KPIImportReport{}, rateResult{}, err
	}
	t := time.Now()
	rep, err := a.ImportKPI(ctx, cliActor, app.KPIImport{StoreID: storeID, Preset: "tmall_orders",
		FileName: filepath.Base(path), Size: st.Size(), Open: func() (io.ReadCloser, error) { return os.Open(path) }})
	took := time.Since(t)
	if err == nil && (rep.Status != app.ImportDone || rep.Summary.Problems > 0) {
		err = fmt.Errorf("import of %s: %s, %d problems, first %+v", path, rep.Status, rep.Summary.Problems, rep.Problems)
	}
	return rep, rateResult{n: int64(rep.Stored), took: took}, err
}

// benchCSVImport imports the CSV through the app and then times the
// dashboard over it on the same instance.
func (e *env) benchCSVImport(ctx context.Context, dir, csvPath string, res *importResult) error {
	inst, storeID, err := e.benchStore(ctx, dir)
	if err != nil {
		return err
	}
	defer inst.Close()
	e.say("import", "importing the %d-order CSV through the app …", res.opts.rows)
	rep, r, err := importFile(ctx, inst.App, storeID, csvPath)
	if err != nil {
		return err
	}
	if rep.Stored != res.opts.rows {
		return fmt.Errorf("csv import stored %d of %d orders", rep.Stored, res.opts.rows)
	}
	res.csv = r
	e.say("import", "dashboard over %d orders: first view, then %d more …", rep.Stored, res.opts.views)
	res.dash, err = timeDashboard(ctx, inst.App, storeID, res.opts.views, res.paid)
	return err
}

// dashResult is the dashboard's timings and the heap its cache holds.
type dashResult struct {
	first     time.Duration
	views     []time.Duration // sorted
	heapBytes int64           // live heap after the first view minus before it
	paid      float64         // paid orders the default period showed
}

// timeDashboard times the first view (which reads and folds every line
// into the cache) and repeated views with a few groupings, and checks the
// figures against the generated orders.
func timeDashboard(ctx context.Context, a *app.App, storeID string, views, wantPaid int) (dashResult, error) {
	var d dashResult
	before := liveHeap()
	t := time.Now()
	first, err := a.StoreDashboard(ctx, cliActor, storeID, app.DashboardQuery{})
	d.first = time.Since(t)
	if err != nil {
		return d, fmt.Errorf("dashboard: %w", err)
	}
	d.heapBytes = liveHeap() - before
	m, _ := first.Result.Total.Metric(kpi.PaidOrders)
	if d.paid = m.Value; int(m.Value) != wantPaid {
		return d, fmt.Errorf("dashboard shows %v paid orders in %s..%s, generated %d", m.Value,
			first.Query.From.Format(time.DateOnly), first.Query.To.Format(time.DateOnly), wantPaid)
	}
	bys := []kpi.Dimension{kpi.ByNone, kpi.ByDay, kpi.ByRegion}
	for i := range views {
		t := time.Now()
		if _, err := a.StoreDashboard(ctx, cliActor, storeID, app.DashboardQuery{By: bys[i%len(bys)]}); err != nil {
			return d, fmt.Errorf("dashboard: %w", err)
		}
		d.views = append(d.views, time.Since(t))
	}
	slices.Sort(d.views)
	return d, nil
}

func liveHeap() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// benchXLSX scans the workbook bare (open, every row's cells), then
// imports it through the app into a fresh database.
func (e *env) benchXLSX(ctx context.Context, dir, path string, res *importResult) error {
	e.say("import", "xlsx: bare excelize scan, then the import of %d orders …", res.opts.xlsxRows)
	t := time.Now()
	n, err := scanXLSX(path)
	if err != nil {
		return err
	}
	res.xlsxScan = rateResult{n: int64(n), took: time.Since(t)}
	inst, storeID, err := e.benchStore(ctx, dir)
	if err != nil {
		return err
	}
	defer inst.Close()
	rep, r, err := importFile(ctx, inst.App, storeID, path)
	if err == nil && rep.Stored != res.opts.xlsxRows {
		err = fmt.Errorf("xlsx import stored %d of %d orders", rep.Stored, res.opts.xlsxRows)
	}
	res.xlsx = r
	return err
}

// scanXLSX is the least an XLSX import must do: open the workbook and
// read every row's cells once. It returns the data rows.
func scanXLSX(path string) (int, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return 0, fmt.Errorf("rows of %s: %w", path, err)
	}
	defer rows.Close()
	n, cells := 0, 0
	for rows.Next() {
		c, err := rows.Columns()
		if err != nil {
			return n, fmt.Errorf("row %d of %s: %w", n+1, path, err)
		}
		n, cells = n+1, cells+len(c)
	}
	if cells == 0 {
		return 0, fmt.Errorf("%s: no cells", path)
	}
	return n - 1, rows.Error()
}

// childResult is the child import's peak memory and time.
type childResult struct {
	hwm     int64 // bytes: the child's VmHWM, sampled until it exits
	maxRSS  int64 // bytes: rusage max RSS, which on Linux also holds this process's peak (see below)
	took    time.Duration
	skipped string // why it did not run
}

// benchImportChild runs `shopdojo import kpi` of the CSV as a separate
// process, as an operator would, and reads its peak RSS. The kernel's
// rusage max RSS of a child started by Go is not the child's alone: Go
// starts children with vfork semantics (CLONE_VM), and exec records the
// high-water mark of the memory it leaves, which is this process's. So
// the figure checked is the child's own VmHWM, read every 10 ms while it
// runs (it only grows, so the last reading is at most 10 ms old).
func (e *env) benchImportChild(ctx context.Context, dir, csvPath string, res *importResult) error {
	if res.opts.inProcess {
		res.child.skipped = "not run in tests (the test binary is not shopdojo)"
		return nil
	}
	inst, _, err := e.benchStore(ctx, dir)
	if err != nil {
		return err
	}
	inst.Close()
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find own binary: %w", err)
	}
	e.say("import", "peak memory: shopdojo import kpi of the CSV as a child process …")
	logPath := filepath.Join(dir, "import.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logFile.Close()
	cmd := exec.CommandContext(ctx, exe, "--data", dir, "import", "kpi", "--store", benchStoreName, "--preset", "tmall_orders", csvPath)
	cmd.Stdout, cmd.Stderr, cmd.Env = logFile, logFile, benchChildEnv()
	t := time.Now()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start child import: %w", err)
	}
	done := make(chan struct{})
	hwm := make(chan int64, 1)
	go func() { hwm <- sampleHWM(cmd.Process.Pid, done) }()
	err = cmd.Wait()
	close(done)
	res.child.took, res.child.hwm = time.Since(t), <-hwm
	if err != nil {
		b, _ := os.ReadFile(logPath)
		return fmt.Errorf("child import: %w\n%s", err, tail(b, 2000))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.child.maxRSS = ru.Maxrss * 1024 // KiB on Linux
	}
	return nil
}

// sampleHWM reads the process's VmHWM every 10 ms until done and returns
// the highest value read.
func sampleHWM(pid int, done <-chan struct{}) int64 {
	var peak int64
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if v, err := procStatusKB(pid, "VmHWM:"); err == nil {
			peak = max(peak, v<<10)
		}
		select {
		case <-done:
			return peak
		case <-tick.C:
		}
	}
}

// procStatusKB is a "Name: N kB" line of /proc/PID/status.
func procStatusKB(pid int, name string) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, name); ok {
			return strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", name, pid)
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
