package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

var benchHeader = []string{"订单编号", "总金额", "买家实际支付金额", "收货地址 ", "订单创建时间", "订单付款时间 ", "退款金额"}

// benchRow is order i of a generated Tmall-style report.
func benchRow(i int) []string {
	paid := ""
	created := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 13 * time.Second)
	if i%7 != 0 {
		paid = created.Add(40 * time.Second).Format(time.DateTime)
	}
	return []string{fmt.Sprint(6912345678901234567 + int64(i)), fmt.Sprintf("%d.%02d", 10+i%900, i%100),
		fmt.Sprintf("%d.00", 10+i%900), "浙江省", created.Format(time.DateTime), paid, "0.00"}
}

func benchCSV(n int) []byte {
	var b bytes.Buffer
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = benchRow(i)
	}
	if err := sheet.WriteCSV(&b, benchHeader, rows); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// ingestAll reads data through the tmall preset and returns the records.
func ingestAll(b *testing.B, data []byte, p Preset) int {
	rd, probs, err := Open(bytes.NewReader(data), p, Mapping{}, Options{})
	if err != nil || len(probs) > 0 {
		b.Fatal(probs, err)
	}
	defer func() { _ = rd.Close() }()
	n := 0
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil || len(rec.Problems) > 0 {
			b.Fatal(err, rec.Problems)
		}
		n++
	}
}

// sheetScan is the bare row scan of internal/sheet: the floor a reader
// built on it cannot beat.
func sheetScan(b *testing.B, data []byte) int {
	r, err := sheet.Open(bytes.NewReader(data), sheet.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	n := 0
	for {
		if _, _, _, err := r.Next(); err != nil {
			return n
		}
		n++
	}
}

// fastest runs f three times and returns the quickest.
func fastest(f func()) time.Duration {
	best := time.Duration(1 << 62)
	for range 3 {
		start := time.Now()
		f()
		best = min(best, time.Since(start))
	}
	return best
}

// reportRatio sets rows/s and the share of the bare scan's speed the import
// keeps (1 = as fast as the scan; the product asks for ≥ 0.5).
func reportRatio(b *testing.B, rows int, bare time.Duration) {
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(rows)/per.Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/bare.Seconds(), "bare-rows/s")
	b.ReportMetric(bare.Seconds()/per.Seconds(), "of-bare")
}

func BenchmarkReadCSV(b *testing.B) {
	const rows = 200_000
	data := benchCSV(rows)
	p := preset(b, "tmall_orders")
	bare := fastest(func() { sheetScan(b, data) })
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if n := ingestAll(b, data, p); n != rows {
			b.Fatalf("%d records", n)
		}
	}
	reportRatio(b, rows, bare)
}

func benchXLSX(b testing.TB, n int) []byte {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	row := make([]any, len(benchHeader))
	for i := range n + 1 {
		cells := benchHeader
		if i > 0 {
			cells = benchRow(i)
		}
		for j, c := range cells {
			row[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// excelizeScan is one bare streaming pass over the sheet's rows.
func excelizeScan(b *testing.B, data []byte) int {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	rows, err := f.Rows("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for rows.Next() {
		if _, err := rows.Columns(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}

func BenchmarkReadXLSX(b *testing.B) {
	const rows = 50_000
	data := benchXLSX(b, rows)
	p := preset(b, "tmall_orders")
	bare := fastest(func() { excelizeScan(b, data) })
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if n := ingestAll(b, data, p); n != rows {
			b.Fatalf("%d records", n)
		}
	}
	reportRatio(b, rows, bare)
}

// TestXLSXMemory reads a 300,000-row workbook and checks the heap stays
// far below the product's 512 MB import budget. It reports the peak heap
// in use, sampled every 10,000 records, and the file's size, which is
// held in memory whole. Slow; skipped with -short.
func TestXLSXMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a 300k-row workbook")
	}
	data := benchXLSX(t, 300_000)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapInuse, ms.HeapInuse
	rd, probs, err := Open(bytes.NewReader(data), preset(t, "tmall_orders"), Mapping{}, Options{})
	if err != nil || len(probs) > 0 {
		t.Fatal(probs, err)
	}
	defer func() { _ = rd.Close() }()
	n := 0
	for ; ; n++ {
		if _, err := rd.Next(); err != nil {
			break
		}
		if n%10_000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	t.Logf("%d records from %d MB: heap in use %d MB before, peak %d MB", n, len(data)>>20, base>>20, peak>>20)
	if n != 300_000 || peak > 256<<20 {
		t.Errorf("%d records, peak heap %d MB", n, peak>>20)
	}
}
