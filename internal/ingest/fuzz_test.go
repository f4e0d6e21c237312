package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"testing"
	"time"
)

func FuzzMoney(f *testing.F) {
	for _, s := range []string{"¥1,234.50", "\t123", "(12.00)", "1.2万", "0.30000000000000004", "1,23", "-", "1e5", "−3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fen, ok := ParseMoney(s, "")
		if !ok {
			return
		}
		// What was read prints back as yuan and reads the same.
		sign, abs := "", fen
		if fen < 0 {
			sign, abs = "-", -fen
		}
		back := fmt.Sprintf("%s%d.%02d", sign, abs/100, abs%100)
		if got, ok := ParseMoney(back, ""); !ok || got != fen {
			t.Fatalf("%q → %d → %q → %d, %v", s, fen, back, got, ok)
		}
	})
}

func FuzzRatio(f *testing.F) {
	for _, s := range []string{"4.18%", "0.0418", "97.07%", "1E-2", "NaN", "%", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, ok := ParseRatio(s, "")
		if ok && (math.IsNaN(r) || math.IsInf(r, 0)) {
			t.Fatalf("%q → %v", s, r)
		}
		// The percent hint changes the scale of a bare number, never
		// whether the cell reads.
		if p, ok2 := ParseRatio(s, UnitPercent); ok != ok2 || ok && !bytes.Contains([]byte(s), []byte("%")) && math.Abs(p*100-r) > 1e-9*math.Max(1, math.Abs(r)) {
			t.Fatalf("%q: fraction %v (%v), percent %v (%v)", s, r, ok, p, ok2)
		}
	})
}

func FuzzTime(f *testing.F) {
	for _, s := range []string{"2020-02-21 00:00:00", "2020/2/21 0:00", "2020-02-21T00:00:00+08:00", "1511544070",
		"2023-01-05 10:46:25 -0500", "2020年2月21日", "20200221103000", "12/1/2023"} {
		f.Add(s)
	}
	zone := time.FixedZone("CST", 8*3600)
	f.Fuzz(func(t *testing.T, s string) {
		at, ok := ParseTime(s, "", zone)
		if !ok {
			return
		}
		if y := at.Year(); y < 1800 || y > 10000 {
			t.Fatalf("%q → %v", s, at)
		}
		if at.Year() < 1900 || at.Year() > 9999 {
			return // an offset moved it past the years written out
		}
		back := at.Format("2006-01-02 15:04:05.999999999")
		if got, ok := ParseTime(back, "", zone); !ok || !got.Equal(at) {
			t.Fatalf("%q → %v → %q → %v, %v", s, at, back, got, ok)
		}
		if d, ok := ParseDate(s, "", zone); !ok || d.Hour() != 0 || d.Format(time.DateOnly) != at.Format(time.DateOnly) {
			t.Fatalf("%q: date %v of %v", s, d, at)
		}
	})
}

func FuzzSeconds(f *testing.F) {
	for _, s := range []string{"80", "1分20秒", "00:01:20", "80s", "1h 2m", "500ms", "01:60"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseSeconds(s, "")
		if ok && (v < 0 || math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Fatalf("%q → %v", s, v)
		}
	})
}

func FuzzInt(f *testing.F) {
	for _, s := range []string{"1,234", "\t9001", "1234.0", "1.2万", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseInt(s)
		if !ok {
			return
		}
		if got, ok := ParseInt(fmt.Sprint(n)); !ok || got != n {
			t.Fatalf("%q → %d → %d, %v", s, n, got, ok)
		}
	})
}

// FuzzReader feeds arbitrary bytes as an order export: reading never
// panics, rows come in order, and every problem is on its record's row.
func FuzzReader(f *testing.F) {
	f.Add([]byte("订单编号,总金额,订单创建时间\n1,¥1.00,2020-02-21 00:00\n合计,1,\n"))
	f.Add([]byte("\ufeff主订单编号,子订单编号\n\t1,\t2\n"))
	f.Add([]byte("Name,Paid at\n#1,2024-03-01 10:00:00 -0500\n#1,\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("订单编号\n\"unterminated\n"))
	set := builtin(f)
	tmall, _ := set.Lookup("tmall_orders")
	shopify, _ := set.Lookup("shopify_orders")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range []Preset{tmall, shopify} {
			rd, _, err := Open(bytes.NewReader(data), p, Mapping{}, Options{})
			if err != nil {
				t.Fatalf("in-memory input gave %v", err)
			}
			if rd == nil {
				continue
			}
			last := rd.Summary().HeaderLine
			for {
				rec, err := rd.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if rec.Line <= last {
					t.Fatalf("line %d after %d", rec.Line, last)
				}
				last = rec.Line
				for _, pr := range rec.Problems {
					if pr.Line != rec.Line {
						t.Fatalf("problem on line %d in record of line %d", pr.Line, rec.Line)
					}
				}
				_ = rec.Key()
			}
			_ = rd.Close()
		}
	})
}

// FuzzPreset: any preset text is refused with problems or gives a preset
// that finds each of its fields in a header of its first aliases.
func FuzzPreset(f *testing.F) {
	for _, p := range builtin(f).All() {
		if data, err := builtinFS.ReadFile("presets/" + p.File); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("id = \"x\"\nkind = [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, probs := ParsePreset("fuzz.toml", data)
		if len(probs) > 0 {
			return
		}
		var header []string
		for _, fl := range p.Fields {
			if len(fl.Aliases) > 0 {
				header = append(header, fl.Aliases[0])
			}
		}
		m, mp := p.Map(header)
		if len(mp) > 0 || len(m.Columns) != len(header) {
			t.Fatalf("preset cannot map its own aliases: %+v %+v", m, mp)
		}
	})
}
