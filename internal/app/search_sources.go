package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/search"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// searchSources lists what search indexes. A source adds itself here: a
// stamp that changes with its content and its documents with their
// principals.
func (a *App) searchSources() []searchSource {
	return []searchSource{
		{name: "kb", kinds: []string{search.KindKB}, stamp: a.kbSearchStamp, docs: a.kbSearchDocs},
		{name: "curriculum", kinds: []string{search.KindLesson, search.KindSOP, search.KindCase},
			stamp: a.curriculumSearchStamp, docs: a.curriculumSearchDocs},
		{name: "questions", kinds: []string{search.KindQuestion},
			stamp: a.questionSearchStamp, docs: a.questionSearchDocs},
	}
}

func (a *App) curriculumSearchStamp(ctx context.Context) (string, error) {
	var st sqlq.CurriculumStampRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { st, err = q.CurriculumStamp(ctx); return })
	return fmt.Sprint(st), err
}

// curriculumSearchDocs are the published pack's lessons (every unit kind),
// SOPs and cases, readable by everyone signed in, Chinese and English
// text together.
func (a *App) curriculumSearchDocs(ctx context.Context) ([]search.Doc, error) {
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	updated := a.curriculumTimes(ctx, sp)
	var docs []search.Doc
	for _, m := range sp.idx.Pack.Modules {
		for _, c := range m.Courses {
			for _, u := range c.Units {
				docs = append(docs, search.Doc{Kind: search.KindLesson, RefID: u.ID, Title: u.Title,
					Body: bilingual(u.Body, u.TitleEN, u.BodyEN), Tags: []string{c.Title}, Module: m.ID,
					UpdatedAt: updated[sp.idx.File(u.ID)], URL: "/learn/units/" + u.ID})
			}
		}
		for _, s := range m.SOPs {
			docs = append(docs, search.Doc{Kind: search.KindSOP, RefID: s.ID, Title: s.Title,
				Body: bilingual(s.Body+"\n"+sopSteps(s), s.TitleEN, s.BodyEN), Tags: []string{s.Owner}, Module: m.ID,
				UpdatedAt: updated[sp.idx.File(s.ID)], URL: "/learn/sops/" + s.ID})
		}
		for _, c := range m.Cases {
			docs = append(docs, search.Doc{Kind: search.KindCase, RefID: c.ID, Title: c.Title,
				Body: bilingual(c.Body, c.TitleEN, c.BodyEN), Module: m.ID, Platform: c.Platform,
				UpdatedAt: updated[sp.idx.File(c.ID)], URL: "/learn/cases/" + c.ID})
		}
	}
	return docs, nil
}

func bilingual(zh, titleEN, en string) string {
	return search.PlainText(zh) + "\n" + titleEN + "\n" + search.PlainText(en)
}

func sopSteps(s curriculum.SOP) string {
	var b strings.Builder
	for _, st := range s.Steps {
		b.WriteString(st.Check + " " + st.Evidence + "\n")
	}
	return b.String()
}

func (a *App) questionSearchStamp(ctx context.Context) (string, error) {
	var st sqlq.SearchQuestionStampRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { st, err = q.SearchQuestionStamp(ctx); return })
	return fmt.Sprint(st), err
}

// questionSearchDocs are the bank questions, opened only by those who
// may read their bank: reviewers always, the owner and members, and every
// content editor when the bank is shared (see banks.go).
func (a *App) questionSearchDocs(ctx context.Context) ([]search.Doc, error) {
	var rows []sqlq.SearchQuestionRowsRow
	var tags []sqlq.QuestionTag
	var members []sqlq.SearchBankMembersRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if rows, err = q.SearchQuestionRows(ctx); err != nil {
			return err
		}
		if tags, err = q.SearchQuestionTags(ctx); err != nil {
			return err
		}
		members, err = q.SearchBankMembers(ctx)
		return err
	})
	tagsOf := map[string][]string{}
	for _, t := range tags {
		tagsOf[t.QuestionID] = append(tagsOf[t.QuestionID], t.Tag)
	}
	membersOf := map[string][]string{}
	for _, m := range members {
		membersOf[m.BankID] = append(membersOf[m.BankID], search.Principal("person", m.PersonID))
	}
	docs := make([]search.Doc, len(rows))
	for i, r := range rows {
		pr := append([]string{search.Principal("perm", string(shopdojo.PermContentReview)),
			search.Principal("person", r.OwnerID)}, membersOf[r.BankID]...)
		if r.Shared {
			pr = append(pr, search.Principal("perm", string(shopdojo.PermContentEdit)))
		}
		docs[i] = search.Doc{Kind: search.KindQuestion, RefID: r.ID, Title: questionTitle(r.StemText),
			Body: r.StemText, Tags: tagsOf[r.ID], Module: r.BankName, UpdatedAt: fromMs(r.UpdatedAt),
			Audience: search.AudienceTrainers, Principals: pr, URL: "/questions/" + r.ID}
	}
	return docs, err
}

func questionTitle(stem string) string {
	r := []rune(strings.Join(strings.Fields(stem), " "))
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return string(r)
}

// curriculumTimes maps each published file's path to when it last changed.
func (a *App) curriculumTimes(ctx context.Context, _ *storedPack) map[string]time.Time {
	var rows []sqlq.SearchCurriculumTimesRow
	_ = a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.SearchCurriculumTimes(ctx); return })
	out := make(map[string]time.Time, len(rows))
	for _, r := range rows {
		out[r.SubjectID] = fromMs(r.UpdatedAt)
	}
	return out
}

// LearningCase returns a published case and its module's id, for anyone
// signed in (search links to it).
func (a *App) LearningCase(ctx context.Context, ac Actor, caseID string) (curriculum.Case, string, error) {
	if ac.PersonID == "" {
		return curriculum.Case{}, "", shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return curriculum.Case{}, "", err
	}
	c := sp.idx.Case(caseID)
	if c == nil {
		return curriculum.Case{}, "", shopdojo.ErrNotFound
	}
	return *c, sp.idx.ModuleOf(c.ID), nil
}

// SearchModules are the curriculum's modules (id and titles) for the
// search page's module filter.
func (a *App) SearchModules(ctx context.Context) ([]ModuleBrief, error) {
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	var out []ModuleBrief
	for _, m := range sp.idx.Pack.Modules {
		out = append(out, ModuleBrief{ID: m.ID, Title: m.Title, TitleEN: m.TitleEN})
	}
	return out, nil
}
