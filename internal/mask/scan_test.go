package mask

import (
	"strings"
	"testing"
	"time"
)

func testMasker(t testing.TB) *Masker {
	t.Helper()
	m, err := New([]byte(strings.Repeat("k", 32)), Options{Ref: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// spans renders findings as kind:text for comparison.
func spans(s string, fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Kind)+":"+s[f.Start:f.End])
	}
	return out
}

func TestFind(t *testing.T) {
	m := testMasker(t)
	tests := []struct {
		in   string
		want []string
	}{
		{"电话13800138000谢谢", []string{"phone:13800138000"}},
		{"手机 +86 138 0013 8000 收", []string{"phone:+86 138 0013 8000"}},
		{"0086-13800138000", []string{"phone:0086-13800138000"}},
		{"+8613800138000", []string{"phone:+8613800138000"}},
		{"(+86)13800138000", []string{"phone:(+86)13800138000"}},
		{"联系人(13800138000)", []string{"phone:13800138000"}},
		{"138-0013-8000 / 139 0013 9000", []string{"phone:138-0013-8000", "phone:139 0013 9000"}},
		{"订单号1234567890123456789", nil},
		{"单号 773012345678901 SF1234567890123 JD12345678901234 YT1234567890123", nil},
		{"时间戳1606060800000 金额13800138000.00元", nil},
		{"SKU A-2024-XL-01 货号 13800138000-B", nil},
		{"2024-01-15 13800138000", []string{"phone:13800138000"}},
		{"座机0571-88886666转", []string{"landline:0571-88886666"}},
		{"(010)62345678 / （0571）8888 6666 / 010-12345678", []string{"landline:(010)62345678", "landline:（0571）8888 6666"}},
		{"0571-88886666-801 ok", []string{"landline:0571-88886666"}},
		{"客服 400-820-8820", nil},
		{"身份证11010519491231002X。", []string{"id_card:11010519491231002X"}},
		{"id 11010519491231002x", []string{"id_card:11010519491231002x"}},
		{"bad 110105194912310021", nil},
		{"旧证 110105491231002", []string{"id_card:110105491231002"}},
		{"卡 6222 0212 3456 7890 128", []string{"bank_card:6222 0212 3456 7890 128"}},
		{"6222021234567890128 6222021234567890123", []string{"bank_card:6222021234567890128"}},
		{"4111111111111111 / 卡号4111111111111111", []string{"bank_card:4111111111111111"}},
		{"4111 1111 1111 1111", []string{"bank_card:4111 1111 1111 1111"}},
		{"mail zhang.san@qq.com, 13800138000@163.com", []string{"email:zhang.san@qq.com", "email:13800138000@163.com"}},
		{"统一社会信用代码91350100M000100Y43", []string{"uscc:91350100M000100Y43"}},
	}
	for _, tt := range tests {
		got := spans(tt.in, m.Find(tt.in))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Find(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
