package app

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// New items of the curriculum: modules, courses, SOPs and test units are
// drafted like any edit (new files of the pack, reviewed and published by
// a training manager). They are built on the editor's view of the pack:
// the published files plus the files never published yet, so a course
// still in review can already get units, and ids are chosen so they name
// nothing stored, archived items included.

// structure is the editor's view of the curriculum.
type structure struct {
	x      *curriculum.Index
	taken  map[string]bool   // every id in use, archived and draft items' included
	stored map[string]bool   // every curriculum path stored
	fresh  map[string]string // path of a file never published → its latest version's status
	mats   map[string]string // path → material id, for files never published
}

// structure reads the editor's view: published files, files never
// published (their latest versions) and each module bank's questions.
func (a *App) structure(ctx context.Context) (*structure, error) {
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	st := &structure{taken: map[string]bool{}, stored: map[string]bool{}, fresh: map[string]string{}, mats: map[string]string{}}
	files := map[string][]byte{}
	err = a.store.Read(ctx, func(q *store.Queries) error {
		pub, err := q.ListCurriculumFiles(ctx)
		if err != nil {
			return err
		}
		for _, r := range pub {
			files[r.Path] = []byte(r.Body)
		}
		all, err := q.ListCurriculumLatest(ctx)
		if err != nil {
			return err
		}
		st.addStored(all, files)
		return moduleQuestionFiles(ctx, q, sp.idx, files)
	})
	if err != nil {
		return nil, fmt.Errorf("curriculum structure: %w", err)
	}
	p, _ := curriculum.Read(packFS(files))
	st.x = curriculum.NewIndex(p)
	for id := range curriculum.IDs(p) {
		st.taken[id] = true
	}
	return st, nil
}

func (st *structure) addStored(rows []sqlq.ListCurriculumLatestRow, files map[string][]byte) {
	for _, r := range rows {
		st.stored[r.Path] = true
		switch {
		case r.ArchivedAt > 0:
			if id := frontID(r.Body); id != "" {
				st.taken[id] = true
			}
		case r.PublishedNo == 0:
			files[r.Path] = []byte(r.Body)
			st.fresh[r.Path], st.mats[r.Path] = r.Status, r.ID
		}
	}
}

// frontID is the id in a file's front matter, or "".
func frontID(body string) string {
	if !strings.HasPrefix(body, "---\n") {
		return ""
	}
	for line := range strings.SplitSeq(body[4:], "\n") {
		if line == "---" {
			break
		}
		if v, ok := strings.CutPrefix(line, "id: "); ok {
			return strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return ""
}

// nextID is prefix and the lowest number past every one in use with it
// ("m" → "m09", "m04-c" → "m04-c04").
func (st *structure) nextID(prefix string) string {
	n := 0
	for id := range st.taken {
		if k, err := strconv.Atoi(strings.TrimPrefix(id, prefix)); err == nil && strings.HasPrefix(id, prefix) && k > n {
			n = k
		}
	}
	return fmt.Sprintf("%s%02d", prefix, n+1)
}

// freeName is the first of name, name-2, name-3 … that is not taken.
func freeName(name string, taken func(string) bool) string {
	out := name
	for i := 2; taken(out); i++ {
		out = fmt.Sprintf("%s-%d", name, i)
	}
	return out
}

// slug is an ASCII name for a file or folder from an English title:
// lower-case words joined by "-", at most 40 characters, or fallback.
func slug(title, fallback string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			gap = false
			b.WriteRune(r)
		} else {
			gap = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if s := strings.Trim(b.String(), "-"); s != "" {
		return s
	}
	return fallback
}

// dirNumber is the number a folder or file name begins with ("03-x" → 3).
func dirNumber(name string) int {
	d, _, _ := strings.Cut(name, "-")
	n, _ := strconv.Atoi(d)
	return n
}

// newItem is the draft of a new item's two files on the editor's view,
// audited as created with the versions.
func (st *structure) newItem(file string, created change) *draftPack {
	return &draftPack{x: st.x, file: file, en: curriculum.EnglishFile(file), latest: map[string]sqlq.MaterialVersion{},
		materials: map[string]string{}, created: &created}
}

// requireTitles checks the titles every new item has and, when level is
// not nil, its level.
func requireTitles(v *shopdojo.Validation, title, titleEN string, level *string) {
	v.Check(title != "", "title", "error.required")
	v.Check(titleEN != "", "title_en", "error.required")
	if level != nil {
		v.Check(slices.Contains(curriculum.Levels, *level), "level", "structure.err_level")
	}
}

// ModuleInput is a new module.
type ModuleInput struct {
	Kind, Level           string
	Title, TitleEN        string
	Goals, TeachingPoints []curriculum.Text
	Body, BodyEN          string
	Note                  string
	Submit                bool
}

// CreateModule drafts a new module (status draft: it is not held to the
// counts of a complete one) after the last, and returns its id and the
// material of its module.md.
func (a *App) CreateModule(ctx context.Context, ac Actor, in ModuleInput) (string, string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", "", err
	}
	m, err := in.module()
	if err != nil {
		return "", "", err
	}
	st, err := a.structure(ctx)
	if err != nil {
		return "", "", err
	}
	p := &st.x.Pack
	m.ID = st.nextID("m")
	for _, o := range p.Modules {
		m.Order = max(m.Order, o.Order)
	}
	m.Order++
	m.Dir = freeName(fmt.Sprintf("%02d-%s", m.Order, slug(m.TitleEN, m.ID)), func(d string) bool {
		return st.stored[path.Join("modules", d, "module.md")]
	})
	p.Modules = append(p.Modules, m)
	dp := st.newItem(path.Join("modules", m.Dir, "module.md"), change{Action: "curriculum.create_module",
		ObjectType: "curriculum", ObjectID: m.ID, ObjectName: m.Title, After: map[string]string{"kind": m.Kind, "level": m.Level}})
	mid, err := a.saveEdit(ctx, ac, dp, m.Title, m.TitleEN, in.Note, false, in.Submit, 0, 0)
	return m.ID, mid, err
}

// module is the new module of the form's fields, checked.
func (in ModuleInput) module() (curriculum.Module, error) {
	m := curriculum.Module{Kind: in.Kind, Status: curriculum.Draft, Title: strings.TrimSpace(in.Title),
		TitleEN: strings.TrimSpace(in.TitleEN), Level: in.Level, Goals: texts(in.Goals), TeachingPoints: texts(in.TeachingPoints),
		Body: editedBody(in.Body), BodyEN: editedBody(in.BodyEN)}
	var v shopdojo.Validation
	requireTitles(&v, m.Title, m.TitleEN, &m.Level)
	v.Check(m.Kind == curriculum.Core || m.Kind == curriculum.Elective, "kind", "structure.err_module_kind")
	v.Check(len(m.Goals) > 0 && pairs(in.Goals), "goals", "structure.err_texts")
	v.Check(len(m.TeachingPoints) > 0 && pairs(in.TeachingPoints), "teaching_points", "structure.err_texts")
	requireBodies(&v, m.Body, m.BodyEN)
	return m, v.Err()
}

// texts drops the rows of a text list left empty in both languages.
func texts(in []curriculum.Text) []curriculum.Text {
	var out []curriculum.Text
	for _, t := range in {
		t = curriculum.Text{ZH: strings.TrimSpace(t.ZH), EN: strings.TrimSpace(t.EN)}
		if t != (curriculum.Text{}) {
			out = append(out, t)
		}
	}
	return out
}

// pairs reports whether every row of a text list that has one language
// has the other.
func pairs(in []curriculum.Text) bool {
	for _, t := range texts(in) {
		if t.ZH == "" || t.EN == "" {
			return false
		}
	}
	return true
}

func requireBodies(v *shopdojo.Validation, body, bodyEN string) {
	v.Check(body != "", "body", "error.required")
	v.Check(bodyEN != "", "body_en", "error.required")
}

// CourseInput is a new course of a module.
type CourseInput struct {
	ModuleID              string
	Title, TitleEN, Level string
	Body, BodyEN          string // the summary shown beside the units
	Note                  string
	Submit                bool
}

// CreateCourse drafts a new course after the module's last and returns its
// id and the material of its course.md. The course may get units before it
// is published; its minutes are its units'.
func (a *App) CreateCourse(ctx context.Context, ac Actor, in CourseInput) (string, string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", "", err
	}
	c := curriculum.Course{Title: strings.TrimSpace(in.Title), TitleEN: strings.TrimSpace(in.TitleEN), Level: in.Level,
		Body: editedBody(in.Body), BodyEN: editedBody(in.BodyEN)}
	var v shopdojo.Validation
	requireTitles(&v, c.Title, c.TitleEN, &c.Level)
	requireBodies(&v, c.Body, c.BodyEN)
	if err := v.Err(); err != nil {
		return "", "", err
	}
	st, err := a.structure(ctx)
	if err != nil {
		return "", "", err
	}
	m := st.x.Module(in.ModuleID)
	if m == nil {
		return "", "", shopdojo.ErrNotFound
	}
	c.ID = st.nextID(m.ID + "-c")
	mdir := path.Dir(st.x.File(m.ID))
	c.Dir = freeName(fmt.Sprintf("%02d-%s", lastNumber(m.Courses, func(o curriculum.Course) string { return o.Dir })+1,
		slug(c.TitleEN, c.ID)), func(d string) bool { return st.stored[path.Join(mdir, "courses", d, "course.md")] })
	m.Courses = append(m.Courses, c)
	dp := st.newItem(path.Join(mdir, "courses", c.Dir, "course.md"), change{Action: "curriculum.create_course",
		ObjectType: "curriculum", ObjectID: c.ID, ObjectName: c.Title, After: map[string]string{"module": m.ID, "level": c.Level}})
	mid, err := a.saveEdit(ctx, ac, dp, c.Title, c.TitleEN, in.Note, false, in.Submit, 0, 0)
	return c.ID, mid, err
}

// lastNumber is the highest number the names of items begin with (0 if none).
func lastNumber[T any](items []T, name func(T) string) int {
	n := 0
	for _, it := range items {
		n = max(n, dirNumber(name(it)))
	}
	return n
}

// CreateSOP drafts a new SOP of a module from the SOP editor's fields and
// returns its id and the material of its file. Its id is the module's id,
// "-sop-" and a name from its English title, which is also its file name.
func (a *App) CreateSOP(ctx context.Context, ac Actor, moduleID string, in SOPEdit) (string, string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", "", err
	}
	s := curriculum.SOP{}
	in.applyTo(&s)
	var v shopdojo.Validation
	requireTitles(&v, s.Title, s.TitleEN, nil)
	v.Check(s.Owner != "", "owner", "error.required")
	v.Check(s.OwnerEN != "", "owner_en", "error.required")
	v.Check(len(s.Steps) > 0, "steps", "structure.err_steps")
	requireBodies(&v, s.Body, s.BodyEN)
	if err := v.Err(); err != nil {
		return "", "", err
	}
	st, err := a.structure(ctx)
	if err != nil {
		return "", "", err
	}
	m := st.x.Module(moduleID)
	if m == nil {
		return "", "", shopdojo.ErrNotFound
	}
	dir := path.Join(path.Dir(st.x.File(m.ID)), "sops")
	name := freeName(slug(s.TitleEN, "sop"), func(n string) bool {
		return st.taken[m.ID+"-sop-"+n] || st.stored[path.Join(dir, n+".md")]
	})
	s.ID, s.File = m.ID+"-sop-"+name, name+".md"
	m.SOPs = append(m.SOPs, s)
	dp := st.newItem(path.Join(dir, s.File), change{Action: "curriculum.create_sop", ObjectType: "curriculum",
		ObjectID: s.ID, ObjectName: s.Title, After: map[string]string{"module": m.ID, "steps": strconv.Itoa(len(s.Steps))}})
	mid, err := a.saveEdit(ctx, ac, dp, s.Title, s.TitleEN, in.Note, false, in.Submit, 0, 0)
	return s.ID, mid, err
}

// newUnit adds u at the end of course c on the editor's view (id, file)
// and saves it as a draft of its two files.
func (a *App) newUnit(ctx context.Context, ac Actor, st *structure, c *curriculum.Course, u curriculum.Unit,
	note string, submit bool) (string, string, error) {
	u.ID = st.nextID(c.ID + "-u")
	u.File = fmt.Sprintf("%02d-%s.md", lastNumber(c.Units, unitFile)+1, u.ID)
	c.Units = append(c.Units, u)
	file := path.Join(path.Dir(st.x.File(c.ID)), u.File)
	dp := st.newItem(file, change{Action: "curriculum.create_unit", ObjectType: "curriculum", ObjectID: u.ID,
		ObjectName: u.Title, After: map[string]string{"course": c.ID, "kind": u.Kind, "quiz": strings.Join(u.Quiz, " ")}})
	mid, err := a.saveEdit(ctx, ac, dp, u.Title, u.TitleEN, note, false, submit, 0, 0)
	return u.ID, mid, err
}

func unitFile(u curriculum.Unit) string { return u.File }

// structureCourse is course id on the editor's view (drafts included).
func (a *App) structureCourse(ctx context.Context, ac Actor, id string) (*structure, *curriculum.Course, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return nil, nil, err
	}
	st, err := a.structure(ctx)
	if err != nil {
		return nil, nil, err
	}
	c := st.x.Course(id)
	if c == nil {
		return nil, nil, shopdojo.ErrNotFound
	}
	return st, c, nil
}

// DraftItem is a new module, course, SOP or unit not published yet.
type DraftItem struct {
	Kind           string // module, course, sop, unit
	ID             string
	Title, TitleEN string
	Where, WhereEN string // the module (for a unit: the course) it is in
	CourseID       string // a course's own id, a unit's course
	Status         string // of its latest version: draft or review
	MaterialID     string
	UnitKind       string
}

// CurriculumDrafts lists the new items waiting to be published, in pack
// order, for editors.
func (a *App) CurriculumDrafts(ctx context.Context, ac Actor) ([]DraftItem, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return nil, err
	}
	st, err := a.structure(ctx)
	if err != nil {
		return nil, err
	}
	var out []DraftItem
	add := func(it DraftItem) {
		if f := st.x.File(it.ID); st.fresh[f] != "" {
			it.Status, it.MaterialID = st.fresh[f], st.mats[f]
			out = append(out, it)
		}
	}
	for _, m := range st.x.Pack.Modules {
		add(DraftItem{Kind: "module", ID: m.ID, Title: m.Title, TitleEN: m.TitleEN})
		for _, c := range m.Courses {
			add(DraftItem{Kind: "course", ID: c.ID, Title: c.Title, TitleEN: c.TitleEN, Where: m.Title, WhereEN: m.TitleEN, CourseID: c.ID})
			for _, u := range c.Units {
				add(DraftItem{Kind: "unit", ID: u.ID, Title: u.Title, TitleEN: u.TitleEN, Where: c.Title, WhereEN: c.TitleEN,
					CourseID: c.ID, UnitKind: u.Kind})
			}
		}
		for _, s := range m.SOPs {
			add(DraftItem{Kind: "sop", ID: s.ID, Title: s.Title, TitleEN: s.TitleEN, Where: m.Title, WhereEN: m.TitleEN})
		}
	}
	return out, nil
}

// EditorModule names a module on the editor's view (a draft module too),
// for the forms that add to it.
func (a *App) EditorModule(ctx context.Context, ac Actor, id string) (ModuleBrief, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return ModuleBrief{}, err
	}
	st, err := a.structure(ctx)
	if err != nil {
		return ModuleBrief{}, err
	}
	m := st.x.Module(id)
	if m == nil {
		return ModuleBrief{}, shopdojo.ErrNotFound
	}
	return ModuleBrief{ID: m.ID, Kind: m.Kind, Level: m.Level, Title: m.Title, TitleEN: m.TitleEN}, nil
}

// EditorCourse names a course on the editor's view (a draft course too).
func (a *App) EditorCourse(ctx context.Context, ac Actor, id string) (CourseBrief, error) {
	_, c, err := a.structureCourse(ctx, ac, id)
	if err != nil {
		return CourseBrief{}, err
	}
	return CourseBrief{ID: c.ID, Title: c.Title, TitleEN: c.TitleEN, Level: c.Level, Units: len(c.Units)}, nil
}
