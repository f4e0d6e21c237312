package curriculum

import (
	"fmt"
	"regexp"
	"time"
)

// ruleFigure finds what reads like a figure taken from a platform rule: a
// time limit ("48 小时内"), penalty points ("扣 6 分") or a fee rate
// ("技术服务费 5%"). A text with one must name the dated rule it rests on.
var ruleFigure = regexp.MustCompile(`\d+\s*(小时|个?工作日|天|分钟)内|扣\s*\d+\s*分|(技术服务费|佣金|保证金|费率)[^。\n]{0,12}\d+(\.\d+)?\s*%`)

// rules checks a text's rules (each named, in both languages, with an
// as-of and a review date, the review after the as-of) and that a text
// stating a rule figure names at least one.
func (r *reader) rules(file string, rules []Rule, text string) {
	for i, ru := range rules {
		f := fmt.Sprintf("rules[%d]", i)
		r.need(file, map[string]string{f + ".name": ru.Name, f + ".name_en": ru.NameEN})
		asOf, err1 := time.Parse(time.DateOnly, ru.AsOf)
		review, err2 := time.Parse(time.DateOnly, ru.Review)
		if err1 != nil || err2 != nil || !review.After(asOf) {
			r.probs = append(r.probs, Problem{File: file, Field: f, Msg: MsgRuleDates,
				Args: map[string]any{"AsOf": ru.AsOf, "Review": ru.Review}})
		}
	}
	if m := ruleFigure.FindString(text); m != "" && len(rules) == 0 {
		r.probs = append(r.probs, Problem{File: file, Field: "rules", Msg: MsgRuleUndated, Args: map[string]any{"Figure": m}})
	}
}

// DueRules lists the rules of a pack whose review date is before day, so
// owners re-check the texts that rest on them.
func DueRules(p Pack, day time.Time) []DueRule {
	var out []DueRule
	add := func(where string, rules []Rule) {
		for _, ru := range rules {
			if review, err := time.Parse(time.DateOnly, ru.Review); err == nil && review.Before(day) {
				out = append(out, DueRule{Where: where, Rule: ru})
			}
		}
	}
	for _, m := range p.Modules {
		for _, c := range m.Courses {
			for _, u := range c.Units {
				add(u.ID, u.Rules)
			}
		}
		for _, s := range m.SOPs {
			add(s.ID, s.Rules)
		}
		for _, c := range m.Cases {
			add(c.ID, c.Rules)
		}
	}
	return out
}

// DueRule is a rule past its review date and the id of the text using it.
type DueRule struct {
	Where string
	Rule  Rule
}
