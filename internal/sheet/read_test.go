package sheet

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

type row struct {
	Line       int
	Cells, Raw []string
}

// readAll opens b and returns its header and the rows after it.
func readAll(t *testing.T, b []byte, opts Options) (Header, []row, error) {
	t.Helper()
	r, err := Open(bytes.NewReader(b), opts)
	if err != nil {
		return Header{}, nil, err
	}
	defer r.Close()
	h, err := r.Header()
	if err != nil {
		return h, nil, err
	}
	var rows []row
	for {
		line, cells, raw, err := r.Next()
		if errors.Is(err, io.EOF) {
			return h, rows, nil
		}
		if err != nil {
			return h, rows, err
		}
		rows = append(rows, row{line, clone(cells), clone(raw)})
	}
}

func encode(t *testing.T, s string, gbk bool) []byte {
	t.Helper()
	enc := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder()
	if gbk {
		enc = simplifiedchinese.GBK.NewEncoder()
	}
	b, err := enc.Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenCSV(t *testing.T) {
	const text = "题库导出\n\n题型,题干\n单选,\"多\n行\"\n\n判断,退款\n"
	want := []row{{4, []string{"单选", "多\n行"}, nil}, {6, []string{"判断", "退款"}, nil}}
	isHeader := func(c []string) bool { return len(c) > 0 && c[0] == "题型" }
	for name, b := range map[string][]byte{
		"utf-8":        []byte(text),
		"bom":          []byte("\ufeff" + text),
		"gbk":          encode(t, text, true),
		"utf-16 tab":   encode(t, strings.ReplaceAll(text, ",", "\t"), false),
		"crlf":         []byte(strings.ReplaceAll(text, "\n", "\r\n")),
		"tabs in utf8": []byte(strings.ReplaceAll(text, ",", "\t")),
	} {
		t.Run(name, func(t *testing.T) {
			h, rows, err := readAll(t, b, Options{IsHeader: isHeader})
			if err != nil {
				t.Fatal(err)
			}
			if !h.Found || h.Line != 3 {
				t.Errorf("header %+v", h)
			}
			if diff := cmp.Diff(want, rows); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHeaderNotFound(t *testing.T) {
	never := func([]string) bool { return false }
	h, _, err := readAll(t, []byte("\n , \nfoo,bar\n"), Options{IsHeader: never})
	if err != nil || h.Found || h.Line != 3 || h.Cells[0] != "foo" {
		t.Errorf("header %+v %v", h, err)
	}
	h, _, err = readAll(t, []byte(strings.Repeat("\n", 10)+"x\n"), Options{IsHeader: never})
	if err != nil || h.Line != 0 {
		t.Errorf("beyond HeaderScan: %+v %v", h, err)
	}
	h, _, err = readAll(t, []byte("\nA,B\n"), Options{})
	if err != nil || !h.Found || h.Line != 2 {
		t.Errorf("nil IsHeader takes the first non-empty row: %+v %v", h, err)
	}
}

func TestOpenRefusesAndReportsDamage(t *testing.T) {
	if _, err := Open(bytes.NewReader([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")), Options{}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("xls: %v", err)
	}
	var ce *ContentError
	if _, err := Open(bytes.NewReader([]byte("PK\x03\x04garbage")), Options{}); !errors.As(err, &ce) || ce.Line != 0 {
		t.Errorf("damaged xlsx: %v", err)
	}
	_, _, err := readAll(t, []byte("a,b\n\"x\"y\"\n"), Options{})
	if err != nil {
		t.Errorf("lazy quotes: %v", err)
	}
	if _, err := Open(bytes.NewReader(workbook(t)), Options{UnzipLimit: 100}); !errors.As(err, &ce) {
		t.Errorf("unzip limit: %v", err)
	}
	if _, err := Open(iotestErr{}, Options{}); err == nil || errors.As(err, &ce) {
		t.Errorf("I/O error: %v", err)
	}
}

type iotestErr struct{}

func (iotestErr) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

// workbook has an instructions sheet first and the data, with a title row
// and a typed date, on the second.
func workbook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellValue("Sheet1", "A1", "说明：题型写在第一列"))
	_, err := f.NewSheet("题目")
	must(err)
	must(f.SetCellValue("题目", "A1", "标题"))
	must(f.SetSheetRow("题目", "A3", &[]any{"题型", "日期"}))
	must(f.SetSheetRow("题目", "A5", &[]any{"判断", 45352}))
	long := `yyyy"年"m"月"d"日"`
	st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &long})
	must(err)
	must(f.SetCellStyle("题目", "B5", "B5", st))
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func TestOpenXLSX(t *testing.T) {
	isHeader := func(c []string) bool { return len(c) > 0 && c[0] == "题型" }
	r, err := Open(bytes.NewReader(workbook(t)), Options{IsHeader: isHeader})
	if err != nil {
		t.Fatal(err)
	}
	if r.Format() != "xlsx" || r.Sheet() != "题目" {
		t.Errorf("format %q sheet %q", r.Format(), r.Sheet())
	}
	_ = r.Close()
	h, rows, err := readAll(t, workbook(t), Options{IsHeader: isHeader})
	if err != nil || h.Line != 3 {
		t.Fatalf("header %+v %v", h, err)
	}
	want := []row{{4, nil, nil}, {5, []string{"判断", "2024年3月1日"}, []string{"判断", "45352"}}}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	h, _, _ = readAll(t, workbook(t), Options{IsHeader: func([]string) bool { return false }})
	if h.Line != 1 || h.Cells[0] != "说明：题型写在第一列" {
		t.Errorf("no header anywhere reads the first sheet: %+v", h)
	}
}

func TestUnescapeUndoesEscape(t *testing.T) {
	for _, s := range []string{"=SUM(A1)", "+86", "-1", "@x", "＝1", "普通", "'quoted", "", "'"} {
		if got := Unescape(Escape(s)); got != s {
			t.Errorf("Unescape(Escape(%q)) = %q", s, got)
		}
	}
	if !Blank([]string{" ", "\u3000\ufeff\u200b", ""}) || Blank([]string{"", "x"}) {
		t.Error("Blank")
	}
}

func FuzzOpen(f *testing.F) {
	f.Add([]byte("题型,题干\n单选,x\n"))
	f.Add([]byte("\xff\xfeA\x00"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Open(bytes.NewReader(data), Options{})
		if err != nil {
			var ce *ContentError
			if !errors.Is(err, ErrUnsupported) && !errors.As(err, &ce) {
				t.Fatalf("in-memory input gave %v", err)
			}
			return
		}
		defer r.Close()
		last := 0
		for {
			line, _, _, err := r.Next()
			if err != nil {
				return
			}
			if line <= last {
				t.Fatalf("line %d after %d", line, last)
			}
			last = line
		}
	})
}
