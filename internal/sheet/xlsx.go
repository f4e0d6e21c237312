package sheet

import (
	"fmt"
	"io"
)

// openXLSX opens a workbook and the sheet to read. The zip and XML are
// untrusted; should a reader panic, the uploader gets a content error
// and the server keeps running.
func openXLSX(r io.Reader, opts Options) (*Reader, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("sheet.Open: %w", err)
	}
	wb, err := openWorkbook(data, opts.UnzipLimit)
	if err != nil {
		return nil, err
	}
	return readerFor(wb, opts)
}

func openWorkbook(data []byte, limit int64) (wb *xlsxBook, err error) {
	defer recoverContent("", &err)
	wb, err = openPackage(data, limit)
	if err != nil {
		return nil, &ContentError{Err: err}
	}
	return wb, nil
}

// readerFor picks the sheet of wb to read.
func readerFor(wb *xlsxBook, opts Options) (rd *Reader, err error) {
	defer recoverContent("", &err)
	part, err := pickSheet(wb, opts)
	if err != nil {
		return nil, err
	}
	var src source = emptySource{}
	if part.path != "" {
		if src, err = openXLSXSource(wb, part); err != nil {
			return nil, &ContentError{Sheet: part.name, Err: err}
		}
	}
	return &Reader{format: "xlsx", sheet: part.name, src: src, opts: opts, done: func() {}}, nil
}

// recoverContent, deferred, turns a panic into a *ContentError in *err.
func recoverContent(sheet string, err *error) {
	if p := recover(); p != nil {
		*err = &ContentError{Sheet: sheet, Err: fmt.Errorf("reading the workbook panicked: %v", p)}
	}
}

// pickSheet returns the first sheet with a header row, else the first
// sheet, else none for a workbook without sheets.
func pickSheet(wb *xlsxBook, opts Options) (sheetPart, error) {
	for _, part := range wb.sheets {
		src, err := openXLSXSource(wb, part)
		if err != nil {
			return sheetPart{}, &ContentError{Sheet: part.name, Err: err}
		}
		h, err := findHeader(src, opts)
		src.close()
		if err != nil {
			return sheetPart{}, err
		}
		if h.Found {
			return part, nil
		}
	}
	if len(wb.sheets) > 0 {
		return wb.sheets[0], nil
	}
	return sheetPart{}, nil
}

// emptySource is a workbook without sheets.
type emptySource struct{}

func (emptySource) next() (int, []string, []string, error) { return 0, nil, nil, io.EOF }
func (emptySource) close()                                 {}
