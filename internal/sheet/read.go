package sheet

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// ErrUnsupported is returned by Open for a legacy .xls file or a
// password-protected workbook: both are OLE compound files, which cannot be
// read here, and the person should save the file as .xlsx or .csv.
var ErrUnsupported = errors.New("sheet: unsupported file format")

// ContentError is a fault in the file itself, which the person who uploaded
// it must fix, as opposed to an I/O error of the reader.
type ContentError struct {
	Sheet string // the workbook sheet being read; "" for CSV
	Line  int    // row number of the fault; 0 when it cannot be placed
	Err   error
}

func (e *ContentError) Error() string {
	return fmt.Sprintf("sheet: line %d: %v", e.Line, e.Err)
}

func (e *ContentError) Unwrap() error { return e.Err }

// Defaults for Options.
const (
	DefaultHeaderScan = 10
	DefaultUnzipLimit = 512 << 20
)

// sniffSize is how much of the file decides its format and CSV encoding.
const sniffSize = 64 << 10

var (
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts legacy .xls files and password-protected workbooks.
	oleMagic = []byte("\xd0\xcf\x11\xe0")
)

// Options tune Open.
type Options struct {
	// IsHeader recognizes the header row from its displayed cells. A
	// workbook is read from its first sheet that has a header row among its
	// first HeaderScan rows, so an instructions sheet placed first or left
	// active is skipped; when no sheet has one, the first sheet is read, to
	// report against. Nil takes the first non-empty row as the header.
	IsHeader func(cells []string) bool
	// HeaderScan is how many rows Header looks through, past the title and
	// notes rows Chinese exports often start with; 0 means DefaultHeaderScan.
	HeaderScan int
	// UnzipLimit caps the unpacked size of an XLSX so a zip bomb is
	// refused; 0 means DefaultUnzipLimit.
	UnzipLimit int64
}

func (o Options) withDefaults() Options {
	if o.HeaderScan <= 0 {
		o.HeaderScan = DefaultHeaderScan
	}
	if o.UnzipLimit <= 0 {
		o.UnzipLimit = DefaultUnzipLimit
	}
	return o
}

// source yields the rows of one sheet, as Reader.Next documents.
type source interface {
	next() (line int, shown, raw []string, err error)
	close()
}

// Reader yields the rows of one table: a CSV file or one workbook sheet.
type Reader struct {
	format string
	sheet  string
	src    source
	opts   Options
	done   func() // releases the workbook
}

// Open detects the format of r from its content and prepares to read it.
// CSV may be UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK,
// and comma or tab separated; its encoding is judged from the first 64 KiB,
// and bytes that do not decode later on become U+FFFD. An XLSX file is read
// into memory whole (a zip is read from its end); callers should cap the
// upload size. Its sheet is then decompressed as a stream and walked once,
// so memory beyond the file is the shared strings table and one row.
//
// Open returns ErrUnsupported for .xls, a *ContentError for a damaged
// workbook, and other errors for I/O failures of r.
func Open(r io.Reader, opts Options) (*Reader, error) {
	opts = opts.withDefaults()
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("sheet.Open: %w", err)
	}
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return openXLSX(br, opts)
	case bytes.HasPrefix(head, oleMagic):
		return nil, ErrUnsupported
	}
	return &Reader{format: "csv", src: newCSVSource(br, head), opts: opts, done: func() {}}, nil
}

// Format is "csv" or "xlsx".
func (r *Reader) Format() string { return r.format }

// Sheet is the name of the workbook sheet being read; "" for CSV.
func (r *Reader) Sheet() string { return r.sheet }

// Next returns the next row. line is the row number a person sees in Excel,
// counting blank rows. cells holds the texts as displayed ("00123" keeps its
// zeros); raw holds the stored values (a date is its serial number, 1900
// date system) and is nil for CSV. Both are valid until the next call.
// At the end Next returns io.EOF; a *ContentError means the file is damaged.
func (r *Reader) Next() (line int, cells, raw []string, err error) {
	return r.src.next()
}

// Close releases the workbook.
func (r *Reader) Close() error {
	r.src.close()
	r.done()
	return nil
}

// Header is the outcome of looking for the header row. When none is found,
// Line and Cells are those of the first non-empty row, to report against;
// Line is 0 when there was none.
type Header struct {
	Found bool
	Line  int
	Cells []string
}

// Header reads rows until the header row, looking no further than
// Options.HeaderScan rows; the rows after it are then the data.
func (r *Reader) Header() (Header, error) {
	return findHeader(r.src, r.opts)
}

func findHeader(src source, opts Options) (Header, error) {
	var first Header
	for {
		line, cells, _, err := src.next()
		if errors.Is(err, io.EOF) || (err == nil && line > opts.HeaderScan) {
			return first, nil
		}
		if err != nil {
			return Header{}, err
		}
		if Blank(cells) {
			continue
		}
		if opts.IsHeader == nil || opts.IsHeader(cells) {
			return Header{Found: true, Line: line, Cells: clone(cells)}, nil
		}
		if first.Line == 0 {
			first = Header{Line: line, Cells: clone(cells)}
		}
	}
}

func clone(cells []string) []string { return append([]string(nil), cells...) }

// Blank reports whether every cell is empty or white space (including the
// BOM and zero-width space that copy-and-paste leaves behind).
func Blank(cells []string) bool {
	for _, c := range cells {
		if Trim(c) != "" {
			return false
		}
	}
	return true
}

// Trim removes white space (including U+3000 and NBSP) and the invisible
// characters that copy-and-paste from chat apps leaves around values.
func Trim(s string) string {
	if s == "" || edgeSolid(s[0]) && edgeSolid(s[len(s)-1]) {
		return s // most cells: no rune decoding needed
	}
	return strings.TrimFunc(s, func(c rune) bool {
		return unicode.IsSpace(c) || c == '\ufeff' || c == '\u200b'
	})
}

// edgeSolid reports whether byte b, at an end of a cell, is printable ASCII
// and so neither trimmed nor part of a multi-byte rune.
func edgeSolid(b byte) bool { return b > ' ' && b < 0x7f }

// Unescape undoes Escape: it removes the apostrophe put before a cell that
// would be read as a formula.
func Unescape(s string) string {
	if len(s) > 1 && s[0] == '\'' && StartsFormula(s[1:]) {
		return s[1:]
	}
	return s
}
