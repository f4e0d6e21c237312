package curriculum

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/shopdojo/shopdojo/internal/qbank"
)

// Problem is something wrong in a pack: the file (slash path inside the
// pack), the line when known, a message id and its arguments. Problems of
// questions.yaml keep the question-bank ids (qbank and quiz).
type Problem struct {
	File  string
	Line  int
	Field string
	Msg   string
	Args  map[string]any
}

func (p Problem) String() string {
	return fmt.Sprintf("%s:%d %s %s %v", p.File, p.Line, p.Field, p.Msg, p.Args)
}

// reader collects a pack and its problems.
type reader struct {
	fsys  fs.FS
	probs []Problem
	ids   map[string]string // id → file that first used it
}

// Read reads the pack at the root of fsys. Every module, course, unit,
// SOP, case and question read is returned, with every problem found:
// import nothing while there are problems.
func Read(fsys fs.FS) (Pack, []Problem) {
	r := &reader{fsys: fsys, ids: map[string]string{}}
	var p Pack
	if raw, err := fs.ReadFile(fsys, "pack.yaml"); err != nil {
		r.add("pack.yaml", 0, MsgFileMissing, nil)
	} else if err := strictYAML(raw, &p); err != nil {
		r.add("pack.yaml", yamlLine(err), MsgFrontMatterSyntax, map[string]any{"Detail": err.Error()})
	}
	r.need("pack.yaml", map[string]string{"id": p.ID, "title": p.Title, "title_en": p.TitleEN, "version": p.Version})
	p.Competencies = r.competencies()
	for _, dir := range r.dirs("modules") {
		p.Modules = append(p.Modules, r.module(path.Join("modules", dir), dir))
	}
	slices.SortStableFunc(p.Modules, func(a, b Module) int { return a.Order - b.Order })
	for _, m := range p.Modules {
		r.references(m)
	}
	r.assets(&p)
	r.assetLinks(&p)
	r.paths(&p)
	r.competencyRefs(p)
	return p, r.probs
}

func (r *reader) add(file string, line int, msg string, args map[string]any) {
	r.probs = append(r.probs, Problem{File: file, Line: line, Msg: msg, Args: args})
}

// dirs lists the folders in dir, sorted; a missing dir has none.
func (r *reader) dirs(dir string) []string {
	return r.entries(dir, func(e fs.DirEntry) bool { return e.IsDir() })
}

// docs lists the Markdown files of dir that carry front matter (not the
// .en.md translations), sorted, leaving out skip.
func (r *reader) docs(dir string, skip ...string) []string {
	return r.entries(dir, func(e fs.DirEntry) bool {
		n := e.Name()
		return !e.IsDir() && strings.HasSuffix(n, ".md") && !strings.HasSuffix(n, ".en.md") && !slices.Contains(skip, n)
	})
}

func (r *reader) entries(dir string, keep func(fs.DirEntry) bool) []string {
	es, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range es {
		if keep(e) {
			out = append(out, e.Name())
		}
	}
	return out
}

// doc reads file's front matter into v and returns its Chinese body and
// the English body of its .en.md sibling.
func (r *reader) doc(file string, v any) (body, bodyEN string, ok bool) {
	raw, err := fs.ReadFile(r.fsys, file)
	if err != nil {
		r.add(file, 0, MsgFileMissing, nil)
		return "", "", false
	}
	front, body, found := splitFront(raw)
	if !found {
		r.add(file, 1, MsgFrontMatterMissing, nil)
		return "", "", false
	}
	if err := strictYAML(front, v); err != nil {
		r.add(file, yamlLine(err)+1, MsgFrontMatterSyntax, map[string]any{"Detail": err.Error()})
		return "", "", false
	}
	en := strings.TrimSuffix(file, ".md") + ".en.md"
	if rawEN, err := fs.ReadFile(r.fsys, en); err != nil || strings.TrimSpace(string(rawEN)) == "" {
		r.add(file, 0, MsgEnglishMissing, map[string]any{"File": path.Base(en)})
	} else {
		bodyEN = canonical(strings.ReplaceAll(string(rawEN), "\r\n", "\n"))
	}
	return canonical(body), bodyEN, true
}

// splitFront splits "---\n<yaml>\n---\n<body>".
func splitFront(raw []byte) (front []byte, body string, ok bool) {
	raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(raw, []byte("---\n")) {
		return nil, string(raw), false
	}
	rest := raw[4:]
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		if bytes.HasSuffix(rest, []byte("\n---")) {
			return rest[:len(rest)-4], "", true
		}
		return nil, string(raw), false
	}
	return rest[:i+1], string(rest[i+5:]), true
}

func strictYAML(raw []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

var lineRE = regexp.MustCompile(`line (\d+)`)

func yamlLine(err error) int {
	var n int
	if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
		fmt.Sscan(m[1], &n)
	}
	return n
}

// need reports the empty ones of fields.
func (r *reader) need(file string, fields map[string]string) {
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range fields {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		if strings.TrimSpace(fields[k]) == "" {
			r.probs = append(r.probs, Problem{File: file, Field: k, Msg: MsgFieldRequired, Args: map[string]any{"Field": k}})
		}
	}
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,79}$`)

// id checks that id is well formed and new in the pack.
func (r *reader) id(file, id string) {
	switch first, dup := r.ids[id]; {
	case id == "":
		return // reported as a required field
	case !idRE.MatchString(id):
		r.probs = append(r.probs, Problem{File: file, Field: "id", Msg: MsgIDInvalid, Args: map[string]any{"ID": id}})
	case dup:
		r.probs = append(r.probs, Problem{File: file, Field: "id", Msg: MsgIDDuplicate, Args: map[string]any{"ID": id, "First": first}})
	default:
		r.ids[id] = file
	}
}

func (r *reader) oneOf(file, field, value string, allowed ...string) {
	if !slices.Contains(allowed, value) {
		r.probs = append(r.probs, Problem{File: file, Field: field, Msg: MsgValueInvalid,
			Args: map[string]any{"Field": field, "Value": value, "Allowed": strings.Join(allowed, ", ")}})
	}
}

func (r *reader) module(dir, name string) Module {
	file := path.Join(dir, "module.md")
	m := Module{Dir: name}
	m.Body, m.BodyEN, _ = r.doc(file, &m)
	r.need(file, map[string]string{"id": m.ID, "title": m.Title, "title_en": m.TitleEN})
	r.id(file, m.ID)
	r.oneOf(file, "kind", m.Kind, Core, Elective)
	r.oneOf(file, "status", m.Status, Complete, Draft)
	r.oneOf(file, "level", m.Level, Levels...)
	r.texts(file, "goals", m.Goals)
	r.texts(file, "teaching_points", m.TeachingPoints)
	for _, c := range r.dirs(path.Join(dir, "courses")) {
		m.Courses = append(m.Courses, r.course(path.Join(dir, "courses", c), c))
	}
	for _, f := range r.docs(path.Join(dir, "sops")) {
		m.SOPs = append(m.SOPs, r.sop(path.Join(dir, "sops", f), f))
	}
	for _, f := range r.docs(path.Join(dir, "cases")) {
		m.Cases = append(m.Cases, r.caseDoc(path.Join(dir, "cases", f), f))
	}
	r.questions(path.Join(dir, "questions.yaml"), &m)
	if m.Status == Complete {
		r.complete(dir, m)
	}
	return m
}

func (r *reader) texts(file, field string, ts []Text) {
	if len(ts) == 0 {
		r.probs = append(r.probs, Problem{File: file, Field: field, Msg: MsgFieldRequired, Args: map[string]any{"Field": field}})
	}
	for i, t := range ts {
		f := fmt.Sprintf("%s[%d]", field, i)
		r.need(file, map[string]string{f + ".zh": t.ZH, f + ".en": t.EN})
	}
}

func (r *reader) course(dir, name string) Course {
	file := path.Join(dir, "course.md")
	c := Course{Dir: name}
	c.Body, c.BodyEN, _ = r.doc(file, &c)
	r.need(file, map[string]string{"id": c.ID, "title": c.Title, "title_en": c.TitleEN})
	r.id(file, c.ID)
	r.oneOf(file, "level", c.Level, Levels...)
	for _, f := range r.docs(dir, "course.md") {
		c.Units = append(c.Units, r.unit(path.Join(dir, f), f))
	}
	return c
}

func (r *reader) unit(file, name string) Unit {
	u := Unit{File: name}
	var ok bool
	if u.Body, u.BodyEN, ok = r.doc(file, &u); !ok {
		return u
	}
	r.need(file, map[string]string{"id": u.ID, "title": u.Title, "title_en": u.TitleEN})
	r.id(file, u.ID)
	r.oneOf(file, "kind", u.Kind, KindRead, KindWatch, KindPractice, KindTest)
	r.oneOf(file, "level", u.Level, Levels...)
	if u.Minutes < 1 || u.Minutes > 600 {
		r.probs = append(r.probs, Problem{File: file, Field: "minutes", Msg: MsgMinutesInvalid, Args: map[string]any{"Value": u.Minutes}})
	}
	switch {
	case u.Kind == KindTest && len(u.Quiz) == 0:
		r.probs = append(r.probs, Problem{File: file, Field: "quiz", Msg: MsgFieldRequired, Args: map[string]any{"Field": "quiz"}})
	case u.Kind == KindWatch && u.Video == "":
		r.probs = append(r.probs, Problem{File: file, Field: "video", Msg: MsgFieldRequired, Args: map[string]any{"Field": "video"}})
	case u.VideoSeconds < 0 || u.VideoSeconds > MaxVideoSeconds:
		r.probs = append(r.probs, Problem{File: file, Field: "video_seconds", Msg: MsgValueInvalid,
			Args: map[string]any{"Field": "video_seconds", "Value": u.VideoSeconds, "Allowed": fmt.Sprintf("0–%d", MaxVideoSeconds)}})
	}
	r.rules(file, u.Rules, u.Body)
	return u
}

func (r *reader) sop(file, name string) SOP {
	s := SOP{File: name}
	var ok bool
	if s.Body, s.BodyEN, ok = r.doc(file, &s); !ok {
		return s
	}
	r.need(file, map[string]string{"id": s.ID, "title": s.Title, "title_en": s.TitleEN, "owner": s.Owner, "owner_en": s.OwnerEN})
	r.id(file, s.ID)
	if s.ReviewMonths < 1 || s.ReviewMonths > 36 {
		r.probs = append(r.probs, Problem{File: file, Field: "review_months", Msg: MsgReviewInvalid, Args: map[string]any{"Value": s.ReviewMonths}})
	}
	if len(s.Steps) == 0 {
		r.probs = append(r.probs, Problem{File: file, Field: "steps", Msg: MsgFieldRequired, Args: map[string]any{"Field": "steps"}})
	}
	text := s.Body
	for i, st := range s.Steps {
		f := fmt.Sprintf("steps[%d]", i)
		r.need(file, map[string]string{f + ".check": st.Check, f + ".check_en": st.CheckEN,
			f + ".evidence": st.Evidence, f + ".evidence_en": st.EvidenceEN})
		text += "\n" + st.Check
	}
	r.rules(file, s.Rules, text)
	return s
}

// Case sections every case has, in each language.
var (
	caseSections   = []string{"背景", "数据", "分析", "行动", "结果"}
	caseSectionsEN = []string{"Background", "Data", "Analysis", "Actions", "Results"}
)

func (r *reader) caseDoc(file, name string) Case {
	c := Case{File: name}
	var ok bool
	if c.Body, c.BodyEN, ok = r.doc(file, &c); !ok {
		return c
	}
	r.need(file, map[string]string{"id": c.ID, "title": c.Title, "title_en": c.TitleEN, "platform": c.Platform})
	r.id(file, c.ID)
	for i, sec := range caseSections {
		if !hasSection(c.Body, sec) {
			r.probs = append(r.probs, Problem{File: file, Msg: MsgCaseSection, Args: map[string]any{"Section": sec}})
		}
		if c.BodyEN != "" && !hasSection(c.BodyEN, caseSectionsEN[i]) {
			r.probs = append(r.probs, Problem{File: file, Msg: MsgCaseSection, Args: map[string]any{"Section": caseSectionsEN[i]}})
		}
	}
	// A case tells what one store did (its own deadlines included), so the
	// undated-figure linter reads lessons and SOPs, not cases.
	r.rules(file, c.Rules, "")
	return c
}

func hasSection(body, title string) bool {
	for line := range strings.SplitSeq(body, "\n") {
		if strings.TrimSpace(line) == "## "+title {
			return true
		}
	}
	return false
}

func (r *reader) questions(file string, m *Module) {
	raw, err := fs.ReadFile(r.fsys, file)
	if err != nil {
		if m.Status == Complete {
			r.add(file, 0, MsgFileMissing, nil)
		}
		return
	}
	qs, probs, _ := qbank.ParseYAML(bytes.NewReader(raw))
	for _, p := range probs {
		r.probs = append(r.probs, Problem{File: file, Line: p.Line, Field: p.Field, Msg: p.Msg, Args: p.Args})
	}
	for _, q := range qs {
		r.id(file, q.ID)
		if q.ID == "" {
			r.add(file, 0, MsgFieldRequired, map[string]any{"Field": "id"})
		}
	}
	m.Questions = qs
}

// references checks that practice and test units name SOPs and questions
// of their module.
func (r *reader) references(m Module) {
	sops := map[string]bool{}
	for _, s := range m.SOPs {
		sops[s.ID] = true
	}
	qs := map[string]bool{}
	for _, q := range m.Questions {
		qs[q.ID] = true
	}
	for _, c := range m.Courses {
		for _, u := range c.Units {
			file := path.Join("modules", m.Dir, "courses", c.Dir, u.File)
			if u.SOP != "" && !sops[u.SOP] {
				r.probs = append(r.probs, Problem{File: file, Field: "sop", Msg: MsgSOPUnknown, Args: map[string]any{"ID": u.SOP}})
			}
			for _, id := range u.Quiz {
				if !qs[id] {
					r.probs = append(r.probs, Problem{File: file, Field: "quiz", Msg: MsgQuestionUnknown, Args: map[string]any{"ID": id}})
				}
			}
		}
	}
}
