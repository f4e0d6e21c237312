package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/server"
)

// importOpts are the knobs of `bench import`; the defaults are the issue's.
type importOpts struct {
	rows, xlsxRows int
	seed           uint64
	views          int   // repeated dashboard views timed
	noteBytes      int64 // order-note text through the masker
	keep           string
	inProcess      bool // tests: no child process (the test binary cannot run import kpi)
}

func benchImportCmd(e *env) *cobra.Command {
	var o importOpts
	c := &cobra.Command{Use: "import", Args: cobra.NoArgs,
		Short: "Store-export import vs a raw one-transaction insert, XLSX vs a bare excelize scan, dashboard, memory, masker",
		Long: `Generates a 千牛/天猫 order report of --rows orders (deterministic, --seed) as CSV
and --xlsx-rows of them as XLSX, then measures in one run, each on a fresh
SQLite database (synchronous=FULL) in a temporary directory:

  1. raw: the same orders, turned into rows beforehand, inserted in one
     transaction with one prepared INSERT into kpi_orders (the bare limit);
  2. the full import of the CSV through the app (check, mask, batched upserts);
  3. a bare excelize scan of the XLSX (every row's cells) vs its full import;
  4. the dashboard over the imported orders: the first view (reads and folds
     every line) and --views repeated views (compute only);
  5. peak memory (max RSS) of "shopdojo import kpi" of the CSV as a child process;
  6. the masker on generated order notes on one goroutine vs a bare copy.

It prints each figure with the issue's target. Everything runs on this
machine's CPUs, shared with whatever else runs on it.`,
		RunE: func(cmd *cobra.Command, _ []string) error { return e.benchImport(cmd.Context(), o) }}
	f := c.Flags()
	f.IntVar(&o.rows, "rows", 1_000_000, "orders in the CSV and the raw insert")
	f.IntVar(&o.xlsxRows, "xlsx-rows", 100_000, "orders in the XLSX")
	f.Uint64Var(&o.seed, "seed", 1, "generator seed")
	f.IntVar(&o.views, "views", 5, "repeated dashboard views timed after the first")
	f.Int64Var(&o.noteBytes, "note-mb", 16, "MB of order-note text for the masker")
	f.StringVar(&o.keep, "keep", "", "generate the files into this directory and keep them (default: a removed temp dir)")
	return c
}

// importResult is everything one run measured.
type importResult struct {
	opts                 importOpts
	csvBytes, xlsxBytes  int64
	genTook              time.Duration
	raw, csv             rateResult
	xlsxScan, xlsx       rateResult
	dash                 dashResult
	child                childResult
	mask, maskBare       rateResult // bytes, not rows
	distinctBuyers, paid int
}

// rateResult is n items in took.
type rateResult struct {
	n    int64
	took time.Duration
}

func (r rateResult) rate() float64 {
	if r.took <= 0 {
		return 0
	}
	return float64(r.n) / r.took.Seconds()
}

func (e *env) benchImport(ctx context.Context, o importOpts) error {
	res, err := e.runImportBench(ctx, o)
	if err != nil {
		return err
	}
	e.printImportBench(res)
	return nil
}

func (e *env) runImportBench(ctx context.Context, o importOpts) (importResult, error) {
	res := importResult{opts: o}
	if o.rows < 1 || o.xlsxRows < 1 || o.views < 1 || o.noteBytes < 1 {
		return res, fmt.Errorf("bench import: --rows, --xlsx-rows, --views and --note-mb must be positive")
	}
	dir, err := os.MkdirTemp("", "shopdojo-bench-import-")
	if err != nil {
		return res, fmt.Errorf("bench directory: %w", err)
	}
	defer os.RemoveAll(dir)
	files := dir
	if o.keep != "" {
		files = o.keep
	}
	csvPath, xlsxPath := filepath.Join(files, "orders.csv"), filepath.Join(files, "orders.xlsx")
	if err := e.generateImportFiles(csvPath, xlsxPath, &res); err != nil {
		return res, err
	}
	steps := []func() error{
		func() error { return e.benchMasker(&res) },
		func() error { return e.benchRawInsert(ctx, filepath.Join(dir, "raw"), &res) },
		func() error { return e.benchCSVImport(ctx, filepath.Join(dir, "csv"), csvPath, &res) },
		func() error { return e.benchXLSX(ctx, filepath.Join(dir, "xlsx"), xlsxPath, &res) },
		func() error { return e.benchImportChild(ctx, filepath.Join(dir, "child"), csvPath, &res) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return res, err
		}
		runtime.GC() // each step's memory is gone before the next is timed
	}
	return res, nil
}

func (e *env) generateImportFiles(csvPath, xlsxPath string, res *importResult) error {
	o := res.opts
	e.say("import", "generating %d orders as CSV and %d as XLSX …", o.rows, o.xlsxRows)
	t := time.Now()
	var err error
	if res.csvBytes, err = writeOrdersCSV(csvPath, o.seed, o.rows); err != nil {
		return err
	}
	if res.xlsxBytes, err = writeOrdersXLSX(xlsxPath, o.seed, o.xlsxRows); err != nil {
		return err
	}
	res.genTook = time.Since(t)
	return nil
}

// benchStore opens a fresh database in dir through the product's own
// wiring and creates the Tmall store the orders belong to.
func (e *env) benchStore(ctx context.Context, dir string) (*server.Instance, string, error) {
	cfg := config.Default()
	cfg.DataDir = dir
	inst, err := server.OpenApp(ctx, cfg, e.logger(), server.Options{})
	if err != nil {
		return nil, "", fmt.Errorf("open bench database %s: %w", dir, err)
	}
	id, err := inst.App.CreateStore(ctx, cliActor, app.StoreInput{Platform: shopdojo.PlatformTmall, Name: benchStoreName})
	if err != nil {
		inst.Close()
		return nil, "", fmt.Errorf("create bench store: %w", err)
	}
	return inst, id, nil
}

const benchStoreName = "压测旗舰店"
