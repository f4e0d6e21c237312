package roster

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/xuri/excelize/v2"
)

var (
	employeeNoRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	mobileRE     = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	elevenRE     = regexp.MustCompile(`^1[0-9]{10}$`)
	ymdRE        = regexp.MustCompile(`^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$`)
	compactRE    = regexp.MustCompile(`^([0-9]{4})([0-9]{2})([0-9]{2})$`)
	serialRE     = regexp.MustCompile(`^[0-9]{5}(\.[0-9]+)?$`)
)

// normalizeMobile strips spaces and dashes and a +86, 0086 or 86 country
// code in front of an 11-digit number starting with 1. ok reports whether
// the result is a mainland mobile number.
func normalizeMobile(s string) (string, bool) {
	s = strings.Map(func(c rune) rune {
		switch c {
		case ' ', '\u3000', '\u00a0', '\t', '-', '－', '—':
			return -1
		}
		return c
	}, s)
	for _, cc := range []string{"+86", "0086", "86"} {
		if rest, ok := strings.CutPrefix(s, cc); ok && elevenRE.MatchString(rest) {
			s = rest
			break
		}
	}
	return s, mobileRE.MatchString(s)
}

// normalizeEmail lowercases an address and accepts it only when it is a
// bare address (no display name), as net/mail reads it.
func normalizeEmail(s string) (string, bool) {
	s = strings.ToLower(s)
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s, "@") {
		return s, false
	}
	return s, true
}

// Excel serial numbers are read as dates only in this range (1927–2173), so
// a bare year such as "2024" is refused rather than taken for 1905.
const minSerial, maxSerial = 10000, 99999

// normalizeDate accepts 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日,
// 20240301 and Excel serial numbers such as 45352, optionally followed by a
// time of day, and returns YYYY-MM-DD.
func normalizeDate(s string) (string, bool) {
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i] // a time of day, as in "2024-03-01 09:00:00"
	}
	if serialRE.MatchString(s) {
		return serialDate(s)
	}
	if m := compactRE.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	s = strings.TrimSuffix(s, "日")
	s = strings.NewReplacer("年", "-", "月", "-").Replace(s)
	if m := ymdRE.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	return "", false
}

func serialDate(s string) (string, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < minSerial || f > maxSerial {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// ymd checks that year, month and day form a real date between 1900 and 2199.
func ymd(ys, ms, ds string) (string, bool) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2199 || t.Year() != y || t.Month() != time.Month(m) || t.Day() != d {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

var statusWords = map[string]shopdojo.PersonStatus{
	"active": shopdojo.StatusActive, "在职": shopdojo.StatusActive,
	"leaving": shopdojo.StatusLeaving, "待离职": shopdojo.StatusLeaving, "离职中": shopdojo.StatusLeaving,
	"left": shopdojo.StatusLeft, "离职": shopdojo.StatusLeft, "已离职": shopdojo.StatusLeft,
}

// normalizeStatus maps a status word in Chinese or English to its id; empty
// means active.
func normalizeStatus(s string) (string, bool) {
	if s == "" {
		return string(shopdojo.StatusActive), true
	}
	st, ok := statusWords[strings.ToLower(s)]
	return string(st), ok
}

var roleNames = map[string]shopdojo.Role{
	"管理员": shopdojo.RoleAdmin, "培训经理": shopdojo.RoleTrainingManager, "讲师": shopdojo.RoleTrainer,
	"导师": shopdojo.RoleMentor, "主管": shopdojo.RoleTeamLead, "学员": shopdojo.RoleLearner,
	"审计员": shopdojo.RoleAuditor,
}

// roleSeparators are the marks people put between roles.
const roleSeparators = ",，;；、/ \u3000"

// normalizeRoles maps role ids or Chinese names to a comma list of ids in
// the canonical order of shopdojo.Roles; empty means learner. bad lists the
// words that are not roles.
func normalizeRoles(s string) (norm string, bad []string) {
	have := map[shopdojo.Role]bool{}
	for _, w := range strings.FieldsFunc(s, func(c rune) bool { return strings.ContainsRune(roleSeparators, c) }) {
		r, ok := roleNames[w]
		if !ok {
			r = shopdojo.Role(strings.ToLower(w))
		}
		if !r.Valid() {
			bad = append(bad, w)
			continue
		}
		have[r] = true
	}
	if len(have) == 0 && len(bad) == 0 {
		return string(shopdojo.RoleLearner), nil
	}
	var ids []string
	for _, r := range shopdojo.Roles {
		if have[r] {
			ids = append(ids, string(r))
		}
	}
	return strings.Join(ids, ","), bad
}
