package sheet

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxSource walks one sheet's XML once, taking from each cell both its
// displayed text (so "00123" keeps its zeros) and its stored value (so a
// date cell is its serial number, whatever its display format). It reads
// rows as excelize's Rows does: a row numbered past the last one read
// comes after empty rows for the gap, cells are placed by their
// reference, and trailing empty cells are dropped.
type xlsxSource struct {
	sheet      string
	wb         *xlsxBook
	rc         io.ReadCloser
	d          *xml.Decoder
	nf         *numberFormatter
	line       int // row number last returned
	ahead      int // number of the row element read ahead, 0 if none
	shown, raw []string
	done       bool
}

func openXLSXSource(wb *xlsxBook, part sheetPart) (*xlsxSource, error) {
	rc, err := wb.open(part.path)
	if err != nil {
		return nil, err
	}
	return &xlsxSource{sheet: part.name, wb: wb, rc: rc, d: xml.NewDecoder(rc), nf: newNumberFormatter(&wb.styles)}, nil
}

func (s *xlsxSource) next() (line int, shown, raw []string, err error) {
	defer recoverContent(s.sheet, &err)
	if s.ahead == 0 && !s.done {
		if s.ahead, err = s.seekRow(); err != nil {
			return 0, nil, nil, s.fault(s.line+1, err)
		}
	}
	if s.ahead == 0 {
		return 0, nil, nil, io.EOF
	}
	s.line++
	if s.line < s.ahead { // a row the file leaves out is empty
		return s.line, nil, nil, nil
	}
	s.ahead = 0
	if err := s.readRow(); err != nil {
		return 0, nil, nil, s.fault(s.line, err)
	}
	return s.line, s.shown, s.raw, nil
}

// seekRow reads up to the next row element and returns its number; 0 at
// the end of the sheet's data.
func (s *xlsxSource) seekRow() (int, error) {
	for {
		tok, err := s.d.RawToken()
		if errors.Is(err, io.EOF) {
			s.done = true
			return 0, nil
		}
		if err != nil {
			return 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "row" {
				return s.rowNumber(t)
			}
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				s.done = true
				return 0, nil
			}
		}
	}
}

func (s *xlsxSource) rowNumber(t xml.StartElement) (int, error) {
	n, err := strconv.Atoi(attr(t, "r"))
	switch {
	case err != nil || n <= s.line:
		return s.line + 1, nil // unnumbered (or out of order): the next row
	case n > excelize.TotalRows:
		return 0, excelize.ErrMaxRows
	}
	return n, nil
}

// readRow reads the cells of the current row element.
func (s *xlsxSource) readRow() error {
	s.shown, s.raw = s.shown[:0], s.raw[:0]
	col := 0
	for {
		tok, err := s.d.RawToken()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				continue
			}
			if col, err = s.readCell(t, col); err != nil {
				return err
			}
		case xml.EndElement:
			if t.Name.Local == "row" {
				return nil
			}
		}
	}
}

// readCell reads one c element; col is the column of the previous cell.
func (s *xlsxSource) readCell(t xml.StartElement, col int) (int, error) {
	col++
	if ref := attr(t, "r"); ref != "" {
		c, _, err := excelize.CellNameToCoordinates(ref)
		if err != nil {
			return 0, err
		}
		col = c
	}
	style, _ := strconv.Atoi(attr(t, "s"))
	v, formula, err := cellContent(s.d, attr(t, "t"))
	if err != nil {
		return 0, err
	}
	shown, raw, err := s.values(attr(t, "t"), v, style)
	if err != nil {
		return 0, err
	}
	if shown != "" || raw != "" || formula {
		for len(s.shown) < col-1 {
			s.shown, s.raw = append(s.shown, ""), append(s.raw, "")
		}
		s.shown, s.raw = append(s.shown, shown), append(s.raw, raw)
	}
	return col, nil
}

// cellContent reads a cell's children: its value (v, or the text of an
// inline string) and whether it holds a formula.
func cellContent(d *xml.Decoder, typ string) (v string, formula bool, err error) {
	for {
		tok, err := d.RawToken()
		if err != nil {
			return "", false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				if v, err = charData(d); err != nil {
					return "", false, err
				}
			case "f":
				formula = true
			case "is":
				if typ == "inlineStr" {
					if v, err = richText(d, "is"); err != nil {
						return "", false, err
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "c" {
				return v, formula, nil
			}
		}
	}
}

// charData reads the text of an element up to its end.
func charData(d *xml.Decoder) (string, error) {
	var text string
	for {
		tok, err := d.RawToken()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			text += string(t)
		case xml.EndElement:
			return text, nil
		}
	}
}

// values is a cell's displayed text and stored value by its type.
func (s *xlsxSource) values(typ, v string, style int) (shown, raw string, err error) {
	switch typ {
	case "s":
		if v == "" {
			return "", "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(s.wb.strings) {
			return "", "", fmt.Errorf("shared string %q out of range", v)
		}
		return s.wb.strings[i], s.wb.strings[i], nil
	case "b":
		switch v {
		case "1":
			return "TRUE", v, nil
		case "0":
			return "FALSE", v, nil
		}
		return v, v, nil
	case "str", "inlineStr", "e", "d":
		return v, v, nil
	}
	if v == "" || s.wb.styles.plain(style) {
		return generalText(v), v, nil
	}
	return s.nf.text(v, style), v, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (s *xlsxSource) fault(line int, err error) error {
	return &ContentError{Sheet: s.sheet, Line: line, Err: err}
}

func (s *xlsxSource) close() {
	defer func() { _ = recover() }() // closing must not take the server down either
	_ = s.rc.Close()
	s.nf.close()
}
