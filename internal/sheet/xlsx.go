package sheet

import (
	"bytes"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// openXLSX opens a workbook and the sheet to read. excelize parses
// untrusted zip and XML; should it panic, the uploader gets a content
// error and the server keeps running.
func openXLSX(r io.Reader, opts Options) (*Reader, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("sheet.Open: %w", err)
	}
	f, err := openWorkbook(data, opts.UnzipLimit)
	if err != nil {
		return nil, err
	}
	return readerFor(f, opts)
}

func openWorkbook(data []byte, limit int64) (f *excelize.File, err error) {
	defer recoverContent("", &err)
	f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: limit})
	if err != nil {
		return nil, &ContentError{Err: err}
	}
	return f, nil
}

// readerFor picks the sheet of f to read; f is closed unless a Reader is
// returned.
func readerFor(f *excelize.File, opts Options) (rd *Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = panicError("", p)
		}
		if err != nil {
			rd = nil
			_ = f.Close()
		}
	}()
	name, err := pickSheet(f, opts)
	if err != nil {
		return nil, err
	}
	var src source = emptySource{}
	if name != "" {
		if src, err = openXLSXSource(f, name); err != nil {
			return nil, &ContentError{Sheet: name, Err: err}
		}
	}
	return &Reader{format: "xlsx", sheet: name, src: src, opts: opts, done: func() { _ = f.Close() }}, nil
}

// recoverContent, deferred, turns a panic into a *ContentError in *err.
func recoverContent(sheet string, err *error) {
	if p := recover(); p != nil {
		*err = panicError(sheet, p)
	}
}

// panicError has Line 0 since a panic says nothing about where the fault is.
func panicError(sheet string, p any) error {
	return &ContentError{Sheet: sheet, Err: fmt.Errorf("excelize panicked: %v", p)}
}

// pickSheet returns the first sheet with a header row, else the first
// sheet, else "" for a workbook without sheets.
func pickSheet(f *excelize.File, opts Options) (string, error) {
	names := f.GetSheetList()
	for _, name := range names {
		src, err := openXLSXSource(f, name)
		if err != nil {
			return "", &ContentError{Sheet: name, Err: err}
		}
		h, err := findHeader(src, opts)
		src.close()
		if err != nil {
			return "", err
		}
		if h.Found {
			return name, nil
		}
	}
	if len(names) > 0 {
		return names[0], nil
	}
	return "", nil
}

// xlsxSource walks one sheet with two streaming iterators in step: one for
// the displayed text (so "00123" keeps its zeros) and one for the raw value
// (so a date cell is its serial number, whatever its display format).
type xlsxSource struct {
	sheet      string
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
	return &xlsxSource{sheet: sheet, shown: shown, raw: raw}, nil
}

func (s *xlsxSource) next() (line int, shown, raw []string, err error) {
	defer recoverContent(s.sheet, &err)
	if !s.shown.Next() {
		if err := s.shown.Error(); err != nil {
			return 0, nil, nil, s.fault(s.line+1, err)
		}
		return 0, nil, nil, io.EOF
	}
	s.raw.Next()
	s.line++
	shown, err = s.shown.Columns()
	if err != nil {
		return 0, nil, nil, s.fault(s.line, err)
	}
	raw, err = s.raw.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, nil, nil, s.fault(s.line, err)
	}
	return s.line, shown, raw, nil
}

func (s *xlsxSource) fault(line int, err error) error {
	return &ContentError{Sheet: s.sheet, Line: line, Err: err}
}

func (s *xlsxSource) close() {
	defer func() { _ = recover() }() // closing must not take the server down either
	_ = s.shown.Close()
	_ = s.raw.Close()
}

// emptySource is a workbook without sheets.
type emptySource struct{}

func (emptySource) next() (int, []string, []string, error) { return 0, nil, nil, io.EOF }
func (emptySource) close()                                 {}
