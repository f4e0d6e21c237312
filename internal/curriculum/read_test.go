package curriculum

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopdojo/shopdojo/internal/i18n/i18ntest"
)

func TestMessageFiles(t *testing.T) {
	args := map[string][]string{}
	for _, m := range messages() {
		args[m.id] = m.args
	}
	i18ntest.CheckArea(t, "curriculum", args)
}

// TestBuiltinPack: the starter curriculum reads without a single problem,
// and every module marked complete meets the counts (Read reports any
// shortfall as a problem, so this test fails on one).
func TestBuiltinPack(t *testing.T) {
	p, probs := Read(Builtin())
	for _, pr := range probs {
		t.Errorf("%s", pr)
	}
	if p.ID == "" || len(p.Modules) == 0 {
		t.Fatalf("pack %+v has no modules", p)
	}
	core := 0
	for _, m := range p.Modules {
		c := Count(m)
		t.Logf("%s %s (%s): %d courses, %d units, %d lessons, %d SOPs, %d cases, %d questions",
			m.ID, m.Title, m.Status, c.Courses, c.Units, c.Lessons, c.SOPs, c.Cases, c.Questions)
		if m.Kind == Core && m.Status == Complete {
			core++
		}
	}
	if core != 8 {
		t.Errorf("%d complete core modules, want the 8 of the brief", core)
	}
	// The SOPs the brief names, and a course map per position plus the
	// week-1 onboarding path.
	titles := map[string]bool{}
	for _, m := range p.Modules {
		for _, s := range m.SOPs {
			titles[s.Title] = true
		}
	}
	for _, want := range []string{"上新流程SOP", "广告投放步骤清单", "大促活动执行清单", "订单异常处理流程", "售后退款处理SOP", "差评处理SOP", "直播复盘清单", "数据日报SOP"} {
		if !titles[want] {
			t.Errorf("no SOP %s", want)
		}
	}
	positions, onboarding := map[string]bool{}, 0
	for _, pa := range p.Paths {
		positions[pa.Position] = true
		if pa.Onboarding {
			onboarding++
		}
	}
	for _, want := range []string{"运营专员", "客服专员", "推广专员", "内容运营", "仓储物流专员", "运营主管"} {
		if !positions[want] {
			t.Errorf("no course map for %s", want)
		}
	}
	if onboarding != 1 {
		t.Errorf("%d onboarding paths, want 1", onboarding)
	}
}

const okModule = `---
id: m01
order: 1
kind: core
status: draft
title: 平台基础
title_en: Platform basics
level: L1
competencies: [workbench]
goals:
  - {zh: 会用工作台, en: Can use the workbench}
teaching_points:
  - {zh: 规则中心, en: The rule centre}
---
概述
`

const okEN = "An overview in English.\n"

// pathYAML is a two-stage path over the small pack's items.
func pathYAML(id string, onboarding bool, stage1, stage2 string, pass int) string {
	return fmt.Sprintf("id: %s\ntitle: 路径\ntitle_en: Path\nposition: 运营专员\nposition_en: Operations specialist\nonboarding: %v\nstages:\n"+
		"  - id: %s-s1\n    title: 入门\n    title_en: Beginner\n    level: L1\n    items:\n%s"+
		"    exam: {title: 入门考试, title_en: Stage exam, questions: [m01-q01], pass_percent: %d, minutes: 20}\n"+
		"  - id: %s-s2\n    title: 进阶\n    title_en: Intermediate\n    level: L2\n    items:\n%s"+
		"    exam: {title: 进阶考试, title_en: Stage exam 2, questions: [m01-q01], pass_percent: 80, minutes: 20}\n",
		id, onboarding, id, stage1, pass, id, stage2)
}

func competencyYAML(id string) string {
	lv := ""
	for _, l := range Levels {
		lv += fmt.Sprintf("    %s: {zh: 等级%s, en: Level %s}\n", l, l, l)
	}
	return fmt.Sprintf("- id: %s\n  name: 工作台\n  name_en: Workbench\n  description: 会用工作台\n  description_en: Uses the workbench\n  levels:\n%s", id, lv)
}

const (
	item1 = "      - {ref: m01-c01-u01, required: true}\n"
	item2 = "      - {ref: m01-sop-s, required: true, after: [m01-c01-u01]}\n"
	item3 = "      - {ref: m01-c01-u02, required: false, after: [m01-sop-s]}\n"
)

// pack is a small pack with one draft module; edits change files.
func pack(edits map[string]string) fstest.MapFS {
	fs := fstest.MapFS{
		"pack.yaml":                              {Data: []byte("id: p\ntitle: 课程\ntitle_en: Course\nversion: \"1\"\n")},
		"modules/01-a/module.md":                 {Data: []byte(okModule)},
		"modules/01-a/module.en.md":              {Data: []byte(okEN)},
		"modules/01-a/courses/01-c/course.md":    {Data: []byte("---\nid: m01-c01\ntitle: 课\ntitle_en: Course\nlevel: L1\n---\n说明\n")},
		"modules/01-a/courses/01-c/course.en.md": {Data: []byte(okEN)},
		"modules/01-a/courses/01-c/01-u.md":      {Data: []byte("---\nid: m01-c01-u01\nkind: read\ntitle: 课文\ntitle_en: Lesson\nminutes: 10\nlevel: L1\n---\n正文\n")},
		"modules/01-a/courses/01-c/01-u.en.md":   {Data: []byte(okEN)},
		"modules/01-a/courses/01-c/02-t.md":      {Data: []byte("---\nid: m01-c01-u02\nkind: test\ntitle: 测验\ntitle_en: Quiz\nminutes: 5\nlevel: L1\nquiz: [m01-q01]\n---\n测验\n")},
		"modules/01-a/courses/01-c/02-t.en.md":   {Data: []byte(okEN)},
		"modules/01-a/sops/s.md": {Data: []byte("---\nid: m01-sop-s\ntitle: 流程\ntitle_en: SOP\nowner: 运营主管\nowner_en: Ops lead\nreview_months: 6\n" +
			"steps:\n  - {check: 核对, check_en: Check, evidence: 截图, evidence_en: Screenshot}\n---\n目的\n")},
		"modules/01-a/sops/s.en.md":  {Data: []byte(okEN)},
		"modules/01-a/cases/c.md":    {Data: []byte("---\nid: m01-case-c\ntitle: 案例\ntitle_en: Case\nplatform: tmall\n---\n## 背景\n## 数据\n| a |\n## 分析\n## 行动\n## 结果\n")},
		"modules/01-a/cases/c.en.md": {Data: []byte("## Background\n## Data\n## Analysis\n## Actions\n## Results\n")},
		"paths/a.yaml":               {Data: []byte(pathYAML("path-a", true, item1+item2, item3, 80))},
		"competencies.yaml":          {Data: []byte(competencyYAML("workbench"))},
		"modules/01-a/questions.yaml": {Data: []byte("- id: m01-q01\n  type: truefalse\n  stem: 对吗\n  answer: true\n  points: 1\n" +
			"  explanation: 是的\n  en: {stem: \"Is it right?\", explanation: Yes}\n")},
	}
	for name, data := range edits {
		if data == "" {
			delete(fs, name)
		} else {
			fs[name] = &fstest.MapFile{Data: []byte(data)}
		}
	}
	return fs
}

func TestReadSmallPack(t *testing.T) {
	p, probs := Read(pack(nil))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	m := p.Modules[0]
	if m.ID != "m01" || len(m.Courses) != 1 || len(m.Courses[0].Units) != 2 || len(m.SOPs) != 1 || len(m.Cases) != 1 ||
		len(m.Questions) != 1 || m.Questions[0].EN == nil || m.BodyEN != okEN || m.Goals[0].EN != "Can use the workbench" {
		t.Fatalf("module %+v", m)
	}
	if c := Count(m); c.Lessons != 1 || c.ShortLessons != 1 || c.Explained != 1 {
		t.Fatalf("counts %+v", c)
	}
	if len(p.Competencies) != 1 || p.Competencies[0].Levels["L3"].EN != "Level L3" {
		t.Fatalf("competencies %+v", p.Competencies)
	}
	if len(p.Paths) != 1 || len(p.Paths[0].Stages) != 2 || p.Paths[0].Stages[1].Items[0].After[0] != "m01-sop-s" {
		t.Fatalf("paths %+v", p.Paths)
	}
}

// TestReadProblems: each kind of mistake gives its own localized problem,
// and together these cases produce every message the package has.
func TestReadProblems(t *testing.T) {
	unit := "modules/01-a/courses/01-c/01-u.md"
	rule := "rules:\n  - {name: 发货规则, name_en: Shipping rule, as_of: 2026-11-15, review: 2026-01-01}\n"
	cases := []struct {
		name  string
		edits map[string]string
		want  string
	}{
		{"no pack.yaml", map[string]string{"pack.yaml": ""}, MsgFileMissing},
		{"no front matter", map[string]string{unit: "正文\n"}, MsgFrontMatterMissing},
		{"unknown field", map[string]string{unit: "---\nid: m01-c01-u01\nkind: read\ntitel: x\n---\n"}, MsgFrontMatterSyntax},
		{"no english", map[string]string{"modules/01-a/courses/01-c/01-u.en.md": ""}, MsgEnglishMissing},
		{"no title", map[string]string{"modules/01-a/courses/01-c/course.md": "---\nid: m01-c01\nlevel: L1\n---\n"}, MsgFieldRequired},
		{"bad id", map[string]string{"modules/01-a/courses/01-c/course.md": "---\nid: M01 C\ntitle: 课\ntitle_en: C\nlevel: L1\n---\n"}, MsgIDInvalid},
		{"id twice", map[string]string{"modules/01-a/courses/01-c/course.md": "---\nid: m01\ntitle: 课\ntitle_en: C\nlevel: L1\n---\n"}, MsgIDDuplicate},
		{"bad video length", map[string]string{"modules/01-a/courses/01-c/03-v.md": strings.Replace(watchUnit, "31.5", "-1", 1),
			"modules/01-a/courses/01-c/03-v.en.md": okEN}, MsgValueInvalid},
		{"bad level", map[string]string{"modules/01-a/courses/01-c/course.md": "---\nid: m01-c01\ntitle: 课\ntitle_en: C\nlevel: L9\n---\n"}, MsgValueInvalid},
		{"no minutes", map[string]string{unit: "---\nid: m01-c01-u01\nkind: read\ntitle: 课文\ntitle_en: L\nlevel: L1\n---\n正文\n"}, MsgMinutesInvalid},
		{"bad review", map[string]string{"modules/01-a/sops/s.md": "---\nid: m01-sop-s\ntitle: 流程\ntitle_en: SOP\nowner: 主管\nowner_en: Lead\nreview_months: 0\n" +
			"steps:\n  - {check: 核对, check_en: Check, evidence: 截图, evidence_en: Shot}\n---\n"}, MsgReviewInvalid},
		{"review before as-of", map[string]string{unit: "---\nid: m01-c01-u01\nkind: read\ntitle: 课文\ntitle_en: L\nminutes: 9\nlevel: L1\n" + rule + "---\n正文\n"}, MsgRuleDates},
		{"undated figure", map[string]string{unit: "---\nid: m01-c01-u01\nkind: read\ntitle: 课文\ntitle_en: L\nminutes: 9\nlevel: L1\n---\n须在 48 小时内发货。\n"}, MsgRuleUndated},
		{"case section", map[string]string{"modules/01-a/cases/c.en.md": "## Background\n## Data\n## Analysis\n## Results\n"}, MsgCaseSection},
		{"unknown sop", map[string]string{unit: "---\nid: m01-c01-u01\nkind: practice\ntitle: 实操\ntitle_en: P\nminutes: 9\nlevel: L1\nsop: m01-sop-x\n---\n实操\n"}, MsgSOPUnknown},
		{"unknown question", map[string]string{"modules/01-a/courses/01-c/02-t.md": "---\nid: m01-c01-u02\nkind: test\ntitle: 测\ntitle_en: Q\nminutes: 5\nlevel: L1\nquiz: [m01-q09]\n---\n"}, MsgQuestionUnknown},
		{"path names a case", map[string]string{"paths/a.yaml": pathYAML("path-a", true, item1+item2+"      - {ref: m01-case-c}\n", item3, 80)}, MsgPathRefUnknown},
		{"path item twice", map[string]string{"paths/a.yaml": pathYAML("path-a", true, item1+item2, item3+item1, 80)}, MsgPathItemTwice},
		{"prerequisite outside", map[string]string{"paths/a.yaml": pathYAML("path-a", true, item1+"      - {ref: m01-sop-s, after: [m01-c01]}\n", item3, 80)}, MsgPathAfterUnknown},
		{"prerequisite later", map[string]string{"paths/a.yaml": pathYAML("path-a", true, item1+"      - {ref: m01-sop-s, after: [m01-c01-u02]}\n", "      - {ref: m01-c01-u02}\n", 80)}, MsgPathAfterLater},
		{"cycle", map[string]string{"paths/a.yaml": pathYAML("path-a", true, "      - {ref: m01-c01-u01, after: [m01-sop-s]}\n"+item2, item3, 80)}, MsgPathCycle},
		{"empty stage", map[string]string{"paths/a.yaml": pathYAML("path-a", true, item1+item2, "", 80)}, MsgPathStageEmpty},
		{"stage exam pass", map[string]string{"paths/a.yaml": pathYAML("path-a", true, item1+item2, item3, 0)}, MsgStageExamInvalid},
		{"stage exam question", map[string]string{"paths/a.yaml": strings.Replace(pathYAML("path-a", true, item1+item2, item3, 80), "questions: [m01-q01]", "questions: [m01-q07]", 1)}, MsgExamQuestion},
		{"missing asset", map[string]string{"modules/01-a/courses/01-c/01-u.en.md": "See ![funnel](../../assets/ab12cd34-funnel.png).\n"}, MsgAssetMissing},
		{"unknown competency", map[string]string{"competencies.yaml": competencyYAML("platform-rules")}, MsgCompetencyUnknown},
		{"two onboarding paths", map[string]string{"paths/b.yaml": pathYAML("path-b", true, item1, item3, 80)}, MsgOnboardingTwice},
		{"complete but small", map[string]string{"modules/01-a/module.md": strings.Replace(okModule, "status: draft", "status: complete", 1)}, MsgTooFewCourses},
		{"complete, few lessons", map[string]string{"modules/01-a/module.md": strings.Replace(okModule, "status: draft", "status: complete", 1)}, MsgTooFewLessons},
		{"complete, few SOPs", map[string]string{"modules/01-a/module.md": strings.Replace(okModule, "status: draft", "status: complete", 1)}, MsgTooFewSOPs},
		{"complete, few questions", map[string]string{"modules/01-a/module.md": strings.Replace(okModule, "status: draft", "status: complete", 1)}, MsgTooFewQuestions},
		{"complete, few cases", map[string]string{"modules/01-a/module.md": strings.Replace(okModule, "status: draft", "status: complete", 1)}, MsgTooFewCases},
		{"complete, short SOP", map[string]string{"modules/01-a/module.md": strings.Replace(okModule, "status: draft", "status: complete", 1)}, MsgTooFewSteps},
		{"complete, short lesson", map[string]string{"modules/01-a/module.md": strings.Replace(okModule, "status: draft", "status: complete", 1)}, MsgLessonShort},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		_, probs := Read(pack(c.edits))
		found := false
		for _, p := range probs {
			seen[p.Msg] = true
			found = found || p.Msg == c.want
		}
		if !found {
			t.Errorf("%s: want %s, got %v", c.name, c.want, probs)
		}
	}
	for _, id := range MessageIDs() {
		if !seen[id] {
			t.Errorf("no case produces %s", id)
		}
	}
}

func TestDueRules(t *testing.T) {
	rule := "rules:\n  - {name: 发货规则, name_en: Shipping rule, as_of: 2026-05-01, review: 2026-11-01}\n"
	p, probs := Read(pack(map[string]string{"modules/01-a/courses/01-c/01-u.md": "---\nid: m01-c01-u01\nkind: read\ntitle: 课文\ntitle_en: L\nminutes: 9\nlevel: L1\n" +
		rule + "---\n须在 48 小时内发货（以规则中心为准）。\n"}))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	due := DueRules(p, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if len(due) != 1 || due[0].Where != "m01-c01-u01" {
		t.Fatalf("due %+v", due)
	}
	if due := DueRules(p, time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)); len(due) != 0 {
		t.Fatalf("due early: %+v", due)
	}
}

func TestHan(t *testing.T) {
	if n := Han("退款 refund 率：3%"); n != 3 {
		t.Fatalf("Han = %d", n)
	}
	if !slices.Equal(Levels, []string{"L1", "L2", "L3", "L4"}) {
		t.Fatal(Levels)
	}
}

// TestRoundTrip: export → import gives the same pack, and a second export
// is byte for byte the first, for the small pack and the built-in one.
func TestRoundTrip(t *testing.T) {
	withAsset := pack(map[string]string{
		"modules/01-a/courses/01-c/01-u.md":       "---\nid: m01-c01-u01\nkind: read\ntitle: 课文\ntitle_en: Lesson\nminutes: 10\nlevel: L1\n---\n正文\n\n![漏斗](../../assets/ab12cd34-funnel.png)\n",
		"modules/01-a/assets/ab12cd34-funnel.png": "\x89PNG\r\n\x1a\n",
		"modules/01-a/assets/ab12cd34-日报模板.xlsx":  "PK\x03\x04",
		"modules/01-a/sops/s.en.md":               "Use [the template](../assets/ab12cd34-%E6%97%A5%E6%8A%A5%E6%A8%A1%E6%9D%BF.xlsx).\n",
	})
	watch := pack(map[string]string{"modules/01-a/courses/01-c/03-v.md": watchUnit, "modules/01-a/courses/01-c/03-v.en.md": okEN})
	for name, fsys := range map[string]fs.FS{"small": pack(nil), "watch": watch, "builtin": Builtin(), "asset": withAsset} {
		p, _ := Read(fsys)
		files, err := Files(p)
		if err != nil {
			t.Fatal(err)
		}
		p2, probs := Read(mapFS(files))
		if diff := cmp.Diff(p, p2, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: export → import changed the pack (-before +after):\n%s", name, diff)
		}
		again, err := Files(p2)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(files, again); diff != "" {
			t.Errorf("%s: a second export differs:\n%s", name, diff)
		}
		if name == "asset" && len(p2.Assets) != 2 {
			t.Errorf("asset: the export has assets %v", slices.Collect(maps.Keys(p2.Assets)))
		}
		if name != "builtin" && len(probs) > 0 {
			t.Errorf("%s: the export reads with problems: %v", name, probs)
		}
	}
}

const watchUnit = "---\nid: m01-c01-u03\nkind: watch\ntitle: 视频\ntitle_en: Video\nminutes: 5\nlevel: L1\n" +
	"video: /files/0190abcd\nno_skip: true\nvideo_seconds: 31.5\n---\n看视频\n"

// TestWatchUnit: an uploaded video is told from a link, and its measured
// length survives an export.
func TestWatchUnit(t *testing.T) {
	p, probs := Read(pack(map[string]string{"modules/01-a/courses/01-c/03-v.md": watchUnit, "modules/01-a/courses/01-c/03-v.en.md": okEN}))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	u := p.Modules[0].Courses[0].Units[2]
	if u.VideoFile() != "0190abcd" || !u.NoSkip || u.VideoSeconds != 31.5 {
		t.Fatalf("unit %+v", u)
	}
	files, _ := Files(p)
	if !strings.Contains(string(files["modules/01-a/courses/01-c/03-v.md"]), "video_seconds: 31.5\n") {
		t.Fatalf("written:\n%s", files["modules/01-a/courses/01-c/03-v.md"])
	}
	for _, link := range []string{"https://example.com/v.mp4", "/files/", "/files/a/b", ""} {
		if id := (&Unit{Video: link}).VideoFile(); id != "" {
			t.Errorf("VideoFile(%q) = %q", link, id)
		}
	}
}

func mapFS(files map[string][]byte) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}

// TestPracticeSteps: a practice unit without an SOP is checked item by item
// of its evidence list, in both languages; every built-in one has a list.
func TestPracticeSteps(t *testing.T) {
	u := &Unit{Title: "实操", TitleEN: "Practice", Body: "## 练什么\n\n- 不是证据\n\n## 上传的证据\n\n- 归类表\n- 话术对照\n\n带教老师检查。\n\n## 其他\n- x",
		BodyEN: "## Evidence to upload\n\n1. The table\n2. The scripts\n"}
	got := PracticeSteps(u)
	if len(got) != 2 || got[0].Check != "归类表" || got[1].CheckEN != "The scripts" {
		t.Fatalf("steps %+v", got)
	}
	if s := PracticeSteps(&Unit{Title: "实操", TitleEN: "Practice"}); len(s) != 1 || s[0].CheckEN != "Practice" {
		t.Fatalf("fallback %+v", s)
	}
	p, _ := Read(Builtin())
	for _, m := range p.Modules {
		for _, c := range m.Courses {
			for i := range c.Units {
				u := &c.Units[i]
				if u.Kind != KindPractice || u.SOP != "" {
					continue
				}
				steps := PracticeSteps(u)
				if len(steps) < 2 {
					t.Errorf("%s: %d evidence items", u.ID, len(steps))
				}
				for _, s := range steps {
					if s.Check == s.CheckEN {
						t.Errorf("%s: no English for %q", u.ID, s.Check)
					}
				}
			}
		}
	}
}

// TestAssetLinks: links are found, resolved against their file and
// written back relative to it; asset names survive a round trip.
func TestAssetLinks(t *testing.T) {
	body := "![图](/files/f1) 和 [模板](../../assets/k-模板.xlsx \"标题\") 与 [外链](https://example.com/a)\n"
	if got := Links(body); !slices.Equal(got, []string{"/files/f1", "../../assets/k-模板.xlsx", "https://example.com/a"}) {
		t.Fatalf("links %q", got)
	}
	unit := "modules/01-a/courses/01-c/01-u.md"
	if got := ResolveLink(unit, "../../assets/k-模板.xlsx"); got != "modules/01-a/assets/k-模板.xlsx" {
		t.Fatalf("resolve %q", got)
	}
	for _, dest := range []string{"/files/f1", "https://example.com/a", "#top", "mailto:a@b.c"} {
		if got := ResolveLink(unit, dest); got != "" {
			t.Errorf("%s resolves to %q", dest, got)
		}
	}
	target := AssetPath(unit, "x.png")
	if target != "modules/01-a/assets/x.png" || RelativeLink(unit, target) != "../../assets/x.png" ||
		RelativeLink("modules/01-a/module.md", target) != "assets/x.png" || RelativeLink("modules/01-a/sops/s.md", target) != "../assets/x.png" {
		t.Fatalf("paths %s %s", target, RelativeLink(unit, target))
	}
	got := RewriteLinks(body, func(dest string) string {
		if dest == "/files/f1" {
			return "../../assets/x.png"
		}
		return ""
	})
	if !strings.HasPrefix(got, "![图](../../assets/x.png) 和 [模板](../../assets/k-模板.xlsx \"标题\")") {
		t.Fatalf("rewrite %q", got)
	}
	key := "0123456789abcdef"
	for _, name := range []string{"数据日报模板.xlsx", "sales chart (v2).png", "a[1].pdf"} {
		exported := AssetName(key, name)
		if again := AssetName(key, AssetOriginal(key, exported)); again != exported || strings.ContainsAny(exported, " ()[]") {
			t.Errorf("%s → %s → %s", name, exported, again)
		}
	}
}
