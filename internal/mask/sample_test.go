package mask

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

// sampleData returns the shared sample data directory: SHOPDOJO_SAMPLE_DATA,
// else ../shared/data above the package, else /work/shared/data. The data
// is never copied into the repository; without it the test is skipped.
func sampleData(t *testing.T, name string) string {
	t.Helper()
	if d := os.Getenv("SHOPDOJO_SAMPLE_DATA"); d != "" {
		return skipMissing(t, filepath.Join(d, name))
	}
	dir, _ := filepath.Abs(".")
	for d := dir; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "..", "shared", "data", name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return skipMissing(t, filepath.Join("/work/shared/data", name))
}

func skipMissing(t *testing.T, p string) string {
	if _, err := os.Stat(p); err != nil {
		t.Skipf("sample data %s: %v", p, err)
	}
	return p
}

// TestTmallSample plans the real Tmall export: its 收货地址 column holds
// province names, which must all generalise to a province; order numbers,
// amounts and times are kept.
func TestTmallSample(t *testing.T) {
	f, err := os.Open(sampleData(t, "tmall_order_report.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := sheet.Open(f, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := r.Header()
	if err != nil {
		t.Fatal(err)
	}
	m := testMasker(t)
	p := m.Plan(h.Cells, nil, nil)
	addr := -1
	for i, c := range p.Columns {
		if c.Kind == Address {
			addr = i
			if c.Action != ActionGeneralize || c.Decided != ByHeader {
				t.Errorf("%q: %s by %s", c.Header, c.Action, c.Decided)
			}
		} else if c.Action != ActionKeep {
			t.Errorf("%q: %s/%s, want kept", c.Header, c.Kind, c.Action)
		}
	}
	if addr < 0 {
		t.Fatal("no address column")
	}
	rows, province := 0, 0
	for {
		_, cells, _, err := r.Next()
		if err != nil {
			break
		}
		rows++
		out := p.Row(cells)
		if g, ok := Generalize(cells[addr]); ok && g == out[addr] && g != "" {
			province++
		} else {
			t.Errorf("row %d: %q → %q", rows, cells[addr], out[addr])
		}
	}
	rep := p.Report()
	t.Logf("%d rows, %d addresses generalised to a province, %d unresolved", rows, province, rep.AddressUnresolved)
	if rows == 0 || province != rows || rep.AddressUnresolved != 0 {
		t.Errorf("%d of %d rows generalised", province, rows)
	}
}
