package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"github.com/shopdojo/shopdojo/internal/mask"
	"github.com/shopdojo/shopdojo/internal/sheet"
)

type maskFlags struct {
	out, keyFile, report string
	columns              []string
}

func maskCmd(e *env) *cobra.Command {
	var f maskFlags
	c := &cobra.Command{Use: "mask IN --out OUT", Short: "Mask personal data in a CSV, XLSX or text file (to prepare drill data)",
		Long: `Writes a copy of IN with phones, IDs, bank cards, e-mail addresses and
buyer accounts replaced by stable pseudonyms, landlines partly hidden,
names reduced to the surname and addresses to province/city (see
docs/masking.md). Spreadsheet columns are judged by header and content;
--column HEADER=ACTION (keep, scan, pseudonym, partial, generalize, reduce,
drop) overrides one. Pseudonyms are keyed by --key-file, by default
mask.key in the --data directory, created when missing: keep it to get the
same tokens next time, never share it.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return e.mask(args[0], f) }}
	c.Flags().StringVar(&f.out, "out", "", "output file (required)")
	c.Flags().StringVar(&f.keyFile, "key-file", "", "pseudonym key (default <data>/mask.key)")
	c.Flags().StringArrayVar(&f.columns, "column", nil, "HEADER=ACTION for one column; repeatable")
	c.Flags().StringVar(&f.report, "report", "", "also write the masking report as JSON to this file")
	_ = c.MarkFlagRequired("out")
	return c
}

// tableReport is the report of one table: a CSV file, a sheet or a text.
type tableReport struct {
	Sheet string `json:"sheet,omitempty"`
	mask.Report
}

func (e *env) mask(in string, f maskFlags) error {
	if abs(in) == abs(f.out) {
		return errors.New("mask: --out must not be the input file")
	}
	m, err := e.masker(f.keyFile)
	if err != nil {
		return err
	}
	ov, err := parseColumns(f.columns)
	if err != nil {
		return err
	}
	reps, err := maskFile(m, in, f.out, ov)
	if err != nil {
		return err
	}
	e.printMask(reps)
	if f.report != "" {
		b, _ := json.MarshalIndent(reps, "", "  ")
		if err := os.WriteFile(f.report, append(b, '\n'), 0o600); err != nil {
			return fmt.Errorf("mask report: %w", err)
		}
	}
	return nil
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// masker loads the key (creating the data directory for the default one)
// and takes today in the company time zone as the latest birth date.
func (e *env) masker(keyFile string) (*mask.Masker, error) {
	if keyFile == "" {
		if err := os.MkdirAll(e.cfg.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("mask: %w", err)
		}
		keyFile = filepath.Join(e.cfg.DataDir, "mask.key")
	}
	key, err := mask.LoadOrCreateKey(keyFile)
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(e.cfg.Timezone)
	if err != nil {
		loc = time.UTC
	}
	return mask.New(key, mask.Options{Ref: time.Now().In(loc)})
}

func parseColumns(specs []string) (map[string]mask.Action, error) {
	ov := map[string]mask.Action{}
	for _, s := range specs {
		i := strings.LastIndexByte(s, '=')
		if i <= 0 {
			return nil, fmt.Errorf("mask: --column %q: want HEADER=ACTION", s)
		}
		a, err := mask.ParseAction(s[i+1:])
		if err != nil {
			return nil, fmt.Errorf("--column %q: %w", s, err)
		}
		ov[s[:i]] = a
	}
	return ov, nil
}

// maskFile masks in into out: an XLSX by its content, CSV or TSV by its
// extension, anything else as UTF-8 text line by line.
func maskFile(m *mask.Masker, in, out string, ov map[string]mask.Action) (reps []tableReport, err error) {
	src, err := os.Open(in)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	br := bufio.NewReaderSize(src, 64<<10)
	head, _ := br.Peek(4)
	dst, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := dst.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	bw := bufio.NewWriter(dst)
	switch ext := strings.ToLower(filepath.Ext(in)); {
	case string(head) == "PK\x03\x04":
		reps, err = maskXLSX(m, br, bw, ov)
	case ext == ".csv" || ext == ".tsv":
		reps, err = maskCSV(m, br, bw, ov)
	default:
		reps, err = maskText(m, br, bw)
	}
	if err != nil {
		return nil, fmt.Errorf("mask %s: %w", in, err)
	}
	return reps, bw.Flush()
}

func maskCSV(m *mask.Masker, r io.Reader, w io.Writer, ov map[string]mask.Action) ([]tableReport, error) {
	rd, err := sheet.Open(r, sheet.Options{})
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	next := func() ([]string, error) {
		_, cells, _, err := rd.Next()
		return append([]string(nil), cells...), err
	}
	rep, err := maskTable(m, next, func(row []string) error { return cw.Write(escapeRow(row)) }, ov)
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return []tableReport{{Report: rep}}, err
}

func escapeRow(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = sheet.Escape(c)
	}
	return out
}

func maskText(m *mask.Masker, r *bufio.Reader, w io.Writer) ([]tableReport, error) {
	p := m.Plan(nil, nil, nil)
	for {
		line, err := r.ReadString('\n')
		if line != "" {
			if _, werr := io.WriteString(w, p.Row([]string{line})[0]); werr != nil {
				return nil, werr
			}
		}
		if errors.Is(err, io.EOF) {
			return []tableReport{{Report: p.Report()}}, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Rows looked through for the header, and data rows that decide columns
// by content; both are held in memory, the rest streams.
const (
	maskHeaderScan = 10
	maskSampleRows = 200
)

// maskTable copies one table from next to write: rows above the header
// (titles, notes) are scanned as text, the header is kept, the data rows
// are masked by the plan made from the header and the first rows.
func maskTable(m *mask.Masker, next func() ([]string, error), write func([]string) error, ov map[string]mask.Action) (mask.Report, error) {
	buf, done, err := readRows(next, nil, maskHeaderScan)
	if err != nil {
		return mask.Report{}, err
	}
	h := headerIndex(buf)
	pre := m.Plan(nil, nil, nil)
	for _, row := range buf[:max(h, 0)] {
		if err := write(pre.Row(row)); err != nil {
			return mask.Report{}, err
		}
	}
	if h < 0 {
		return mask.Report{}, writeAll(write, buf)
	}
	sample := buf[h+1:]
	if !done {
		if sample, done, err = readRows(next, sample, maskSampleRows); err != nil {
			return mask.Report{}, err
		}
	}
	p := m.Plan(buf[h], sample, ov)
	if err := write(buf[h]); err != nil {
		return mask.Report{}, err
	}
	for _, row := range sample {
		if err := write(p.Row(row)); err != nil {
			return mask.Report{}, err
		}
	}
	for !done {
		row, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return mask.Report{}, err
		}
		if err := write(p.Row(row)); err != nil {
			return mask.Report{}, err
		}
	}
	return p.Report(), nil
}

// readRows appends rows from next to buf until it holds n; done reports
// the end of the table.
func readRows(next func() ([]string, error), buf [][]string, n int) (_ [][]string, done bool, err error) {
	for len(buf) < n {
		row, err := next()
		if errors.Is(err, io.EOF) {
			return buf, true, nil
		}
		if err != nil {
			return nil, false, err
		}
		buf = append(buf, row)
	}
	return buf, false, nil
}

func writeAll(write func([]string) error, rows [][]string) error {
	for _, r := range rows {
		if err := write(r); err != nil {
			return err
		}
	}
	return nil
}

// headerIndex is the first row with two or more values (a title row has
// one), else the first non-empty row, else -1.
func headerIndex(rows [][]string) int {
	first := -1
	for i, r := range rows {
		n := 0
		for _, c := range r {
			if sheet.Trim(c) != "" {
				n++
			}
		}
		if n >= 2 {
			return i
		}
		if n == 1 && first < 0 {
			first = i
		}
	}
	return first
}

// maskXLSX masks every sheet of a workbook into a new one, reading and
// writing each sheet as a stream. excelize parses untrusted zip and XML,
// so a panic becomes an error.
func maskXLSX(m *mask.Masker, r io.Reader, w io.Writer, ov map[string]mask.Action) (reps []tableReport, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("damaged workbook: %v", p)
		}
	}()
	in, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: sheet.DefaultUnzipLimit})
	if err != nil {
		return nil, err
	}
	defer in.Close()
	out := excelize.NewFile()
	defer out.Close()
	for i, name := range in.GetSheetList() {
		if i == 0 {
			err = out.SetSheetName(out.GetSheetName(0), name)
		} else {
			_, err = out.NewSheet(name)
		}
		if err != nil {
			return nil, err
		}
		rep, err := maskSheet(m, in, out, name, ov)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", name, err)
		}
		reps = append(reps, tableReport{Sheet: name, Report: rep})
	}
	return reps, out.Write(w)
}

func maskSheet(m *mask.Masker, in, out *excelize.File, name string, ov map[string]mask.Action) (mask.Report, error) {
	rows, err := in.Rows(name)
	if err != nil {
		return mask.Report{}, err
	}
	defer rows.Close()
	sw, err := out.NewStreamWriter(name)
	if err != nil {
		return mask.Report{}, err
	}
	next := func() ([]string, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		return rows.Columns()
	}
	line := 0
	write := func(row []string) error {
		line++
		cell, _ := excelize.CoordinatesToCellName(1, line)
		vals := make([]any, len(row))
		for i, c := range row {
			vals[i] = sheet.Escape(c)
		}
		return sw.SetRow(cell, vals)
	}
	rep, err := maskTable(m, next, write, ov)
	if err != nil {
		return rep, err
	}
	return rep, sw.Flush()
}

// printMask writes the reports to stderr in the command's language.
func (e *env) printMask(reps []tableReport) {
	tr := e.bundle()
	t := func(id string, args map[string]any) string {
		if tr == nil {
			return id
		}
		return tr.T(e.lang, id, args)
	}
	for _, r := range reps {
		if r.Sheet != "" {
			fmt.Fprintf(e.io.Err, "[%s]\n", r.Sheet)
		}
		fmt.Fprintln(e.io.Err, t(mask.MsgRows, map[string]any{"Count": r.Rows}))
		for _, c := range r.Columns {
			fmt.Fprintln(e.io.Err, "  "+t(mask.MsgColumn, map[string]any{"Header": strings.TrimSpace(c.Header),
				"Kind": t(mask.KindMsg(c.Kind), nil), "Action": t(mask.ActionMsg(c.Action), nil),
				"Decided": t(mask.DecisionMsg(c.Decided), nil), "Changed": c.Changed, "Seen": c.Seen}))
		}
		for _, k := range mask.TextKinds() {
			if n := r.Text[k]; n > 0 {
				fmt.Fprintln(e.io.Err, "  "+t(mask.MsgTextSpans, map[string]any{"Kind": t(mask.KindMsg(k), nil), "Count": n}))
			}
		}
		if r.AddressProvinceOnly > 0 {
			fmt.Fprintln(e.io.Err, "  "+t(mask.MsgAddressProvinceOnly, map[string]any{"Count": r.AddressProvinceOnly}))
		}
		if r.AddressUnresolved > 0 {
			fmt.Fprintln(e.io.Err, "  "+t(mask.MsgAddressUnresolved, map[string]any{"Count": r.AddressUnresolved}))
		}
	}
}
