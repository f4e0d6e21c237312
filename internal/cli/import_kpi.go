package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/ingest"
	"github.com/shopdojo/shopdojo/internal/mask"
)

type importKPIFlags struct {
	store, preset string
	keepGood      bool
	columns       []string
}

func importKPICmd(e *env) *cobra.Command {
	var f importKPIFlags
	c := &cobra.Command{Use: "kpi --store STORE [--preset PRESET] FILE",
		Short: "Import a store export (orders, traffic, ads, customer service, behaviour log) into a store's data",
		Long: `Reads a CSV or XLSX export (UTF-8, UTF-8 BOM, GBK/GB18030) into the store's
data for diagnosis. --preset names the export's layout (see
docs/import-presets.md); without it the best match for the header is used.
Every row is checked first: a file with errors stores nothing unless
--keep-good is given. Personal data is masked before anything is stored
(docs/masking.md); --column HEADER=ACTION overrides one column's masking.
Re-importing a file or an overlapping period updates rows, never
duplicates them. --store is the store's id or name.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return e.importKPI(cmd.Context(), args[0], f) }}
	c.Flags().StringVar(&f.store, "store", "", "the store (id or name; required)")
	c.Flags().StringVar(&f.preset, "preset", "", "the export's preset id, e.g. tmall_orders (default: detect)")
	c.Flags().BoolVar(&f.keepGood, "keep-good", false, "store the good rows of a file with errors")
	c.Flags().StringArrayVar(&f.columns, "column", nil, "HEADER=ACTION masking override (repeatable)")
	_ = c.MarkFlagRequired("store")
	return c
}

func (e *env) importKPI(ctx context.Context, path string, f importKPIFlags) error {
	overrides, err := parseColumnActions(f.columns)
	if err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	inst, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer inst.Close()
	storeID, err := findStore(ctx, inst.App, f.store)
	if err != nil {
		return err
	}
	// Two reads of the file: a check of every row, then the write.
	bar := newProgressBar(e.io.Err, isTerminal(e.io.Err), filepath.Base(path), 2*st.Size(), time.Now)
	in := app.KPIImport{StoreID: storeID, Preset: f.preset, FileName: filepath.Base(path), Size: st.Size(),
		KeepGood: f.keepGood, Columns: overrides, Open: func() (io.ReadCloser, error) { return os.Open(path) },
		Progress: func(p app.KPIProgress) { bar.update(p.Bytes+int64(p.Pass-1)*p.Total, int64(p.Rows), false) }}
	rep, err := inst.App.ImportKPI(ctx, cliActor, in)
	bar.finish(bar.total, int64(rep.Summary.Rows))
	e.printKPIImport(rep)
	if err != nil {
		return err
	}
	if rep.Status == app.ImportRejected {
		return fmt.Errorf("nothing stored: %d problems (use --keep-good to store the good rows)", rep.Summary.Problems)
	}
	return nil
}

// findStore resolves a store given by id or by name.
func findStore(ctx context.Context, a *app.App, s string) (string, error) {
	stores, err := a.Stores(ctx, cliActor)
	if err != nil {
		return "", err
	}
	for _, st := range stores {
		if st.ID == s || st.Name == s {
			return st.ID, nil
		}
	}
	return "", fmt.Errorf("no store %q", s)
}

func parseColumnActions(cols []string) (map[string]mask.Action, error) {
	out := map[string]mask.Action{}
	for _, c := range cols {
		h, a, ok := strings.Cut(c, "=")
		act, err := mask.ParseAction(a)
		if !ok || err != nil || strings.TrimSpace(h) == "" {
			return nil, fmt.Errorf("--column %q: want HEADER=ACTION (%v)", c, mask.Actions())
		}
		out[strings.TrimSpace(h)] = act
	}
	return out, nil
}

func (e *env) printKPIImport(rep app.KPIImportReport) {
	t := func(id string, args map[string]any) string {
		if tr := e.bundle(); tr != nil {
			return tr.T(e.lang, id, args)
		}
		return id
	}
	for _, p := range rep.Problems {
		where := "file"
		if p.Line > 0 {
			where = fmt.Sprintf("row %d %s", p.Line, t(ingest.FieldLabel(p.Field), nil))
		}
		fmt.Fprintf(e.io.Err, "%s: %s\n", where, t(p.Msg, p.Args))
	}
	for _, c := range rep.Masking {
		if c.Kind == mask.None && c.Field == "" {
			continue
		}
		stored := "—"
		if c.Field != "" {
			stored = c.Field
		}
		fmt.Fprintf(e.io.Err, "  %-16s %-10s %-10s → %-14s %d/%d\n", strings.TrimSpace(c.Header), t(mask.KindMsg(c.Kind), nil),
			t(mask.ActionMsg(c.Action), nil), stored, c.Changed, c.Seen)
	}
	fmt.Fprintf(e.io.Out, "%s %s (%s): %d rows, %d records, %d stored, %d problems, %s..%s\n", rep.Status, rep.ID,
		rep.Preset, rep.Summary.Rows, rep.Summary.Records, rep.Stored, rep.Summary.Problems, rep.From, rep.To)
}

// isTerminal reports whether w is a character device (a terminal), where
// the progress bar redraws in place.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
