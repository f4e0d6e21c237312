package app

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
)

// The demo lessons' pictures, drawn at demo time: a funnel's step rates
// week on week and a 生意参谋-style two-week trend. Labels are figures only (a
// 3×5 pixel font, scaled), because the words are in the lesson text.

var (
	chartBG    = color.RGBA{255, 255, 255, 255}
	chartGrid  = color.RGBA{232, 235, 240, 255}
	chartInk   = color.RGBA{71, 85, 105, 255}
	chartBlue  = color.RGBA{37, 99, 235, 255}
	chartSoft  = color.RGBA{219, 234, 254, 255}
	chartRed   = color.RGBA{220, 38, 38, 255}
	chartAmber = color.RGBA{245, 158, 11, 255}
	chartGrey  = color.RGBA{148, 163, 184, 255}
)

// glyphs are 3×5 bitmaps, one row per 3-bit number (most significant bit left).
var glyphs = map[rune][5]uint8{
	'0': {7, 5, 5, 5, 7}, '1': {2, 6, 2, 2, 7}, '2': {7, 1, 7, 4, 7}, '3': {7, 1, 7, 1, 7}, '4': {5, 5, 7, 1, 1},
	'5': {7, 4, 7, 1, 7}, '6': {7, 4, 7, 5, 7}, '7': {7, 1, 1, 1, 1}, '8': {7, 5, 7, 5, 7}, '9': {7, 5, 7, 1, 7},
	'%': {5, 1, 2, 4, 5}, ',': {0, 0, 0, 2, 2}, '.': {0, 0, 0, 0, 2}, '/': {1, 1, 2, 4, 4}, '-': {0, 0, 7, 0, 0},
}

// label draws s with its top left at (x, y), each pixel scale² large.
func label(img draw.Image, s string, x, y, scale int, c color.Color) {
	for _, r := range s {
		g := glyphs[r]
		for row := range 5 {
			for col := range 3 {
				if g[row]&(4>>col) != 0 {
					fill(img, x+col*scale, y+row*scale, scale, scale, c)
				}
			}
		}
		x += 4 * scale
	}
}

func labelWidth(s string, scale int) int { return len([]rune(s))*4*scale - scale }

func fill(img draw.Image, x, y, w, h int, c color.Color) {
	draw.Draw(img, image.Rect(x, y, x+w, y+h), &image.Uniform{c}, image.Point{}, draw.Src)
}

func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

// stepChart draws each funnel step's conversion rate (in tenths of a
// percent) for last week (grey) and this week (blue) as pairs of bars on
// 0–100 %, with the rate above each bar; the step that fell most is red.
func stepChart(rates [][2]int) ([]byte, error) {
	const w, h, left, top, bottom, barW = 760, 380, 70, 40, 30, 84
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill(img, 0, 0, w, h, chartBG)
	ph := h - top - bottom
	for i := range 5 {
		y := top + i*ph/4
		fill(img, left, y, w-left-20, 1, chartGrid)
		s := itoa(int64(100-i*25)) + "%"
		label(img, s, left-10-labelWidth(s, 2), y-5, 2, chartInk)
	}
	worst, drop := 0, 0
	for i, r := range rates {
		if d := r[0] - r[1]; d > drop {
			worst, drop = i, d
		}
	}
	group := (w - left - 20) / len(rates)
	for i, r := range rates {
		x := left + i*group + (group-2*barW-16)/2
		for j, v := range r {
			c := chartGrey
			if j == 1 {
				c = chartBlue
				if i == worst {
					c = chartRed
				}
			}
			bx, bh := x+j*(barW+16), v*ph/1000
			fill(img, bx, top+ph-bh, barW, bh, c)
			s := itoa(int64(v/10)) + "." + itoa(int64(v%10)) + "%"
			label(img, s, bx+(barW-labelWidth(s, 3))/2, top+ph-bh-22, 3, c)
		}
	}
	return encodePNG(img)
}

// trendChart draws daily visitors (left axis, 0–8,000) as a soft area with
// a line, and the payment conversion rate (in tenths of a percent, right
// axis, 0–8 %) as a second line, over days; the day with the fewest
// visitors is red.
func trendChart(visitors, conv []int, days []string) ([]byte, error) {
	const w, h, left, right, top, bottom = 760, 360, 70, 64, 24, 60
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill(img, 0, 0, w, h, chartBG)
	pw, ph := w-left-right, h-top-bottom
	for i := range 5 {
		y := top + i*ph/4
		fill(img, left, y, pw, 1, chartGrid)
		label(img, thousands(8000-i*2000), left-10-labelWidth(thousands(8000-i*2000), 2), y-5, 2, chartInk)
		label(img, itoa(int64(8-i*2))+"%", left+pw+10, y-5, 2, chartAmber)
	}
	step := pw / (len(visitors) - 1)
	vy := func(v int) int { return top + ph - v*ph/8000 }
	cy := func(c int) int { return top + ph - c*ph/80 } // per mille ×10 on 0–8 %
	for i := 0; i+1 < len(visitors); i++ {
		x0, x1 := left+i*step, left+(i+1)*step
		for x := x0; x <= x1; x++ {
			y := vy(visitors[i]) + (vy(visitors[i+1])-vy(visitors[i]))*(x-x0)/step
			fill(img, x, y, 1, top+ph-y, chartSoft)
			fill(img, x, y-1, 1, 3, chartBlue)
			yc := cy(conv[i]) + (cy(conv[i+1])-cy(conv[i]))*(x-x0)/step
			fill(img, x, yc-1, 1, 3, chartAmber)
		}
	}
	for i, v := range visitors {
		x := left + i*step
		dot := chartBlue
		if v == minOf(visitors) {
			dot = chartRed
		}
		fill(img, x-4, vy(v)-4, 9, 9, dot)
		fill(img, x-3, cy(conv[i])-3, 7, 7, chartAmber)
		if i%2 == 0 {
			label(img, days[i], x-labelWidth(days[i], 2)/2, h-bottom+14, 2, chartInk)
		}
	}
	return encodePNG(img)
}

func minOf(xs []int) int {
	m := xs[0]
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}

// thousands writes n with thousands separators: 12,000.
func thousands(n int) string {
	s := itoa(int64(n))
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
