package mask

import (
	"strings"
	"unicode/utf8"
)

// hasWideDigit reports whether s holds a full-width digit (U+FF10–FF19,
// UTF-8 EF BC 90–99), which Chinese input methods produce for
// "１３８００１３８０００".
func hasWideDigit(s string) bool {
	for i := strings.Index(s, "\xef\xbc"); i >= 0 && i+2 < len(s); {
		if c := s[i+2]; c >= 0x90 && c <= 0x99 {
			return true
		}
		j := strings.Index(s[i+2:], "\xef\xbc")
		if j < 0 {
			return false
		}
		i += 2 + j
	}
	return false
}

// foldWide returns s with full-width ASCII forms (U+FF01–FF5E) and the
// ideographic space folded to ASCII, and the offset in s of every offset
// of the result (one more entry than its length).
func foldWide(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	offs := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteByte(byte(r - 0xFEE0))
			offs = append(offs, i)
		case r == 0x3000:
			b.WriteByte(' ')
			offs = append(offs, i)
		default:
			b.WriteString(s[i : i+size])
			for k := range size {
				offs = append(offs, i+k)
			}
		}
		i += size
	}
	return b.String(), append(offs, len(s))
}
