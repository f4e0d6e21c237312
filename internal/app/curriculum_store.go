package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path"
	"sync"
	"testing/fstest"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/qbank"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The curriculum is stored as the files of a content pack (see migration
// 00009): each file is a material of KindCurriculum whose subject is its
// path, so the versioning service keeps every edit, and what learners see
// is the published files read back as a pack. Module questions live in
// question banks, test units and stage exams are exams.

// KindCurriculum is a file of the stored content pack.
const KindCurriculum = "curriculum"

func curriculumKind() materialKind {
	return materialKind{read: shopdojo.PermContentEdit, edit: shopdojo.PermContentEdit, review: shopdojo.PermContentReview,
		subject: func(_ context.Context, _ *store.Queries, id string) (string, error) { return id, nil }}
}

// packFile is where a published file of the stored pack came from.
type packFile struct {
	materialID string
	no         int64
}

// storedPack is the published curriculum, indexed, with the version of
// each file; it is rebuilt when the curriculum stamp changes.
type storedPack struct {
	idx   *curriculum.Index
	files map[string]packFile
	stamp sqlq.CurriculumStampRow
	// exams maps refs (test unit ids, "stage:" + stage ids) to exam ids;
	// examRefs is the other way. They change only with the files.
	exams    map[string]string
	examRefs map[string][]string
}

// packCache keeps the stored pack. Every read checks the stamp after this
// process wrote anything or when the last check is older than packRecheck,
// which bounds how long another node's publish goes unseen.
type packCache struct {
	mu      sync.Mutex
	cur     *storedPack
	gen     uint64
	checked time.Time
}

const packRecheck = 2 * time.Second

// reset makes the next read load the pack again (after an import here).
func (c *packCache) reset() {
	c.mu.Lock()
	c.cur = nil
	c.mu.Unlock()
}

// pack returns the published curriculum.
func (a *App) pack(ctx context.Context) (*storedPack, error) {
	c := a.packs
	c.mu.Lock()
	defer c.mu.Unlock()
	now, gen := a.now(), a.store.Gen()
	if c.cur != nil && c.gen == gen && now.Sub(c.checked) < packRecheck && !now.Before(c.checked) {
		return c.cur, nil
	}
	var stamp sqlq.CurriculumStampRow
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { stamp, err = q.CurriculumStamp(ctx); return }); err != nil {
		return nil, fmt.Errorf("curriculum stamp: %w", err)
	}
	if c.cur == nil || c.cur.stamp != stamp {
		sp, err := a.loadPack(ctx, stamp)
		if err != nil {
			return nil, err
		}
		c.cur = sp
	}
	c.gen, c.checked = gen, now
	return c.cur, nil
}

// loadPack reads the published files and parses them as a pack. Problems
// are logged, not fatal: every file was checked when it was published, and
// questions (kept in banks) are not part of the stored files.
func (a *App) loadPack(ctx context.Context, stamp sqlq.CurriculumStampRow) (*storedPack, error) {
	var rows []sqlq.ListCurriculumFilesRow
	var exams []sqlq.CurriculumExam
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if rows, err = q.ListCurriculumFiles(ctx); err != nil {
			return err
		}
		exams, err = q.ListCurriculumExams(ctx)
		return err
	}); err != nil {
		return nil, fmt.Errorf("curriculum files: %w", err)
	}
	fsys := fstest.MapFS{}
	sp := &storedPack{files: make(map[string]packFile, len(rows)), stamp: stamp,
		exams: map[string]string{}, examRefs: map[string][]string{}}
	for _, e := range exams {
		sp.exams[e.Ref] = e.ExamID
		sp.examRefs[e.ExamID] = append(sp.examRefs[e.ExamID], e.Ref)
	}
	for _, r := range rows {
		fsys[r.Path] = &fstest.MapFile{Data: []byte(r.Body)}
		sp.files[r.Path] = packFile{materialID: r.ID, no: r.PublishedNo}
	}
	p, _ := curriculum.Read(fsys)
	sp.idx = curriculum.NewIndex(p)
	return sp, nil
}

// ContentFiles is the stored curriculum as a content pack (slash path →
// contents) with the problems Read finds in it; an import of these files
// stores nothing new.
func (a *App) ContentFiles(ctx context.Context, ac Actor) (map[string][]byte, []curriculum.Problem, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return nil, nil, err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, nil, err
	}
	out := map[string][]byte{}
	err = a.store.Read(ctx, func(q *store.Queries) error {
		rows, err := q.ListCurriculumFiles(ctx)
		if err != nil {
			return err
		}
		for _, r := range rows {
			out[r.Path] = []byte(r.Body)
		}
		return moduleQuestionFiles(ctx, q, sp.idx, out)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("content files: %w", err)
	}
	if err := a.exportAssets(ctx, out); err != nil {
		return nil, nil, fmt.Errorf("content files: %w", err)
	}
	fsys := fstest.MapFS{}
	for name, data := range out {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	_, probs := curriculum.Read(fsys)
	return out, probs, nil
}

// moduleQuestionFiles adds each module's questions.yaml, written from its
// bank, beside the module's module.md.
func moduleQuestionFiles(ctx context.Context, q *store.Queries, x *curriculum.Index, out map[string][]byte) error {
	banks, err := q.ListCurriculumBanks(ctx)
	if err != nil {
		return err
	}
	for _, b := range banks {
		if x.Module(b.ModuleID) == nil {
			continue // the module was archived
		}
		dir := path.Dir(x.File(b.ModuleID))
		qs, err := moduleQuestions(ctx, q, b)
		if err != nil {
			return err
		}
		if len(qs) == 0 {
			continue
		}
		var buf bytes.Buffer
		if err := qbank.ExportYAML(&buf, qs); err != nil {
			return fmt.Errorf("module %s questions: %w", b.ModuleID, err)
		}
		out[path.Join(dir, "questions.yaml")] = buf.Bytes()
	}
	return nil
}

func moduleQuestions(ctx context.Context, q *store.Queries, b sqlq.CurriculumBank) ([]quiz.Question, error) {
	rows, err := q.ListModuleQuestions(ctx, sqlq.ListModuleQuestionsParams(b))
	if err != nil {
		return nil, err
	}
	qs := make([]quiz.Question, len(rows))
	for i, r := range rows {
		if err := json.Unmarshal([]byte(r.Body), &qs[i]); err != nil {
			return nil, fmt.Errorf("question %s: %w", r.ID, err)
		}
		qs[i].ID = r.ID
	}
	return qs, nil
}
