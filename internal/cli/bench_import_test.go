package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo/internal/config"
)

// TestBenchImport runs the whole benchmark small, without the child
// process: every import must store every generated order and the
// dashboard must show the generated paid orders.
func TestBenchImport(t *testing.T) {
	if testing.Short() {
		t.Skip("generates files and imports them into three databases")
	}
	var out, errOut bytes.Buffer
	e := &env{cfg: config.Default(), io: Stdio{Out: &out, Err: &errOut}, getenv: func(string) string { return "" }}
	o := importOpts{rows: 2000, xlsxRows: 500, seed: 1, views: 3, noteBytes: 1, keep: t.TempDir(), inProcess: true}
	res, err := e.runImportBench(context.Background(), o)
	if err != nil {
		t.Fatalf("bench import: %v\n%s", err, errOut.String())
	}
	if res.raw.n != 2000 || res.csv.n != 2000 || res.xlsxScan.n != 500 || res.xlsx.n != 500 {
		t.Errorf("raw %d, csv %d, xlsx scan %d, xlsx import %d rows", res.raw.n, res.csv.n, res.xlsxScan.n, res.xlsx.n)
	}
	if res.paid < 100 || int(res.dash.paid) != res.paid || len(res.dash.views) != 3 || res.dash.first <= 0 {
		t.Errorf("dashboard %+v, %d paid generated", res.dash, res.paid)
	}
	if res.distinctBuyers < 400 || res.distinctBuyers > 667 || res.mask.rate() <= 0 || res.maskBare.rate() <= 0 {
		t.Errorf("%d distinct buyers, masker %v, bare %v", res.distinctBuyers, res.mask, res.maskBare)
	}
	e.printImportBench(res)
	t.Log(out.String())
	for _, want := range []string{"CSV import / raw", "XLSX import / bare scan", "dashboard recompute", "masker throughput", "import peak RSS"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

// The generated report has the preset's headers, ~86 % paid orders and
// the same orders for the same seed.
func TestOrderGen(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	for _, p := range []string{a, b} {
		if _, err := writeOrdersCSV(p, 7, 5000); err != nil {
			t.Fatal(err)
		}
	}
	x, _ := os.ReadFile(a)
	y, _ := os.ReadFile(b)
	if !bytes.Equal(x, y) {
		t.Fatal("the same seed gave different files")
	}
	recs, err := csv.NewReader(bytes.NewReader(x)).ReadAll()
	if err != nil || len(recs) != 5001 || strings.Join(recs[0], ",") != strings.Join(genHeader, ",") {
		t.Fatalf("%d records, header %v: %v", len(recs), recs[0], err)
	}
	paid, refunded := 0, 0
	for _, r := range recs[1:] {
		if r[9] != "" {
			paid++
		}
		if r[10] != "0.00" {
			refunded++
		}
	}
	if paid < 4200 || paid > 4400 || refunded < 200 || refunded > 600 {
		t.Errorf("%d of 5000 paid, %d refunded", paid, refunded)
	}
}
