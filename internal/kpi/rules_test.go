package kpi

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseRulesProblems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Problem
	}{
		{"syntax", "[[rule]]\nmetric = \n", []Problem{{Line: 2, Msg: MsgRulesSyntax}}},
		{"empty", "# nothing\n", []Problem{{Msg: MsgRulesEmpty}}},
		{"unknown metric and no modules", "[[rule]]\nmetric = \"happiness\"\n",
			[]Problem{{Line: 1, Field: "metric", Msg: MsgRulesUnknownMetric, Args: map[string]any{"Value": "happiness"}},
				{Line: 1, Field: "modules", Msg: MsgRulesNoModules}}},
		{"bad ids", "\n[[rule]]\nmetric = \"roi\"\nmodules = [\"M4\"]\ncompetencies = [\"Ad Campaigns\"]\npositions = [\" \"]\nworse_by = -1\n",
			[]Problem{{Line: 2, Field: "worse_by", Msg: MsgRulesBadWorseBy, Args: map[string]any{"Value": -1.0}},
				{Line: 2, Field: "modules", Msg: MsgRulesBadModule, Args: map[string]any{"Value": "M4"}},
				{Line: 2, Field: "competencies", Msg: MsgRulesBadCompetency, Args: map[string]any{"Value": "Ad Campaigns"}},
				{Line: 2, Field: "positions", Msg: MsgRulesEmptyPosition}}},
		{"duplicate and unknown key", "[[rule]]\nmetric = \"roi\"\nmodules = [\"m04\"]\n[[rule]]\nmetric = \"roi\"\nmodules = [\"m07\"]\nowner = \"x\"\n",
			[]Problem{{Msg: MsgRulesUnknownKey, Args: map[string]any{"Value": "rule.owner"}},
				{Line: 4, Msg: MsgRulesDuplicate, Args: map[string]any{"First": 1}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := ParseRules([]byte(tt.in))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRulesMatchMostSevere(t *testing.T) {
	rs := DefaultRules()
	r, ok := rs.Match(ROI, 0.1)
	if !ok || slices.Contains(r.Positions, "运营主管") {
		t.Errorf("ROI 10%% short: %+v", r)
	}
	r, ok = rs.Match(ROI, 0.5)
	if !ok || !slices.Contains(r.Positions, "运营主管") || r.WorseBy != 0.3 {
		t.Errorf("ROI 50%% short: %+v", r)
	}
	if r, ok := rs.Match(CSInquiryConv, 0.01); !ok || !slices.Equal(r.Modules, []string{"m06"}) {
		t.Errorf("询单转化率 low should lead to m06: %+v", r)
	}
	if _, ok := rs.Match("nothing", 1); ok {
		t.Error("matched an unknown metric")
	}
}

// TestDefaultRulesUseCurriculumIDs keeps the built-in table in step with
// the starter curriculum's module ids, competency ids and position names.
func TestDefaultRulesUseCurriculumIDs(t *testing.T) {
	root := filepath.Join("..", "curriculum", "builtin")
	grab := func(glob, pattern string) []string {
		files, _ := filepath.Glob(filepath.Join(root, glob))
		re := regexp.MustCompile(pattern)
		var out []string
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				out = append(out, m[1])
			}
		}
		if len(out) == 0 {
			t.Fatalf("nothing matches %s in %s", pattern, glob)
		}
		return out
	}
	modules := grab("modules/*/module.md", `(?m)^id: (\S+)`)
	comps := grab("competencies.yaml", `(?m)^- id: (\S+)`)
	positions := grab("paths/*.yaml", `(?m)^position: (.+)$`)
	for _, r := range DefaultRules().Rules {
		for _, list := range []struct {
			got, known []string
		}{{r.Modules, modules}, {r.Competencies, comps}, {r.Positions, positions}} {
			for _, id := range list.got {
				if !slices.Contains(list.known, id) {
					t.Errorf("rule on line %d: %q is not in the curriculum", r.Line, id)
				}
			}
		}
	}
}

func FuzzParseRules(f *testing.F) {
	f.Add(DefaultRulesTOML())
	f.Add([]byte("[[rule]]\nmetric = \"roi\"\nmodules = [\"m04\"]\nworse_by = 0.3\n"))
	f.Add([]byte("[[rule]]\n[[rule]]\nmetric=1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, problems := ParseRules(data)
		for _, p := range problems {
			if _, ok := MessageIDs()[p.Msg]; !ok {
				t.Fatalf("problem with unknown message id %q", p.Msg)
			}
		}
		if len(problems) == 0 {
			for _, rule := range r.Rules {
				if len(rule.Modules) == 0 {
					t.Fatalf("accepted a rule without modules: %+v", rule)
				}
			}
		}
	})
}
