package qr

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/skip2/go-qrcode"
)

var contents = []string{
	"SD-7K3M-Q9PX",
	"https://shopdojo.example.cn/activate?code=SD-7K3M-Q9PX-ABCD-EFGH",
	"签到：华东一店 2026-03-01 早班",
}

// svgDoc is the shape SVG promises: one background rect and one path.
type svgDoc struct {
	XMLName        xml.Name `xml:"http://www.w3.org/2000/svg svg"`
	Role           string   `xml:"role,attr"`
	Width          string   `xml:"width,attr"`
	Height         string   `xml:"height,attr"`
	ViewBox        string   `xml:"viewBox,attr"`
	ShapeRendering string   `xml:"shape-rendering,attr"`
	Rects          []struct {
		Fill string `xml:"fill,attr"`
	} `xml:"rect"`
	Paths []struct {
		Fill string `xml:"fill,attr"`
		D    string `xml:"d,attr"`
	} `xml:"path"`
}

func TestSVG(t *testing.T) {
	for _, content := range contents {
		t.Run(content, func(t *testing.T) {
			out, err := SVG(content, 240)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.ToLower(out), "style") {
				t.Errorf("SVG mentions style, which the CSP forbids:\n%s", out)
			}
			checkElements(t, out)
			var doc svgDoc
			if err := xml.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("SVG is not XML: %v\n%s", err, out)
			}
			want := libraryBitmap(t, content)
			n := len(want)
			got := svgDoc{XMLName: doc.XMLName, Role: "img", Width: "240", Height: "240",
				ViewBox: fmt.Sprintf("0 0 %d %d", n, n), ShapeRendering: "crispEdges"}
			if diff := cmp.Diff(got, doc, cmpAttrsOnly); diff != "" {
				t.Errorf("svg attributes (-want +got):\n%s", diff)
			}
			if len(doc.Rects) != 1 || doc.Rects[0].Fill != "#fff" {
				t.Errorf("want one white background rect, got %+v", doc.Rects)
			}
			if len(doc.Paths) != 1 || doc.Paths[0].Fill != "#000" {
				t.Fatalf("want one black path, got %+v", doc.Paths)
			}
			cells, err := parsePath(doc.Paths[0].D, n)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, cells); diff != "" {
				t.Errorf("modules differ from qrcode.Bitmap (-want +got):\n%s", diff)
			}
			checkQuietZone(t, cells)
		})
	}
}

var cmpAttrsOnly = cmp.FilterPath(func(p cmp.Path) bool {
	f := p.Last().String()
	return f == ".Rects" || f == ".Paths"
}, cmp.Ignore())

// checkElements walks the tokens, so that an element or attribute the struct
// does not map cannot slip through unnoticed.
func checkElements(t *testing.T, out string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(out))
	var names []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not XML: %v", err)
		}
		if el, ok := tok.(xml.StartElement); ok {
			names = append(names, el.Name.Local)
		}
	}
	if diff := cmp.Diff([]string{"svg", "rect", "path"}, names); diff != "" {
		t.Errorf("elements (-want +got):\n%s", diff)
	}
}

// libraryBitmap is the reference: the library's own matrix, whose default
// border is the 4-module quiet zone.
func libraryBitmap(t *testing.T, content string) [][]bool {
	t.Helper()
	code, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	return code.Bitmap()
}

var run = regexp.MustCompile(`^M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

// parsePath fills an n×n grid from the path's runs, rejecting anything but
// the run syntax, runs that leave the grid and runs that overlap.
func parsePath(d string, n int) ([][]bool, error) {
	cells := make([][]bool, n)
	for i := range cells {
		cells[i] = make([]bool, n)
	}
	for rest := d; rest != ""; {
		m := run.FindStringSubmatch(rest)
		if m == nil {
			return nil, fmt.Errorf("path: cannot parse %.30q", rest)
		}
		rest = rest[len(m[0]):]
		x, y, w, back := atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4])
		if w == 0 || w != back || y >= n || x+w > n {
			return nil, fmt.Errorf("path: bad run %q in a %d-module grid", m[0], n)
		}
		for i := x; i < x+w; i++ {
			if cells[y][i] {
				return nil, fmt.Errorf("path: run %q overlaps another", m[0])
			}
			cells[y][i] = true
		}
	}
	return cells, nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func checkQuietZone(t *testing.T, cells [][]bool) {
	t.Helper()
	n := len(cells)
	for y, row := range cells {
		for x, dark := range row {
			inside := x >= quietZone && x < n-quietZone && y >= quietZone && y < n-quietZone
			if dark && !inside {
				t.Fatalf("dark module at (%d,%d) in the quiet zone", x, y)
			}
		}
	}
	if !cells[quietZone][quietZone] {
		t.Errorf("finder pattern does not start right after the quiet zone")
	}
}

func TestPNG(t *testing.T) {
	for _, size := range []int{41, 240, 300} {
		data, err := PNG(contents[1], size)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("PNG(%d) does not decode: %v", size, err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("PNG(%d) is %dx%d", size, b.Dx(), b.Dy())
		}
	}
}

// TestPNGModules samples the centre of every module of an image with a
// whole number of pixels per module.
func TestPNGModules(t *testing.T) {
	want := libraryBitmap(t, contents[0])
	const scale = 8
	data, err := PNG(contents[0], scale*len(want))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for y, row := range want {
		for x, dark := range row {
			r, _, _, _ := img.At(x*scale+scale/2, y*scale+scale/2).RGBA()
			if got := r < 0x8000; got != dark {
				t.Fatalf("module (%d,%d): dark = %v, want %v", x, y, got, dark)
			}
		}
	}
}

func TestErrors(t *testing.T) {
	if _, err := SVG("", 200); !errors.Is(err, ErrEmpty) {
		t.Errorf("SVG(\"\") error = %v, want ErrEmpty", err)
	}
	if _, err := PNG("", 200); !errors.Is(err, ErrEmpty) {
		t.Errorf("PNG(\"\") error = %v, want ErrEmpty", err)
	}
	for _, size := range []int{0, -5} {
		if _, err := SVG("SD-1", size); err == nil {
			t.Errorf("SVG(size %d) succeeded", size)
		}
	}
	if _, err := PNG("SD-1", 20); err == nil {
		t.Error("PNG smaller than its modules succeeded")
	}
	secret := strings.Repeat("激活码", 2000)
	_, err := SVG(secret, 200)
	if err == nil {
		t.Fatal("SVG of 18000 bytes succeeded")
	}
	if strings.Contains(err.Error(), "激活码") {
		t.Errorf("error leaks the content: %.80s", err)
	}
}
