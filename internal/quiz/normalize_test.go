package quiz

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ＡＢＣ１２３", "abc123"},
		{"（）", "()"},
		{"GMV", "gmv"},
		{"3 分钟", "3分钟"},
		{"3\u3000分\t钟\n", "3分钟"},
		{"3分钟。", "3分钟"},
		{"3分钟.", "3分钟"},
		{"3分钟！", "3分钟"},
		{"“3分钟”", "3分钟"},
		{"「退款」", "退款"},
		{"‘退款’", "退款"},
		{"'退款'", "退款"},
		{"１５％", "15%"},
		{"15 %", "15%"},
		{"15%", "15%"},
		{"3.5", "3.5"},
		{"3。5", "3.5"},
		{"３．５", "3.5"},
		{".5", ".5"},
		{"1，000", "1,000"},
		{"红色、蓝色", "红色,蓝色"},
		{"《电子商务法》", "<电子商务法>"},
		{"【双11】", "[双11]"},
		{"①", "1"},
		{"m²", "m2"},
		{"ﬁle", "file"},
		{"退\u200b款", "退款"},
		{"\ufeff退款", "退款"},
		{"a \u0301", "á"}, // the space held the accent away from its letter
		{"...", ""},
		{"", ""},
		{"  ", ""},
		{"\xff退款", "\ufffd退款"},
	}
	for _, tt := range tests {
		if got := NormalizeText(tt.in); got != tt.want {
			t.Errorf("NormalizeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Pairs that must stay different: normalization may not merge answers a
// marker would tell apart.
func TestNormalizeTextKeepsMeaning(t *testing.T) {
	pairs := [][2]string{
		{"3.5", "35"},
		{".5", "5"},
		{"1,000", "1000"},
		{"-5", "5"},
		{"(1)", "1"},
		{"15%", "15"},
		{"十五", "15"},
		{"退款", "退货"},
	}
	for _, p := range pairs {
		if NormalizeText(p[0]) == NormalizeText(p[1]) {
			t.Errorf("%q and %q normalize to the same %q", p[0], p[1], NormalizeText(p[0]))
		}
	}
}

func FuzzNormalizeText(f *testing.F) {
	for _, s := range []string{
		"ＡＢＣ１２３", "3 分钟。", "“１５％”", "3。5", "a \u0301", "\xff\xfe", "ǰ", "İ", "ẞ",
		"¨", "〃\u0338", "《\u0338", "'\u0301a", "\u0301", "ﾞ", "ｶﾞ", "ﬃ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeText(s)
		if !utf8.ValidString(n) {
			t.Fatalf("NormalizeText(%q) = %q: invalid UTF-8", s, n)
		}
		if nn := NormalizeText(n); nn != n {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, nn)
		}
		if i := strings.IndexFunc(n, unicode.IsSpace); i >= 0 {
			t.Fatalf("NormalizeText(%q) = %q keeps white space", s, n)
		}
	})
}
