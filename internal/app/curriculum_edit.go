package app

import (
	"context"
	"strings"
	"testing/fstest"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The curriculum editor: a trainer edits a lesson as fields and text, not
// as raw front matter. The edit is applied to the pack and written back in
// canonical form, so a version's text is exactly what `content export`
// writes; its Chinese and English files each get a version, and a manager
// publishes both from the review queue.

// LessonEdit is the editable part of a unit.
type LessonEdit struct {
	UnitID           string
	Kind             string // read-only: the unit's kind
	Title, TitleEN   string
	Minutes          int
	Level            string
	Video            string
	NoSkip           bool
	VideoSeconds     float64 // an uploaded video's length as the editor's browser measured it
	Body, BodyEN     string
	Note             string
	Major, Submit    bool
	BaseNo, BaseNoEN int64 // the latest versions the editor started from
	MaterialID       string
}

// draftPack is the pack with the latest versions (drafts included) of the
// files of one item, for editing it.
type draftPack struct {
	// x indexes the pack; its items are edited in place through it (the
	// index points into the pack's own slices) and then written back.
	x         *curriculum.Index
	file, en  string
	latest    map[string]sqlq.MaterialVersion // by file
	materials map[string]string               // file → material id
	// created is the audit event of a new item, recorded with its versions.
	created *change
}

// LessonForEdit returns a unit's fields as of its latest version.
func (a *App) LessonForEdit(ctx context.Context, ac Actor, unitID string) (LessonEdit, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return LessonEdit{}, err
	}
	dp, err := a.draftPack(ctx, unitID)
	if err != nil {
		return LessonEdit{}, err
	}
	u := dp.x.Unit(unitID)
	if u == nil {
		return LessonEdit{}, shopdojo.ErrNotFound
	}
	return LessonEdit{UnitID: u.ID, Kind: u.Kind, Title: u.Title, TitleEN: u.TitleEN, Minutes: u.Minutes, Level: u.Level,
		Video: u.Video, NoSkip: u.NoSkip, VideoSeconds: u.VideoSeconds, Body: u.Body, BodyEN: u.BodyEN, BaseNo: dp.latest[dp.file].No,
		BaseNoEN: dp.latest[dp.en].No, MaterialID: dp.materials[dp.file]}, nil
}

// SaveLesson stores an edit of a unit as new versions of its files (a
// draft, or in review when in.Submit) and returns the Chinese file's
// material id. A file the edit leaves unchanged gets no version. The edit
// is checked like an import: a problem in either file refuses it.
func (a *App) SaveLesson(ctx context.Context, ac Actor, in LessonEdit) (string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", err
	}
	dp, err := a.draftPack(ctx, in.UnitID)
	if err != nil {
		return "", err
	}
	u := dp.x.Unit(in.UnitID)
	if u == nil {
		return "", shopdojo.ErrNotFound
	}
	u.Title, u.TitleEN, u.Minutes, u.Level = strings.TrimSpace(in.Title), strings.TrimSpace(in.TitleEN), in.Minutes, in.Level
	u.Body, u.BodyEN = editedBody(in.Body), editedBody(in.BodyEN)
	if u.Kind == curriculum.KindWatch {
		if err := a.editVideo(ctx, u, in); err != nil {
			return "", err
		}
	}
	return a.saveEdit(ctx, ac, dp, u.Title, u.TitleEN, in.Note, in.Major, in.Submit, in.BaseNo, in.BaseNoEN)
}

// saveEdit checks the edited pack and stores the changed files of the
// item as versions (title and titleEN name them), in one transaction.
func (a *App) saveEdit(ctx context.Context, ac Actor, dp *draftPack, title, titleEN, note string, major, submit bool,
	base, baseEN int64) (string, error) {
	texts, err := dp.check()
	if err != nil {
		return "", err
	}
	if err := a.checkFileLinks(ctx, texts); err != nil {
		return "", err
	}
	if note = strings.TrimSpace(note); note == "" {
		return "", &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid", Fields: map[string]string{"note": "curriculum.edit_note_required"}}
	}
	if texts[dp.file] == dp.latest[dp.file].Body && texts[dp.en] == dp.latest[dp.en].Body {
		return "", shopdojo.E(shopdojo.KindInvalid, "curriculum.edit_no_change")
	}
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		for file, b := range map[string]int64{dp.file: base, dp.en: baseEN} {
			if texts[file] == dp.latest[file].Body {
				continue
			}
			t := title
			if file == dp.en {
				t = titleEN
			}
			v := VersionInput{MaterialID: dp.materials[file], Kind: KindCurriculum, SubjectID: file, BaseNo: b, Title: t,
				Body: texts[file], Note: note, Major: major, Submit: submit}
			if _, err := a.saveVersionTx(ctx, tx, ac, &v); err != nil {
				return err
			}
			dp.materials[file] = v.MaterialID
		}
		if dp.created != nil {
			return a.record(ctx, tx, ac, *dp.created)
		}
		return nil
	})
	return dp.materials[dp.file], err
}

// packFS serves pack files from memory.
func packFS(files map[string][]byte) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// editedBody is a text area's text as a file body: Unix line ends and one
// final newline, as the writer keeps it.
func editedBody(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if s == "" {
		return ""
	}
	return s + "\n"
}

// check writes the pack in canonical form and reads it back; a problem in
// the edited files is the edit's. It returns the files' new texts.
func (dp *draftPack) check() (map[string]string, error) {
	files, err := curriculum.Files(dp.x.Pack)
	if err != nil {
		return nil, err
	}
	_, probs := curriculum.Read(packFS(files))
	for _, p := range probs {
		if p.File == dp.file || p.File == dp.en {
			return nil, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: p.Msg, Args: p.Args}
		}
	}
	return map[string]string{dp.file: string(files[dp.file]), dp.en: string(files[dp.en])}, nil
}

// draftPack reads the published pack with the latest versions of id's two
// files in place of their published ones.
func (a *App) draftPack(ctx context.Context, id string) (*draftPack, error) {
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	file := sp.idx.File(id)
	if file == "" {
		return nil, shopdojo.ErrNotFound
	}
	dp := &draftPack{file: file, en: curriculum.EnglishFile(file), latest: map[string]sqlq.MaterialVersion{},
		materials: map[string]string{}}
	fsys := fstest.MapFS{}
	err = a.store.Read(ctx, func(q *store.Queries) error {
		rows, err := q.ListCurriculumFiles(ctx)
		if err != nil {
			return err
		}
		for _, r := range rows {
			fsys[r.Path] = &fstest.MapFile{Data: []byte(r.Body)}
			if r.Path == dp.file || r.Path == dp.en {
				dp.materials[r.Path] = r.ID
				if dp.latest[r.Path], err = q.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: r.ID, No: r.LatestNo}); err != nil {
					return err
				}
				fsys[r.Path] = &fstest.MapFile{Data: []byte(dp.latest[r.Path].Body)}
			}
		}
		// The banks' questions, so a test unit's quiz is checked against
		// them instead of reported unknown.
		qs := map[string][]byte{}
		if err := moduleQuestionFiles(ctx, q, sp.idx, qs); err != nil {
			return err
		}
		for name, b := range qs {
			fsys[name] = &fstest.MapFile{Data: b}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if dp.materials[dp.file] == "" || dp.materials[dp.en] == "" {
		return nil, shopdojo.ErrNotFound
	}
	p, _ := curriculum.Read(fsys)
	dp.x = curriculum.NewIndex(p)
	return dp, nil
}

// changeTasksTx gives everyone who finished an older version of the item a
// curriculum file holds a "what changed" task, when version no of the
// file is a major change. English files are translations: their changes
// make no tasks.
func (a *App) changeTasksTx(ctx context.Context, tx *store.Tx, m sqlq.Material, no int64) error {
	if m.Kind != KindCurriculum || strings.HasSuffix(m.SubjectID, ".en.md") {
		return nil
	}
	v, err := tx.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: m.ID, No: no})
	if err != nil || !v.Major {
		return err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	id := sp.idx.IDOf(m.SubjectID)
	if k := sp.idx.Kind(id); k != "unit" && k != "sop" {
		return nil
	}
	_, err = tx.InsertChangeTasks(ctx, sqlq.InsertChangeTasksParams{MaterialID: m.ID, ToNo: no, Note: v.Note,
		CreatedAt: a.nowMs(), UnitID: id})
	return err
}

// reviewSiblingTx reviews, with a curriculum file's version, the version
// of its other-language file that is in review, so the Chinese text and
// its translation are published together.
func (a *App) reviewSiblingTx(ctx context.Context, tx *store.Tx, ac Actor, m sqlq.Material, approve bool, note string) error {
	sib, v, ok, err := siblingVersion(ctx, tx, m, shopdojo.VersionReview)
	if !ok || err != nil {
		return err
	}
	return a.reviewTxOne(ctx, tx, ac, sib, materialKinds[KindCurriculum], v, approve, note)
}

// siblingVersion is the latest version of a curriculum file's
// other-language file when that version has status st (ok false when the
// material is not a curriculum file, has no sibling, or its latest
// version has another status).
func siblingVersion(ctx context.Context, tx *store.Tx, m sqlq.Material, st shopdojo.VersionStatus) (sqlq.Material, sqlq.MaterialVersion, bool, error) {
	if m.Kind != KindCurriculum {
		return sqlq.Material{}, sqlq.MaterialVersion{}, false, nil
	}
	other := curriculum.EnglishFile(m.SubjectID)
	if strings.HasSuffix(m.SubjectID, ".en.md") {
		other = strings.TrimSuffix(m.SubjectID, ".en.md") + ".md"
	}
	sib, err := tx.FindMaterialBySubject(ctx, sqlq.FindMaterialBySubjectParams{Kind: KindCurriculum, SubjectID: other})
	if shopdojo.KindOf(store.MapErr(err)) == shopdojo.KindNotFound {
		return sib, sqlq.MaterialVersion{}, false, nil
	}
	if err != nil {
		return sib, sqlq.MaterialVersion{}, false, err
	}
	v, err := tx.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: sib.ID, No: sib.LatestNo})
	return sib, v, err == nil && v.Status == string(st), err
}

// SOPEdit is the editable part of an SOP: its checklist as rows.
type SOPEdit struct {
	SOPID            string
	Title, TitleEN   string
	Owner, OwnerEN   string
	ReviewMonths     int
	Steps            []curriculum.Step
	Rules            []curriculum.Rule // the platform rules it depends on, dated
	Body, BodyEN     string
	Note             string
	Major, Submit    bool
	BaseNo, BaseNoEN int64
	MaterialID       string
}

// SOPForEdit returns an SOP's fields as of its latest version.
func (a *App) SOPForEdit(ctx context.Context, ac Actor, sopID string) (SOPEdit, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return SOPEdit{}, err
	}
	dp, err := a.draftPack(ctx, sopID)
	if err != nil {
		return SOPEdit{}, err
	}
	s := dp.x.SOP(sopID)
	if s == nil {
		return SOPEdit{}, shopdojo.ErrNotFound
	}
	return SOPEdit{SOPID: s.ID, Title: s.Title, TitleEN: s.TitleEN, Owner: s.Owner, OwnerEN: s.OwnerEN,
		ReviewMonths: s.ReviewMonths, Steps: s.Steps, Rules: s.Rules, Body: s.Body, BodyEN: s.BodyEN, BaseNo: dp.latest[dp.file].No,
		BaseNoEN: dp.latest[dp.en].No, MaterialID: dp.materials[dp.file]}, nil
}

// SaveSOP stores an edit of an SOP like SaveLesson does a lesson's. Steps
// whose four texts are all empty are dropped; the rest must be complete.
func (a *App) SaveSOP(ctx context.Context, ac Actor, in SOPEdit) (string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", err
	}
	dp, err := a.draftPack(ctx, in.SOPID)
	if err != nil {
		return "", err
	}
	s := dp.x.SOP(in.SOPID)
	if s == nil {
		return "", shopdojo.ErrNotFound
	}
	in.applyTo(s)
	return a.saveEdit(ctx, ac, dp, s.Title, s.TitleEN, in.Note, in.Major, in.Submit, in.BaseNo, in.BaseNoEN)
}

// applyTo sets s's fields from the editor's. Steps whose four texts are
// all empty, and rules whose texts are all empty, are dropped; the rest
// must be complete (the reader says what is missing).
func (in SOPEdit) applyTo(s *curriculum.SOP) {
	s.Title, s.TitleEN = strings.TrimSpace(in.Title), strings.TrimSpace(in.TitleEN)
	s.Owner, s.OwnerEN, s.ReviewMonths = strings.TrimSpace(in.Owner), strings.TrimSpace(in.OwnerEN), in.ReviewMonths
	s.Body, s.BodyEN, s.Steps, s.Rules = editedBody(in.Body), editedBody(in.BodyEN), nil, nil
	for _, st := range in.Steps {
		st = curriculum.Step{Check: strings.TrimSpace(st.Check), CheckEN: strings.TrimSpace(st.CheckEN),
			Evidence: strings.TrimSpace(st.Evidence), EvidenceEN: strings.TrimSpace(st.EvidenceEN)}
		if st != (curriculum.Step{}) {
			s.Steps = append(s.Steps, st)
		}
	}
	for _, r := range in.Rules {
		r = curriculum.Rule{Name: strings.TrimSpace(r.Name), NameEN: strings.TrimSpace(r.NameEN), AsOf: strings.TrimSpace(r.AsOf),
			Review: strings.TrimSpace(r.Review), URL: strings.TrimSpace(r.URL)}
		if r != (curriculum.Rule{}) {
			s.Rules = append(s.Rules, r)
		}
	}
}
