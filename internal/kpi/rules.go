package kpi

import (
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

//go:embed rules.toml
var defaultRules []byte

// Rule maps a metric that is worse than its target (by at least WorseBy,
// a fraction of the target) to the competencies and curriculum modules
// that address it and the positions that own it.
type Rule struct {
	Metric       string   `toml:"metric"`
	WorseBy      float64  `toml:"worse_by"`
	Competencies []string `toml:"competencies"`
	Modules      []string `toml:"modules"`
	Positions    []string `toml:"positions"`
	Line         int      `toml:"-"`
}

// Rules is a gap → training rule table.
type Rules struct {
	Rules []Rule `toml:"rule"`
}

// DefaultRules is the built-in rule table (rules.toml), a starting point
// the manager edits.
func DefaultRules() Rules {
	r, problems := ParseRules(defaultRules)
	if len(problems) > 0 {
		panic(fmt.Sprintf("kpi: built-in rules.toml: %v", problems))
	}
	return r
}

// DefaultRulesTOML is the built-in rule table's text, to start an edit.
func DefaultRulesTOML() []byte { return append([]byte(nil), defaultRules...) }

var (
	moduleID     = regexp.MustCompile(`^m[0-9]{2,}$`)
	competencyID = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
)

// ParseRules reads a rule table. Problems carry message ids; a table with
// problems is not to be used.
func ParseRules(data []byte) (Rules, []Problem) {
	var r Rules
	md, err := toml.Decode(string(data), &r)
	if err != nil {
		line := 0
		var perr toml.ParseError
		if errors.As(err, &perr) {
			line = perr.Position.Line
		}
		return Rules{}, []Problem{{Line: line, Msg: MsgRulesSyntax}}
	}
	var problems []Problem
	for _, k := range md.Undecoded() {
		problems = append(problems, Problem{Msg: MsgRulesUnknownKey, Args: map[string]any{"Value": k.String()}})
	}
	if len(r.Rules) == 0 {
		return Rules{}, append(problems, Problem{Msg: MsgRulesEmpty})
	}
	lines := ruleLines(data)
	first := map[string]int{}
	for i := range r.Rules {
		rule := &r.Rules[i]
		if i < len(lines) {
			rule.Line = lines[i]
		}
		problems = append(problems, checkRule(*rule)...)
		key := rule.Metric + "\x00" + strconv.FormatFloat(rule.WorseBy, 'g', -1, 64)
		if l, dup := first[key]; dup {
			problems = append(problems, Problem{Line: rule.Line, Msg: MsgRulesDuplicate, Args: map[string]any{"First": l}})
		} else {
			first[key] = rule.Line
		}
	}
	return r, problems
}

// ruleLines finds the line of each [[rule]] header, since the TOML
// decoder reports no positions for valid input.
func ruleLines(data []byte) []int {
	var out []int
	for i, l := range strings.Split(string(data), "\n") {
		if s := strings.TrimSpace(l); strings.HasPrefix(s, "[[rule]]") {
			out = append(out, i+1)
		}
	}
	return out
}

func checkRule(r Rule) []Problem {
	var ps []Problem
	bad := func(field, msg string, v any) {
		p := Problem{Line: r.Line, Field: field, Msg: msg}
		if v != nil {
			p.Args = map[string]any{"Value": v}
		}
		ps = append(ps, p)
	}
	if _, ok := def(r.Metric); !ok {
		bad("metric", MsgRulesUnknownMetric, r.Metric)
	}
	if r.WorseBy < 0 || r.WorseBy > 10 || r.WorseBy != r.WorseBy {
		bad("worse_by", MsgRulesBadWorseBy, r.WorseBy)
	}
	if len(r.Modules) == 0 {
		bad("modules", MsgRulesNoModules, nil)
	}
	for _, m := range r.Modules {
		if !moduleID.MatchString(m) {
			bad("modules", MsgRulesBadModule, m)
		}
	}
	for _, c := range r.Competencies {
		if !competencyID.MatchString(c) {
			bad("competencies", MsgRulesBadCompetency, c)
		}
	}
	for _, p := range r.Positions {
		if strings.TrimSpace(p) == "" {
			bad("positions", MsgRulesEmptyPosition, nil)
		}
	}
	return ps
}

// Match finds the rule for a metric that is worse than its target by
// shortfall: among the metric's rules whose WorseBy the shortfall reaches,
// the most severe one.
func (rs Rules) Match(metric string, shortfall float64) (Rule, bool) {
	best, found := Rule{}, false
	for _, r := range rs.Rules {
		if r.Metric == metric && shortfall >= r.WorseBy && (!found || r.WorseBy > best.WorseBy) {
			best, found = r, true
		}
	}
	return best, found
}
