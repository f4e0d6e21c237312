// Package curriculum reads content packs: a curriculum kept as Markdown
// files with YAML front matter, one folder per module (see
// docs/content-pack.md). It holds the model (modules, courses, units,
// SOPs, cases, questions), the reader with its localized problems, the
// counts a complete module must meet and the linter for undated platform
// rules. ShopDojo's own starter curriculum is embedded (Builtin).
package curriculum

import (
	"github.com/shopdojo/shopdojo/internal/quiz"
	"strings"
)

// Levels of the proficiency scale.
const (
	L1 = "L1" // 入门 beginner
	L2 = "L2" // 进阶 intermediate
	L3 = "L3" // 熟练 proficient
	L4 = "L4" // 精通 expert
)

// Levels lists the scale in order.
var Levels = []string{L1, L2, L3, L4}

// Unit kinds.
const (
	KindRead     = "read"
	KindWatch    = "watch"
	KindPractice = "practice"
	KindTest     = "test"
)

// MaxVideoSeconds is the longest video_seconds a unit may give (six hours).
const MaxVideoSeconds = 6 * 3600

// VideoFilePrefix starts a watch unit's video when it is a file uploaded
// to ShopDojo (/files/{id}) rather than a link elsewhere.
const VideoFilePrefix = "/files/"

// VideoFile is the id of the uploaded file a watch unit plays, or "" when
// its video is a link elsewhere (which the page can only link to).
func (u *Unit) VideoFile() string {
	id, ok := strings.CutPrefix(u.Video, VideoFilePrefix)
	if !ok || id == "" || strings.ContainsAny(id, "/?#") {
		return ""
	}
	return id
}

// Module kinds and statuses.
const (
	Core     = "core"
	Elective = "elective"
	Complete = "complete"
	Draft    = "draft"
)

// Pack is a whole curriculum.
type Pack struct {
	ID           string       `yaml:"id"`
	Title        string       `yaml:"title"`
	TitleEN      string       `yaml:"title_en"`
	Version      string       `yaml:"version"`
	Modules      []Module     `yaml:"-"`
	Paths        []Path       `yaml:"-"`
	Competencies []Competency `yaml:"-"` // competencies.yaml
	// Assets are the files in the modules' assets folders (see AssetDir),
	// by pack path.
	Assets map[string][]byte `yaml:"-"`
}

// Competency is an entry of the competency catalogue with what each level
// of the scale looks like in practice.
type Competency struct {
	ID            string          `yaml:"id"`
	Name          string          `yaml:"name"`
	NameEN        string          `yaml:"name_en"`
	Description   string          `yaml:"description"`
	DescriptionEN string          `yaml:"description_en"`
	Levels        map[string]Text `yaml:"levels"` // L1 … L4
}

// Text is a short text in both languages.
type Text struct {
	ZH string `yaml:"zh"`
	EN string `yaml:"en"`
}

// Module is a core or elective module.
type Module struct {
	ID             string   `yaml:"id"`
	Order          int      `yaml:"order"`
	Kind           string   `yaml:"kind"`
	Status         string   `yaml:"status"`
	Title          string   `yaml:"title"`
	TitleEN        string   `yaml:"title_en"`
	Level          string   `yaml:"level"`
	Competencies   []string `yaml:"competencies"`
	Goals          []Text   `yaml:"goals"`
	TeachingPoints []Text   `yaml:"teaching_points"`

	Dir       string          `yaml:"-"` // folder name, e.g. 01-platform-basics
	Body      string          `yaml:"-"` // Markdown overview, Chinese
	BodyEN    string          `yaml:"-"`
	Courses   []Course        `yaml:"-"`
	SOPs      []SOP           `yaml:"-"`
	Cases     []Case          `yaml:"-"`
	Questions []quiz.Question `yaml:"-"`
}

// Course groups units.
type Course struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title"`
	TitleEN string `yaml:"title_en"`
	Level   string `yaml:"level"`

	Dir    string `yaml:"-"`
	Body   string `yaml:"-"`
	BodyEN string `yaml:"-"`
	Units  []Unit `yaml:"-"`
}

// Rule is a platform rule a text depends on, with the day it was checked
// and the day it must be checked again (YYYY-MM-DD).
type Rule struct {
	Name   string `yaml:"name"`
	NameEN string `yaml:"name_en"`
	AsOf   string `yaml:"as_of"`
	Review string `yaml:"review"`
	URL    string `yaml:"url,omitempty"`
}

// Unit is one step of a course: a lesson to read, a video to watch, an
// SOP or exercise to practise on real work, or a test.
type Unit struct {
	ID          string   `yaml:"id"`
	Kind        string   `yaml:"kind"`
	Title       string   `yaml:"title"`
	TitleEN     string   `yaml:"title_en"`
	Minutes     int      `yaml:"minutes"`
	Level       string   `yaml:"level"`
	Rules       []Rule   `yaml:"rules,omitempty"`
	SOP         string   `yaml:"sop,omitempty"`
	Quiz        []string `yaml:"quiz,omitempty"`
	PassPercent float64  `yaml:"pass_percent,omitempty"`
	Video       string   `yaml:"video,omitempty"`
	NoSkip      bool     `yaml:"no_skip,omitempty"`
	// VideoSeconds is an uploaded video's length as the editor's browser
	// measured it at upload; the learner's page is not trusted with it.
	VideoSeconds float64 `yaml:"video_seconds,omitempty"`

	File   string `yaml:"-"` // file name in the course folder
	Body   string `yaml:"-"`
	BodyEN string `yaml:"-"`
}

// Step is one check of an SOP and the evidence that proves it.
type Step struct {
	Check      string `yaml:"check"`
	CheckEN    string `yaml:"check_en"`
	Evidence   string `yaml:"evidence"`
	EvidenceEN string `yaml:"evidence_en"`
}

// SOP is an executable checklist.
type SOP struct {
	ID           string `yaml:"id"`
	Title        string `yaml:"title"`
	TitleEN      string `yaml:"title_en"`
	Owner        string `yaml:"owner"`
	OwnerEN      string `yaml:"owner_en"`
	ReviewMonths int    `yaml:"review_months"`
	Rules        []Rule `yaml:"rules,omitempty"`
	Steps        []Step `yaml:"steps"`

	File   string `yaml:"-"`
	Body   string `yaml:"-"`
	BodyEN string `yaml:"-"`
}

// Case is a worked store situation: background, data, analysis, actions,
// results and lessons.
type Case struct {
	ID       string `yaml:"id"`
	Title    string `yaml:"title"`
	TitleEN  string `yaml:"title_en"`
	Platform string `yaml:"platform"`
	Rules    []Rule `yaml:"rules,omitempty"`

	File   string `yaml:"-"`
	Body   string `yaml:"-"`
	BodyEN string `yaml:"-"`
}

// Path is a course map for a position: stages from beginner to expert,
// each a set of required and elective items with prerequisites, closed by
// a stage exam, and a certification at the end.
type Path struct {
	ID              string  `yaml:"id"`
	Title           string  `yaml:"title"`
	TitleEN         string  `yaml:"title_en"`
	Position        string  `yaml:"position"`
	PositionEN      string  `yaml:"position_en"`
	Onboarding      bool    `yaml:"onboarding,omitempty"` // the path every new hire gets in week 1
	DueDays         int     `yaml:"due_days,omitempty"`   // days from assignment to finish
	Stages          []Stage `yaml:"stages"`
	Certification   string  `yaml:"certification,omitempty"`
	CertificationEN string  `yaml:"certification_en,omitempty"`

	File string `yaml:"-"`
}

// Stage is one level of a path.
type Stage struct {
	ID      string     `yaml:"id"`
	Title   string     `yaml:"title"`
	TitleEN string     `yaml:"title_en"`
	Level   string     `yaml:"level"`
	Items   []PathItem `yaml:"items"`
	Exam    *StageExam `yaml:"exam,omitempty"`
}

// PathItem is a course, an SOP or a single unit of a path. After names
// items of the same path that must be done first.
type PathItem struct {
	Ref      string   `yaml:"ref"`
	Required bool     `yaml:"required"`
	After    []string `yaml:"after,omitempty"`
}

// StageExam closes a stage: questions of the pack, a pass mark and a time
// limit.
type StageExam struct {
	Title       string   `yaml:"title"`
	TitleEN     string   `yaml:"title_en"`
	Questions   []string `yaml:"questions"`
	PassPercent float64  `yaml:"pass_percent"`
	Minutes     int      `yaml:"minutes"`
}
