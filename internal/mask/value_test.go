package mask

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestPseudonymIsStableAcrossForms(t *testing.T) {
	m := testMasker(t)
	tok := m.Pseudonym(Phone, "13800138000")
	if !regexp.MustCompile(`^m_[0-9a-hjkmnp-tv-z]{10}$`).MatchString(tok) {
		t.Fatalf("token %q", tok)
	}
	for _, form := range []string{"+86 138 0013 8000", "0086-13800138000", "138-0013-8000", " １３８００１３８０００ "} {
		if got := m.Pseudonym(Phone, form); got != tok {
			t.Errorf("Pseudonym(%q) = %s, want %s", form, got, tok)
		}
	}
	if m.Pseudonym(Phone, "13800138001") == tok || m.Pseudonym(BuyerID, "13800138000") == tok {
		t.Error("different values or kinds share a token")
	}
	other, _ := New([]byte(strings.Repeat("z", 32)), Options{})
	if other.Pseudonym(Phone, "13800138000") == tok {
		t.Error("another key gives the same token")
	}
	if m.Pseudonym(Email, "Zhang@QQ.com") != m.Pseudonym(Email, "zhang@qq.com") {
		t.Error("e-mail case changes the token")
	}
}

func TestNewRefusesShortKey(t *testing.T) {
	if _, err := New(make([]byte, 31), Options{}); err == nil {
		t.Fatal("accepted a 31-byte key")
	}
}

func TestPartial(t *testing.T) {
	tests := []struct {
		k        Kind
		in, want string
	}{
		{Phone, "+86 138 0013 8000", "138****8000"},
		{IDCard, "11010519491231002x", "110105********002X"},
		{IDCard, "110105491231002", "110105*****1002"},
		{BankCard, "6222 0212 3456 7890 128", "622202*********0128"},
		{Landline, "0571-88886666", "0571-****6666"},
		{Landline, "(010)62345678", "010-****5678"},
		{Email, "zhang.san@qq.com", "z***@qq.com"},
		{BuyerID, "tb_8842", "t*****2"},
		{None, "ab", "**"},
	}
	for _, tt := range tests {
		if got := Partial(tt.k, tt.in); got != tt.want {
			t.Errorf("Partial(%s, %q) = %q, want %q", tt.k, tt.in, got, tt.want)
		}
	}
}

func TestReduceName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"张三丰", "张**"},
		{"张三", "张*"},
		{"欧阳娜娜", "欧阳**"},
		{"欧阳", "欧*"},
		{"司马相如", "司马**"},
		{"阿卜杜拉·买买提", "阿***·***"},
		{"王", "*"},
		{"John Smith", "J. S."},
		{"mary-jane o'neil", "M. O."},
		{"  ", ""},
	}
	for _, tt := range tests {
		if got := ReduceName(tt.in); got != tt.want {
			t.Errorf("ReduceName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGeneralize(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"浙江省杭州市西湖区文三路 90 号", "浙江省/杭州市", true},
		{"浙江 杭州市 西湖区", "浙江省/杭州市", true},
		{"上海", "上海市", true},
		{"上海市浦东新区张江路 1 号", "上海市", true},
		{"内蒙古自治区", "内蒙古自治区", true},
		{"内蒙古呼和浩特市", "内蒙古自治区/呼和浩特市", true},
		{"广西南宁青秀区", "广西壮族自治区/南宁市", true},
		{"新疆维吾尔自治区", "新疆维吾尔自治区", true},
		{"吉林省吉林市船营区", "吉林省/吉林市", true},
		{"四川省凉山彝族自治州西昌市", "四川省/凉山彝族自治州", true},
		{"四川凉山西昌", "四川省/凉山彝族自治州", true},
		{"深圳市南山区科技园", "广东省/深圳市", true},
		{"中国 广东省 / 深圳市", "广东省/深圳市", true},
		{"朝阳区建国路 88 号", "", false},
		{"江苏省某某县", "江苏省", true},
		{"香港特别行政区九龙", "香港特别行政区", true},
		{"浙江省/杭州市", "浙江省/杭州市", true},
		{"火星", "", false},
	}
	for _, tt := range tests {
		got, ok := Generalize(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Generalize(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mask.key")
	k1, err := LoadOrCreateKey(path)
	if err != nil || len(k1) != 32 {
		t.Fatalf("create: %d bytes, %v", len(k1), err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	k2, err := LoadOrCreateKey(path)
	if err != nil || string(k1) != string(k2) {
		t.Fatalf("reload differs: %v", err)
	}
	short := filepath.Join(dir, "short.key")
	if err := os.WriteFile(short, []byte("tiny"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(short); err == nil {
		t.Error("accepted a short key")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("left temporary files: %v", ents)
	}
	if _, err := LoadOrCreateKey(filepath.Join(dir, "missing", "mask.key")); err == nil {
		t.Error("created a key in a missing directory")
	}
}
