package sheet

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// styleTable is the number format of each cell style (cellXfs) of a
// workbook, for showing numbers as Excel does.
type styleTable struct {
	numFmt   []int          // by style index
	custom   map[int]string // format code of custom number formats by id
	date1904 bool
}

func (wb *xlsxBook) readStyles(name string) (styleTable, error) {
	var ss struct {
		NumFmts []struct {
			ID     int    `xml:"numFmtId,attr"`
			Code   string `xml:"formatCode,attr"`
			Code16 string `xml:"formatCode16,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := wb.unmarshal(name, &ss); err != nil {
		return styleTable{}, err
	}
	st := styleTable{custom: map[int]string{}}
	for _, f := range ss.NumFmts {
		st.custom[f.ID] = f.Code
		if f.Code16 != "" {
			st.custom[f.ID] = f.Code16
		}
	}
	for _, x := range ss.Xfs {
		st.numFmt = append(st.numFmt, x.NumFmt)
	}
	return st, nil
}

// plain reports whether style s shows a number as General does.
func (st *styleTable) plain(s int) bool {
	if s <= 0 || s >= len(st.numFmt) {
		return true
	}
	id := st.numFmt[s]
	return id == 0 || id == 49 // General, and "@" which shows the number as stored
}

// generalText is a stored number as Excel's General format shows it:
// shortest form, rounded to 15 significant digits like Excel (as excelize
// does, so both readers agree).
func generalText(v string) string {
	if strings.Contains(v, "_") {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	plain := strconv.FormatFloat(f, 'f', -1, 64)
	if len(plain)-strings.Count(plain, ".") > 15 && !within15(v) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return plain
}

// within15 is an integer written with at most 15 significant digits and
// zeros after them.
func within15(s string) bool {
	if strings.ContainsAny(s, ".Ee") {
		return false
	}
	s = strings.TrimLeft(s, "+-0")
	return len(strings.TrimRight(s, "0")) <= 15
}

// numberFormatter shows numbers of styled cells (dates, percentages,
// fixed decimals) through excelize's formatter, on a one-cell scratch
// workbook per style: excelize exposes formatting only for cells of a
// workbook. Texts of repeated values are remembered, which covers the
// dates of a daily report; the cache is dropped when it fills so memory
// stays bounded on a million distinct times.
type numberFormatter struct {
	styles *styleTable
	f      *excelize.File
	cells  map[int]string // source style → scratch cell holding its format
	memo   map[[2]string]string
}

const formatMemo = 4096

func newNumberFormatter(st *styleTable) *numberFormatter {
	return &numberFormatter{styles: st, cells: map[int]string{}, memo: map[[2]string]string{}}
}

// text shows stored number v of a cell with style s; a format excelize
// cannot apply shows v as General.
func (nf *numberFormatter) text(v string, s int) string {
	key := [2]string{strconv.Itoa(s), v}
	if t, ok := nf.memo[key]; ok {
		return t
	}
	t, err := nf.format(v, s)
	if err != nil {
		t = generalText(v)
	}
	if len(nf.memo) >= formatMemo {
		clear(nf.memo)
	}
	nf.memo[key] = t
	return t
}

func (nf *numberFormatter) format(v string, s int) (string, error) {
	cell, err := nf.cell(s)
	if err != nil {
		return "", err
	}
	if err := nf.f.SetCellDefault("Sheet1", cell, v); err != nil {
		return "", err
	}
	return nf.f.GetCellValue("Sheet1", cell)
}

// cell returns the scratch cell formatted like style s, making it the
// first time.
func (nf *numberFormatter) cell(s int) (string, error) {
	if c, ok := nf.cells[s]; ok {
		return c, nil
	}
	if nf.f == nil {
		nf.f = excelize.NewFile()
		if nf.styles.date1904 {
			yes := true
			if err := nf.f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
				return "", err
			}
		}
	}
	id := nf.styles.numFmt[s]
	style := &excelize.Style{NumFmt: id}
	if code, ok := nf.styles.custom[id]; ok {
		style = &excelize.Style{CustomNumFmt: &code}
	}
	sid, err := nf.f.NewStyle(style)
	if err != nil {
		return "", err
	}
	c, _ := excelize.CoordinatesToCellName(1, len(nf.cells)+1)
	if err := nf.f.SetCellStyle("Sheet1", c, c, sid); err != nil {
		return "", err
	}
	nf.cells[s] = c
	return c, nil
}

func (nf *numberFormatter) close() {
	if nf.f != nil {
		_ = nf.f.Close()
	}
}
