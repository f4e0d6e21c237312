package app

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// ContentReport says what a content import did.
type ContentReport struct {
	Pack                        string
	Modules, Files              int
	Created, Updated, Unchanged int
	Archived, Restored          int
	Questions, QuestionsChanged int
	Exams, ExamsCreated         int
	Rules, Assigned             int
	Problems                    []curriculum.Problem
}

// ImportContent stores a content pack as the curriculum, in one
// transaction: every file that differs from its published text becomes a
// new published version (the importer is author and reviewer: an import
// is a training manager's decision), files the pack no longer has are
// archived, each module's questions go to its bank with their ids, and
// test units and stage exams become exams. Importing the same pack again
// changes nothing. A pack with problems imports nothing.
func (a *App) ImportContent(ctx context.Context, ac Actor, fsys fs.FS, note string) (ContentReport, error) {
	var rep ContentReport
	if err := ac.require(shopdojo.PermContentReview); err != nil {
		return rep, err
	}
	if ac.PersonID == "" {
		return rep, shopdojo.E(shopdojo.KindInvalid, "error.bank_needs_owner")
	}
	p, probs := curriculum.Read(fsys)
	var assets []packAsset
	var err error
	if len(probs) == 0 {
		if assets, probs, err = a.putAssets(ctx, p.Assets); err != nil {
			return rep, err
		}
	}
	rep.Pack, rep.Modules, rep.Problems = p.ID, len(p.Modules), probs
	if len(probs) > 0 {
		return rep, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "content.has_problems", Args: map[string]any{"N": len(probs)}}
	}
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := a.linkAssetsTx(ctx, tx, ac, &p, assets); err != nil {
			return err
		}
		return a.importPackTx(ctx, tx, ac, p, note, &rep)
	})
	if err == nil {
		a.packs.reset()
	}
	return rep, err
}

// importPackTx stores a pack that reads without problems inside a caller's
// transaction (the demo seeds the built-in pack with the rest).
func (a *App) importPackTx(ctx context.Context, tx *store.Tx, ac Actor, p curriculum.Pack, note string, rep *ContentReport) error {
	files, err := curriculum.Files(p)
	if err != nil {
		return err
	}
	if strings.TrimSpace(note) == "" {
		note = "content import " + p.ID + " " + p.Version
	}
	im := &contentImport{a: a, ac: ac, pack: p, files: files, titles: curriculum.Titles(p), note: note, rep: rep}
	return im.run(ctx, tx)
}

type contentImport struct {
	a      *App
	ac     Actor
	pack   curriculum.Pack
	files  map[string][]byte
	titles map[string]string
	note   string
	rep    *ContentReport
}

func (im *contentImport) run(ctx context.Context, tx *store.Tx) error {
	if err := im.storeFiles(ctx, tx); err != nil {
		return err
	}
	for _, m := range im.pack.Modules {
		if err := im.storeQuestions(ctx, tx, m); err != nil {
			return fmt.Errorf("module %s questions: %w", m.ID, err)
		}
	}
	if err := im.storeExams(ctx, tx); err != nil {
		return err
	}
	if err := im.onboardingRule(ctx, tx); err != nil {
		return err
	}
	r := im.rep
	return im.a.record(ctx, tx, im.ac, change{Action: "curriculum.import", ObjectType: "curriculum", ObjectID: im.pack.ID,
		ObjectName: im.pack.Title, After: map[string]string{"version": im.pack.Version, "note": im.note,
			"created": itoa(int64(r.Created)), "updated": itoa(int64(r.Updated)), "archived": itoa(int64(r.Archived)),
			"questions_changed": itoa(int64(r.QuestionsChanged)), "exams_created": itoa(int64(r.ExamsCreated))}})
}

// storeFiles writes each file that changed as a published version and
// archives the stored files the pack does not have.
func (im *contentImport) storeFiles(ctx context.Context, tx *store.Tx) error {
	rows, err := tx.ListCurriculumMaterials(ctx)
	if err != nil {
		return err
	}
	stored := map[string]sqlq.ListCurriculumMaterialsRow{}
	for _, r := range rows {
		stored[r.Path] = r
	}
	for _, name := range slices.Sorted(maps.Keys(im.files)) {
		if path.Base(name) == "questions.yaml" {
			continue
		}
		im.rep.Files++
		if err := im.storeFile(ctx, tx, name, stored[name]); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	now := im.a.nowMs()
	for _, r := range rows {
		if _, keep := im.files[r.Path]; keep || r.ArchivedAt != 0 {
			continue
		}
		if err := tx.SetMaterialArchived(ctx, sqlq.SetMaterialArchivedParams{ID: r.ID, ArchivedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		im.rep.Archived++
		m := sqlq.Material{ID: r.ID, Kind: KindCurriculum, SubjectID: r.Path, Title: r.Path}
		if err := im.a.recordVersion(ctx, tx, im.ac, m, curriculumKind(), "material.archive", r.PublishedNo,
			map[string]string{"path": r.Path}); err != nil {
			return err
		}
	}
	return nil
}

// storeFile stores one file unless its published text is the same.
func (im *contentImport) storeFile(ctx context.Context, tx *store.Tx, name string, old sqlq.ListCurriculumMaterialsRow) error {
	body := string(im.files[name])
	if old.ID != "" && old.PublishedNo > 0 {
		cur, err := tx.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: old.ID, No: old.PublishedNo})
		if err != nil {
			return err
		}
		if cur.Body == body && old.ArchivedAt == 0 {
			im.rep.Unchanged++
			return nil
		}
	}
	if old.ArchivedAt != 0 {
		if err := tx.SetMaterialArchived(ctx, sqlq.SetMaterialArchivedParams{ID: old.ID, ArchivedAt: 0, UpdatedAt: im.a.nowMs()}); err != nil {
			return err
		}
		im.rep.Restored++
	}
	title := im.titles[name]
	if title == "" {
		title = name
	}
	k := curriculumKind()
	k.autoPublish = true // the importer reviews what they import
	in := VersionInput{Kind: KindCurriculum, SubjectID: name, Title: excerpt(title, maxTitle), Body: body, Note: im.note}
	m, _, err := im.a.materialForWrite(ctx, tx, im.ac, &in)
	if err != nil {
		return err
	}
	if m.LatestNo == 0 {
		im.rep.Created++
	} else {
		im.rep.Updated++
	}
	return im.a.insertVersion(ctx, tx, im.ac, m, k, in, m.LatestNo+1, 0)
}

// storeQuestions puts a module's questions in its bank (made on first
// import), keeping their ids and order; questions the pack dropped are
// archived in the bank, so attempts that drew them keep them.
func (im *contentImport) storeQuestions(ctx context.Context, tx *store.Tx, m curriculum.Module) error {
	bankID, err := im.moduleBank(ctx, tx, m)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, q := range m.Questions {
		keep[q.ID] = true
		changed, err := im.storeQuestion(ctx, tx, bankID, q)
		if err != nil {
			return fmt.Errorf("question %s: %w", q.ID, err)
		}
		im.rep.Questions++
		if changed {
			im.rep.QuestionsChanged++
		}
	}
	ids, err := tx.ListBankQuestionIDs(ctx, bankID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !keep[id] {
			if err := tx.SetQuestionArchived(ctx, sqlq.SetQuestionArchivedParams{ID: id, Archived: true, UpdatedAt: im.a.nowMs()}); err != nil {
				return err
			}
		}
	}
	if err := tx.DeleteCurriculumQuestions(ctx, m.ID); err != nil {
		return err
	}
	for i, q := range m.Questions {
		if err := tx.InsertCurriculumQuestion(ctx, sqlq.InsertCurriculumQuestionParams{ModuleID: m.ID,
			QuestionID: q.ID, Pos: int64(i)}); err != nil {
			return err
		}
	}
	return nil
}

func (im *contentImport) storeQuestion(ctx context.Context, tx *store.Tx, bankID string, q quiz.Question) (bool, error) {
	old, err := tx.GetQuestion(ctx, q.ID)
	switch {
	case err == nil && old.BankID != bankID:
		return false, &shopdojo.Error{Kind: shopdojo.KindConflict, Msg: "content.question_elsewhere", Args: map[string]any{"ID": q.ID}}
	case err == nil && old.Archived:
		if err := tx.SetQuestionArchived(ctx, sqlq.SetQuestionArchivedParams{ID: q.ID, Archived: false, UpdatedAt: im.a.nowMs()}); err != nil {
			return false, err
		}
	case err != nil && shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindNotFound:
		return false, err
	case err != nil:
		_, _, err := im.a.saveQuestionTx(ctx, tx, im.ac, QuestionInput{BankID: bankID, KeepID: q.ID, Question: q, Note: im.note})
		return err == nil, err
	}
	return im.a.importQuestion(ctx, tx, im.ac, bankID, q, im.note)
}

// moduleBank returns the bank of module m, making it on first import.
func (im *contentImport) moduleBank(ctx context.Context, tx *store.Tx, m curriculum.Module) (string, error) {
	id, err := tx.GetCurriculumBank(ctx, m.ID)
	if err == nil || shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindNotFound {
		return id, err
	}
	id = newID()
	in := BankInput{Name: excerpt("课程题库 · "+m.ID+" "+m.Title, 100),
		Description: "Questions of module " + m.ID + " (" + m.TitleEN + "), kept with the curriculum: `shopdojo content export` writes them to its questions.yaml.",
		Shared:      true}
	if err := tx.InsertBank(ctx, sqlq.InsertBankParams{ID: id, Name: in.Name, Description: in.Description,
		OwnerID: im.ac.PersonID, Shared: true, CreatedAt: im.a.nowMs()}); err != nil {
		return "", dupName(err)
	}
	if err := tx.InsertCurriculumBank(ctx, sqlq.InsertCurriculumBankParams{ModuleID: m.ID, BankID: id}); err != nil {
		return "", err
	}
	return id, im.a.record(ctx, tx, im.ac, change{Action: "bank.create", ObjectType: "bank", ObjectID: id,
		ObjectName: in.Name, After: in.fields()})
}

// onboardingRule makes sure new hires get the onboarding path: when no
// rule assigns it yet, one for people hired in the last 30 days is made
// (and applied), which managers may change like any other.
func (im *contentImport) onboardingRule(ctx context.Context, tx *store.Tx) error {
	sp := &storedPack{idx: curriculum.NewIndex(im.pack)}
	pa := sp.idx.Onboarding()
	if pa == nil {
		return nil
	}
	n, err := tx.CountPathRules(ctx, pa.ID)
	if err != nil || n > 0 {
		return err
	}
	in := PathRuleInput{PathID: pa.ID, NewHireDays: 30, DueDays: pa.DueDays}
	if err := im.a.insertPathRule(ctx, tx, im.ac, in); err != nil {
		return err
	}
	im.rep.Rules++
	im.rep.Assigned, err = im.a.applyRulesTx(ctx, tx, sp, "")
	return err
}
