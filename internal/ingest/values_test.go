package ingest

import (
	"strconv"
	"testing"
	"time"
)

func TestParseMoney(t *testing.T) {
	for _, c := range []struct {
		in, unit string
		want     int64
		ok       bool
	}{
		{"¥1,234.50", "", 123450, true},
		{"￥1,234.5", "", 123450, true},
		{"\t123", "", 12300, true},
		{"178.8", "", 17880, true},
		{"0.0", "", 0, true},
		{"-12.5", "", -1250, true},
		{"−12.5", "", -1250, true},
		{"(12.00)", "", -1200, true},
		{"$1,234.56", "", 123456, true},
		{"1 234.50", "", 123450, true},
		{"1.2万", "", 1200000, true},
		{"12元", "", 1200, true},
		{"０.３", "", 30, true},
		{"0.30000000000000004", "", 30, true},
		{"0.005", "", 1, true},
		{"0.0049", "", 0, true},
		{"1.5E+2", "", 15000, true},
		{"=\"99\"", "", 9900, true},
		{"1500", UnitFen, 1500, true},
		{"1,23", "", 0, false},
		{"1 234,00", "", 0, false},
		{"12,34.5", "", 0, false},
		{"abc", "", 0, false},
		{"1.2.3", "", 0, false},
		{"99999999999999999999", "", 0, false},
		{"¥", "", 0, false},
		{"1e99", "", 0, false},
	} {
		got, ok := ParseMoney(c.in, c.unit)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseMoney(%q, %q) = %d, %v; want %d, %v", c.in, c.unit, got, ok, c.want, c.ok)
		}
	}
}

func TestParseInt(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1,234", 1234, true}, {"\t9001", 9001, true}, {"1234.0", 1234, true},
		{"1.2万", 12000, true}, {"1.23456万", 0, false}, {"-3", -3, true},
		{"1.5", 0, false}, {"x", 0, false}, {"9223372036854775807", 9223372036854775807, true},
		{"9223372036854775808", 0, false}, {"1.2E+3", 1200, true},
	} {
		got, ok := ParseInt(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseInt(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseRatio(t *testing.T) {
	for _, c := range []struct {
		in, unit string
		want     float64
		ok       bool
	}{
		{"4.18%", "", 0.0418, true}, {"4.18 %", "", 0.0418, true}, {"0.0418", "", 0.0418, true},
		{"4.18", UnitPercent, 0.0418, true}, {"4.18%", UnitPercent, 0.0418, true},
		{"100%", "", 1, true}, {"-2%", "", -0.02, true}, {"4.1799999999999997E-2", "", 0.0418, true},
		{"NaN", "", 0, false}, {"Inf", "", 0, false}, {"0x1p-2", "", 0, false}, {"1万", "", 0, false}, {"%", "", 0, false},
	} {
		got, ok := ParseRatio(c.in, c.unit)
		if ok != c.ok || (ok && !near(got, c.want)) {
			t.Errorf("ParseRatio(%q, %q) = %v, %v; want %v, %v", c.in, c.unit, got, ok, c.want, c.ok)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-12 && b-a < 1e-12 }

func TestParseTime(t *testing.T) {
	sh := shanghai()
	at := func(y, mo, d, h, mi, s int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, s, 0, sh) }
	for _, c := range []struct {
		in, unit string
		want     time.Time
		ok       bool
	}{
		{"2020-02-21 00:00:00", "", at(2020, 2, 21, 0, 0, 0), true},
		{"2020/2/21 0:00", "", at(2020, 2, 21, 0, 0, 0), true},
		{"2020-02-21T00:00:00+08:00", "", at(2020, 2, 21, 0, 0, 0), true},
		{"2020-02-20T16:00:00Z", "", at(2020, 2, 21, 0, 0, 0), true},
		{"2023-01-05 10:46:25 -0500", "", at(2023, 1, 5, 23, 46, 25), true},
		{"2020年2月21日 10:05", "", at(2020, 2, 21, 10, 5, 0), true},
		{"2020年2月21日", "", at(2020, 2, 21, 0, 0, 0), true},
		{"20200221", "", at(2020, 2, 21, 0, 0, 0), true},
		{"20200221103000", "", at(2020, 2, 21, 10, 30, 0), true},
		{"1511544070", "", time.Unix(1511544070, 0).In(sh), true},
		{"1511544070123", "", time.UnixMilli(1511544070123).In(sh), true},
		{"\t2020-02-21 08:00:00", "", at(2020, 2, 21, 8, 0, 0), true},
		{"2020-02-21 08:00:00.5", "", at(2020, 2, 21, 8, 0, 0).Add(500 * time.Millisecond), true},
		{"12/1/2023", UnitMDY, at(2023, 12, 1, 0, 0, 0), true},
		{"1/12/2023", UnitDMY, at(2023, 12, 1, 0, 0, 0), true},
		{"12/1/2023", "", time.Time{}, false},
		{"2020-02-30", "", time.Time{}, false},
		{"2020-02-21 25:00", "", time.Time{}, false},
		{"2020-02-21 10:00 +99:00", "", time.Time{}, false},
		{"yesterday", "", time.Time{}, false},
		{"12345", "", time.Time{}, false},
	} {
		got, ok := ParseTime(c.in, c.unit, sh)
		if ok != c.ok || !got.Equal(c.want) {
			t.Errorf("ParseTime(%q, %q) = %v, %v; want %v, %v", c.in, c.unit, got, ok, c.want, c.ok)
		}
	}
}

// TestDayBoundary: a time of 00:00–08:00 Beijing is the previous day in
// UTC; dates must be the store's days.
func TestDayBoundary(t *testing.T) {
	sh := shanghai()
	d, ok := ParseDate("2020-02-20T17:30:00Z", "", sh)
	if !ok || d.Format(time.DateOnly) != "2020-02-21" || d.Hour() != 0 || d.Location() != sh {
		t.Errorf("ParseDate = %v", d)
	}
	d, _ = ParseDate("2020-02-21 01:30", "", time.UTC)
	if d.Format(time.DateOnly) != "2020-02-21" {
		t.Errorf("naive time in UTC zone = %v", d)
	}
}

func TestExcelSerial(t *testing.T) {
	sh := shanghai()
	for _, c := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"43882", time.Date(2020, 2, 21, 0, 0, 0, 0, sh), true},
		{"43882.5", time.Date(2020, 2, 21, 12, 0, 0, 0, sh), true},
		{"43882.99999999", time.Date(2020, 2, 22, 0, 0, 0, 0, sh), true},
		{"45352", time.Date(2024, 3, 1, 0, 0, 0, 0, sh), true},
		{"60", time.Time{}, false},
		{"x", time.Time{}, false},
	} {
		got, ok := ExcelSerial(c.in, sh)
		if ok != c.ok || !got.Equal(c.want) {
			t.Errorf("ExcelSerial(%q) = %v, %v; want %v", c.in, got, ok, c.want)
		}
	}
}

func TestParseSeconds(t *testing.T) {
	for _, c := range []struct {
		in, unit string
		want     float64
		ok       bool
	}{
		{"80", "", 80, true}, {"80s", "", 80, true}, {"80秒", "", 80, true}, {"1分20秒", "", 80, true},
		{"1分钟20秒", "", 80, true}, {"00:01:20", "", 80, true}, {"01:20", "", 80, true},
		{"1h 2m", "", 3720, true}, {"1小时", "", 3600, true}, {"12.5", "", 12.5, true},
		{"1.5", UnitMinutes, 90, true}, {"500ms", "", 0.5, true}, {"2 min", "", 120, true},
		{"01:60", "", 0, false}, {"-5", "", 0, false}, {"abc", "", 0, false}, {"5 parsecs", "", 0, false},
		{"1:2:3:4", "", 0, false}, {"秒", "", 0, false},
	} {
		got, ok := ParseSeconds(c.in, c.unit)
		if ok != c.ok || (ok && !near(got, c.want)) {
			t.Errorf("ParseSeconds(%q, %q) = %v, %v; want %v, %v", c.in, c.unit, got, ok, c.want, c.ok)
		}
	}
}

func TestCleanAndEmpty(t *testing.T) {
	for in, want := range map[string]string{
		"\t9001": "9001", "=\"6912345678901234567\"": "6912345678901234567", " 上海\u3000": "上海",
		"'=1+1": "=1+1", "\ufeffx": "x",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
	for _, s := range []string{"", "-", "—", "****", "null", "N/A"} {
		if !empty(s) {
			t.Errorf("empty(%q) = false", s)
		}
	}
	if empty("0") || empty("上海") {
		t.Error("empty of a value")
	}
	if !sciNotation("2.02002E+18") || !sciNotation("6E+18") || sciNotation("2020E") || sciNotation("E5") || sciNotation("12E+3") {
		t.Error("sciNotation")
	}
}

func TestNormHeader(t *testing.T) {
	for _, c := range [][2]string{
		{"收货地址 ", "收货地址"}, {"用户实付金额(元)", "用户实付金额"}, {"用户实付金额（元）", "用户实付金额"},
		{"7 Day Total Sales ", "7daytotalsales"}, {"Sessions - Total", "sessionstotal"},
		{"\u3000订单编号\u00a0", "订单编号"}, {"ＡＳＩＮ", "asin"}, {"询单→最终付款人数", "询单最终付款人数"},
		{"user_id", "userid"}, {"商品(新款)", "商品新款"},
	} {
		if got := normHeader(c[0]); got != c[1] {
			t.Errorf("normHeader(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	if ColumnName(0) != "A" || ColumnName(25) != "Z" || ColumnName(26) != "AA" || ColumnName(701) != "ZZ" {
		t.Error("ColumnName")
	}
}

func itoa(n int64) string   { return strconv.FormatInt(n, 10) }
func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
