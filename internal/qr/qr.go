// Package qr renders QR codes for printable activation-code sheets and for
// check-in screens.
//
// SVG is the main output: it stays sharp at any print size, and it uses
// presentation attributes only, because the Content-Security-Policy
// (style-src 'self') blocks style attributes and <style> elements. PNG is
// there for downloads.
package qr

import (
	"errors"
	"fmt"
	"strings"

	"github.com/skip2/go-qrcode"
)

const (
	// level Medium (15% recovery) survives creases and smudges on paper
	// without making codes denser than phone cameras read comfortably.
	level = qrcode.Medium
	// quietZone is the light margin, in modules, that the QR standard
	// requires for scanners to find the code.
	quietZone = 4
)

// ErrEmpty is returned for empty content, which would encode to a code that
// scans as nothing.
var ErrEmpty = errors.New("qr: empty content")

// SVG returns a complete <svg> element sizePx wide and high. Its viewBox
// counts modules, so one module is one user unit, and the dark modules form
// a single path of horizontal runs, which keeps the markup a few KB.
func SVG(content string, sizePx int) (string, error) {
	if sizePx <= 0 {
		return "", fmt.Errorf("qr.SVG: size %d px, want > 0", sizePx)
	}
	modules, err := matrix(content)
	if err != nil {
		return "", fmt.Errorf("qr.SVG: %w", err)
	}
	n := len(modules)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="%d" height="%d" viewBox="0 0 %d %d" shape-rendering="crispEdges">`,
		sizePx, sizePx, n, n)
	// An explicit light background keeps the code scannable on dark pages
	// and coloured paper.
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	writeRuns(&b, modules)
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}

// matrix returns the modules of content's code, dark = true, indexed [y][x],
// with the quiet zone added here rather than left to the library's default.
func matrix(content string) ([][]bool, error) {
	code, err := encode(content)
	if err != nil {
		return nil, err
	}
	code.DisableBorder = true
	symbol := code.Bitmap()
	n := len(symbol) + 2*quietZone
	modules := make([][]bool, n)
	for y := range modules {
		modules[y] = make([]bool, n)
		if src := y - quietZone; src >= 0 && src < len(symbol) {
			copy(modules[y][quietZone:], symbol[src])
		}
	}
	return modules, nil
}

// encode does not put content into its errors: activation codes are
// credentials and errors end up in logs.
func encode(content string) (*qrcode.QRCode, error) {
	if content == "" {
		return nil, ErrEmpty
	}
	code, err := qrcode.New(content, level)
	if err != nil {
		return nil, fmt.Errorf("encode %d bytes: %w", len(content), err)
	}
	return code, nil
}

// writeRuns draws each horizontal run of dark modules as a one-module-high
// rectangle, "M{x} {y}h{w}v1h-{w}z".
func writeRuns(b *strings.Builder, modules [][]bool) {
	for y, row := range modules {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			fmt.Fprintf(b, "M%d %dh%dv1h-%dz", start, y, x-start, x-start)
		}
	}
}

// PNG returns a sizePx × sizePx PNG image with a quiet zone of 4 modules. A
// size below one pixel per module is an error, since the library would
// silently return a larger image.
func PNG(content string, sizePx int) ([]byte, error) {
	code, err := encode(content)
	if err != nil {
		return nil, fmt.Errorf("qr.PNG: %w", err)
	}
	// 17 + 4v modules per side is fixed by the standard for version v.
	if modules := 17 + 4*code.VersionNumber + 2*quietZone; sizePx < modules {
		return nil, fmt.Errorf("qr.PNG: size %d px is smaller than the %d modules of this code", sizePx, modules)
	}
	// The library draws its own border, which is the same 4-module quiet
	// zone that SVG adds.
	data, err := code.PNG(sizePx)
	if err != nil {
		return nil, fmt.Errorf("qr.PNG: %w", err)
	}
	return data, nil
}
