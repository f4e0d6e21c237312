package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// xlsxBook is what reading rows needs of an XLSX package: its sheets, the
// shared strings and each cell style's number format. It is read with
// archive/zip and encoding/xml rather than excelize, so a sheet is
// decompressed as a stream, walked once, and never copied to a temporary
// file or held unpacked in memory.
type xlsxBook struct {
	files   map[string]*zip.File // by lower-case name
	sheets  []sheetPart
	strings []string
	styles  styleTable
	limit   int64 // unpacked bytes a part may have
}

type sheetPart struct{ name, path string }

// openPackage reads the package's directory and the small parts.
func openPackage(data []byte, limit int64) (*xlsxBook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	wb := &xlsxBook{files: make(map[string]*zip.File, len(zr.File)), limit: limit}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(limit) {
			return nil, fmt.Errorf("unpacked size over the limit of %d bytes", limit)
		}
		wb.files[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	if err := wb.readParts(); err != nil {
		return nil, err
	}
	return wb, nil
}

func (wb *xlsxBook) readParts() error {
	bookPath := wb.target("_rels/.rels", "", "/officeDocument", "xl/workbook.xml")
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
		Pr struct {
			Date1904 bool `xml:"date1904,attr"`
		} `xml:"workbookPr"`
	}
	if err := wb.unmarshal(bookPath, &book); err != nil {
		return err
	}
	dir, base := path.Split(bookPath)
	rels := wb.relations(dir + "_rels/" + base + ".rels")
	for _, s := range book.Sheets {
		if r, ok := rels[s.ID]; ok {
			wb.sheets = append(wb.sheets, sheetPart{name: s.Name, path: resolve(dir, r.Target)})
		}
	}
	stylesPath, stringsPath := dir+"styles.xml", dir+"sharedStrings.xml"
	for _, r := range rels {
		switch {
		case strings.HasSuffix(r.Type, "/styles"):
			stylesPath = resolve(dir, r.Target)
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			stringsPath = resolve(dir, r.Target)
		}
	}
	var err error
	if wb.styles, err = wb.readStyles(stylesPath); err != nil {
		return err
	}
	wb.styles.date1904 = book.Pr.Date1904
	wb.strings, err = wb.readStrings(stringsPath)
	return err
}

type relation struct {
	ID     string `xml:"Id,attr"`
	Target string `xml:"Target,attr"`
	Type   string `xml:"Type,attr"`
}

// relations reads a .rels part; a missing or damaged one has none.
func (wb *xlsxBook) relations(name string) map[string]relation {
	var rels struct {
		List []relation `xml:"Relationship"`
	}
	_ = wb.unmarshal(name, &rels)
	out := make(map[string]relation, len(rels.List))
	for _, r := range rels.List {
		out[r.ID] = r
	}
	return out
}

// target is the part a .rels names by type suffix, else def.
func (wb *xlsxBook) target(relsPath, dir, typeSuffix, def string) string {
	for _, r := range wb.relations(relsPath) {
		if strings.HasSuffix(r.Type, typeSuffix) {
			return resolve(dir, r.Target)
		}
	}
	return def
}

// resolve turns a relationship target into a package path.
func resolve(dir, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+dir+target), "/")
}

// open streams a part, refusing to unpack more than the limit; a missing
// part reads as empty.
func (wb *xlsxBook) open(name string) (io.ReadCloser, error) {
	f, ok := wb.files[strings.ToLower(name)]
	if !ok {
		return io.NopCloser(bytes.NewReader(nil)), nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{&limitedReader{r: rc, n: wb.limit, limit: wb.limit}, rc}, nil
}

// limitedReader fails, rather than ending quietly, past its limit, so a
// zip that lies about its sizes is a damaged file and not a short one.
type limitedReader struct {
	r        io.Reader
	n, limit int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, fmt.Errorf("part unpacks to more than %d bytes", l.limit)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

func (wb *xlsxBook) unmarshal(name string, v any) error {
	rc, err := wb.open(name)
	if err != nil {
		return err
	}
	defer func() { _ = rc.Close() }()
	if err := xml.NewDecoder(rc).Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// readStrings reads the shared strings table: each item's text runs
// joined, phonetic runs (rPh) left out, as Excel shows them.
func (wb *xlsxBook) readStrings(name string) ([]string, error) {
	rc, err := wb.open(name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rc.Close() }()
	d := xml.NewDecoder(rc)
	var out []string
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			s, err := richText(d, "si")
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			out = append(out, s)
		}
	}
}

// richText reads the text of an si or is element up to its end tag.
func richText(d *xml.Decoder, end string) (string, error) {
	var b strings.Builder
	inT, inPhonetic := false, 0
	for {
		tok, err := d.RawToken()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inT = true
			case "rPh":
				inPhonetic++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inT = false
			case "rPh":
				inPhonetic--
			case end:
				return unescapeBSTR(b.String()), nil
			}
		case xml.CharData:
			if inT && inPhonetic == 0 {
				b.Write(t)
			}
		}
	}
}

// unescapeBSTR undoes the _xHHHH_ escapes OOXML uses for characters XML
// cannot hold (_x000D_ for a carriage return, _x005F_ for "_").
func unescapeBSTR(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil {
				b.WriteRune(rune(v))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}
