package roster

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// source yields the rows of one sheet in order. line is the row number a
// person sees in Excel. shown holds the cell texts as displayed; raw holds the
// stored values (an XLSX date is its serial number) and is nil for CSV.
// At the end next returns io.EOF; a *contentError means the file is damaged.
type source interface {
	next() (line int, shown, raw []string, err error)
}

// contentError marks a fault in the file itself, which the person who
// uploaded it must fix, as opposed to an I/O error.
type contentError struct {
	line int
	err  error
}

func (e *contentError) Error() string { return e.err.Error() }

const sniffSize = 64 << 10

// csvSource reads CSV with encoding/csv, which skips blank lines; it counts
// them back in from field positions so line numbers match Excel's rows.
type csvSource struct {
	r       *csv.Reader
	line    int // last row number returned
	endLine int // input line on which the last record ended
}

func newCSVSource(r io.Reader, head []byte) *csvSource {
	skip, dec := csvEncoding(head)
	if skip > 0 {
		_, _ = io.CopyN(io.Discard, r, int64(skip))
	}
	if dec != nil {
		r = transform.NewReader(r, dec)
	}
	br := bufio.NewReaderSize(r, 4096)
	peek, _ := br.Peek(4096)
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(peek)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	return &csvSource{r: cr}
}

func (s *csvSource) next() (int, []string, []string, error) {
	rec, err := s.r.Read()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return 0, nil, nil, &contentError{line: s.line + 1, err: err}
	}
	if err != nil {
		return 0, nil, nil, err
	}
	start, _ := s.r.FieldPos(0)
	s.line += 1 + max(0, start-s.endLine-1)
	last, _ := s.r.FieldPos(len(rec) - 1)
	s.endLine = last + strings.Count(rec[len(rec)-1], "\n")
	return s.line, rec, nil, nil
}

// csvEncoding picks the decoder for a CSV file from its first bytes: a BOM
// decides; otherwise valid UTF-8 is UTF-8 and anything else is taken as
// GB18030, the superset of the GBK that Chinese Excel writes.
func csvEncoding(head []byte) (skip int, dec *encoding.Decoder) {
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		return 3, nil
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		// Excel's "Unicode text" export: UTF-16 with a BOM, tab separated.
		return 0, xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
	case validUTF8Prefix(head):
		return 0, nil
	}
	return 0, simplifiedchinese.GB18030.NewDecoder()
}

// validUTF8Prefix is utf8.Valid, forgiving a rune cut off at the end of a
// full sniff buffer.
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	if len(b) < sniffSize {
		return false
	}
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			return utf8.Valid(b[:len(b)-i])
		}
	}
	return false
}

// sniffDelimiter chooses tab over comma when the start of the file has more
// tabs, as in files saved by Excel as text.
func sniffDelimiter(b []byte) rune {
	if bytes.Count(b, []byte("\t")) > bytes.Count(b, []byte(",")) {
		return '\t'
	}
	return ','
}

// xlsxSource walks one sheet with two streaming iterators in step: one for
// the displayed text (so "00123" keeps its zeros) and one for the raw value
// (so a date cell is its serial number, whatever its display format).
type xlsxSource struct {
	shown, raw *excelize.Rows
	line       int
}

func openXLSXSource(f *excelize.File, sheet string) (*xlsxSource, error) {
	shown, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	raw, err := f.Rows(sheet)
	if err != nil {
		_ = shown.Close()
		return nil, err
	}
	return &xlsxSource{shown: shown, raw: raw}, nil
}

func (s *xlsxSource) next() (int, []string, []string, error) {
	if !s.shown.Next() {
		if err := s.shown.Error(); err != nil {
			return 0, nil, nil, &contentError{line: s.line + 1, err: err}
		}
		return 0, nil, nil, io.EOF
	}
	s.raw.Next()
	s.line++
	shown, err := s.shown.Columns()
	if err != nil {
		return 0, nil, nil, &contentError{line: s.line, err: err}
	}
	raw, err := s.raw.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, nil, nil, &contentError{line: s.line, err: err}
	}
	return s.line, shown, raw, nil
}

func (s *xlsxSource) close() {
	_ = s.shown.Close()
	_ = s.raw.Close()
}
