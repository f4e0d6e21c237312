package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

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
	if err != nil {
		return 0, nil, nil, s.fault(err)
	}
	start, _ := s.r.FieldPos(0)
	s.line += 1 + max(0, start-s.endLine-1)
	last, _ := s.r.FieldPos(len(rec) - 1)
	s.endLine = last + strings.Count(rec[len(rec)-1], "\n")
	return s.line, rec, nil, nil
}

// fault tells a damaged file from an I/O error; it is kept off the row
// path since errors.As makes its target escape, an allocation per row.
func (s *csvSource) fault(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ContentError{Line: s.line + 1, Err: err}
	}
	return err
}

func (s *csvSource) close() {}

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
