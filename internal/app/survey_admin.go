package app

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Survey statuses.
const (
	SurveyDraft  = "draft"
	SurveyOpen   = "open"
	SurveyClosed = "closed"
)

// Survey is a questionnaire of an analysis with its questions.
type Survey struct {
	ID, AnalysisID, StoreID string
	Title, Intro, Status    string
	Anonymous               bool
	OpensOn, ClosesOn       string
	Questions               []SurveyQuestion
	Recipients, Responded   int64
	SentAt, ClosedAt        int64
}

func surveyOf(r sqlq.Survey, storeID string) (Survey, error) {
	qs, err := decodeQuestions(r.Questions)
	return Survey{ID: r.ID, AnalysisID: r.AnalysisID, StoreID: storeID, Title: r.Title, Intro: r.Intro, Status: r.Status,
		Anonymous: r.Anonymous, OpensOn: r.OpensOn, ClosesOn: r.ClosesOn, Questions: qs, SentAt: r.SentAt, ClosedAt: r.ClosedAt}, err
}

// CreateSurvey adds a draft questionnaire to an analysis, blank or from
// the starter template.
func (a *App) CreateSurvey(ctx context.Context, ac Actor, storeID, analysisID string, fromTemplate bool) (string, error) {
	title, intro, qs := "", "", []SurveyQuestion{}
	if fromTemplate {
		title, intro, qs = StarterSurvey()
	}
	id := newID()
	return id, a.store.Tx(ctx, func(tx *store.Tx) error {
		_, n, err := a.analysisFor(ctx, tx.Queries, ac, storeID, analysisID, shopdojo.PermStoreDataManage)
		if err != nil {
			return err
		}
		if err := tx.CreateSurvey(ctx, sqlq.CreateSurveyParams{ID: id, AnalysisID: n.ID, Title: title, Intro: intro,
			Questions: encodeQuestions(qs), CreatedBy: nullStr(ac.PersonID), CreatedAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "survey.create", ObjectType: "survey", ObjectID: id, ObjectName: title,
			After: map[string]string{"analysis": n.Title, "template": strconv.FormatBool(fromTemplate)}})
	})
}

// surveyFor loads a survey of the store's analysis.
func (a *App) surveyFor(ctx context.Context, q *store.Queries, ac Actor, storeID, analysisID, id string, perm shopdojo.Permission) (sqlq.NeedsAnalysis, sqlq.Survey, error) {
	_, n, err := a.analysisFor(ctx, q, ac, storeID, analysisID, perm)
	if err != nil {
		return n, sqlq.Survey{}, err
	}
	s, err := q.GetSurvey(ctx, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && s.AnalysisID != n.ID) {
		return n, s, shopdojo.ErrNotFound
	}
	return n, s, err
}

// SurveyRecipient is a person asked, and whether they answered.
type SurveyRecipient struct {
	PersonID, EmployeeNo, Name string
	Responded                  bool
}

// SurveyAdmin is a survey as its manager sees it: the questionnaire, who
// was asked, and the people of the store to choose from.
type SurveyAdmin struct {
	Analysis   NeedsAnalysis
	Survey     Survey
	Recipients []SurveyRecipient
	People     []NeedsPerson // the store's people, for sending
}

// SurveyAdminView reads a survey for the builder or its status page.
func (a *App) SurveyAdminView(ctx context.Context, ac Actor, storeID, analysisID, id string) (SurveyAdmin, error) {
	var v SurveyAdmin
	err := a.store.Read(ctx, func(q *store.Queries) error {
		n, s, err := a.surveyFor(ctx, q, ac, storeID, analysisID, id, shopdojo.PermStoreDataManage)
		if err != nil {
			return err
		}
		v.Analysis = analysisOf(n)
		if v.Survey, err = surveyOf(s, storeID); err != nil {
			return err
		}
		rows, err := q.ListSurveyRecipients(ctx, id)
		for _, r := range rows {
			v.Recipients = append(v.Recipients, SurveyRecipient{PersonID: r.PersonID, EmployeeNo: r.EmployeeNo, Name: r.Name, Responded: r.Responded})
			v.Survey.Recipients++
			if r.Responded {
				v.Survey.Responded++
			}
		}
		if err != nil {
			return err
		}
		people, err := q.ListStorePeople(ctx, storeID)
		for _, p := range people {
			v.People = append(v.People, NeedsPerson{ID: p.ID, EmployeeNo: p.EmployeeNo, Name: p.Name})
		}
		return err
	})
	return v, err
}

// SurveyDraftInput is the builder form: title, intro, the questions as
// edited, and the action pressed.
type SurveyDraftInput struct {
	Title, Intro string
	Questions    []SurveyQuestion
	Op           EditOp
}

// SaveSurveyDraft applies the builder's action and stores the draft. The
// draft is stored even when it does not validate yet, so no typing is
// lost; the "save" action then reports what to fix, as sending would.
func (a *App) SaveSurveyDraft(ctx context.Context, ac Actor, storeID, analysisID, id string, in SurveyDraftInput) error {
	qs := cleanQuestions(in.Op.apply(slices.Clone(in.Questions)))
	title, intro := strings.TrimSpace(in.Title), strings.TrimSpace(in.Intro)
	known, err := a.competencyKnown(ctx)
	if err != nil {
		return err
	}
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		_, err := a.draftFor(ctx, tx, ac, storeID, analysisID, id)
		if err != nil {
			return err
		}
		if _, err := tx.UpdateSurveyDraft(ctx, sqlq.UpdateSurveyDraftParams{ID: id, Title: title, Intro: intro,
			Questions: encodeQuestions(qs)}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "survey.edit", ObjectType: "survey", ObjectID: id, ObjectName: title,
			After: map[string]string{"questions": strconv.Itoa(len(qs)), "op": in.Op.Op}})
	})
	if err != nil || in.Op.Op != "save" {
		return err
	}
	return validateQuestions(title, qs, known)
}

// draftFor is a survey the actor may manage that is still a draft.
func (a *App) draftFor(ctx context.Context, tx *store.Tx, ac Actor, storeID, analysisID, id string) (sqlq.Survey, error) {
	_, s, err := a.surveyFor(ctx, tx.Queries, ac, storeID, analysisID, id, shopdojo.PermStoreDataManage)
	if err == nil && s.Status != SurveyDraft {
		err = shopdojo.E(shopdojo.KindConflict, "survey.err_not_draft")
	}
	return s, err
}

// competencyKnown tells the competency ids of the curriculum's catalogue.
func (a *App) competencyKnown(ctx context.Context) (func(string) bool, error) {
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, c := range sp.idx.Pack.Competencies {
		ids[c.ID] = true
	}
	return func(id string) bool { return ids[id] }, nil
}

// SendInput chooses the recipients and fixes anonymity and the dates.
type SendInput struct {
	PersonIDs []string // picked from the store's people
	Select    MemberSelection
	Anonymous bool
	Opens     string
	Closes    string
}

// SendSurvey opens a draft to its recipients; its questions and its
// anonymity are fixed from then on.
func (a *App) SendSurvey(ctx context.Context, ac Actor, storeID, analysisID, id string, in SendInput) (int, error) {
	known, err := a.competencyKnown(ctx)
	if err != nil {
		return 0, err
	}
	if err := in.checkDates(a.today()); err != nil {
		return 0, err
	}
	var count int
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		s, err := a.draftFor(ctx, tx, ac, storeID, analysisID, id)
		if err != nil {
			return err
		}
		qs, err := decodeQuestions(s.Questions)
		if err != nil {
			return err
		}
		if err := validateQuestions(s.Title, qs, known); err != nil {
			return shopdojo.E(shopdojo.KindInvalid, "survey.err_fix_first")
		}
		ids, err := a.recipientIDs(ctx, tx, ac, storeID, in)
		if err != nil {
			return err
		}
		count = len(ids)
		return a.openSurvey(ctx, tx, ac, s, ids, in)
	})
	return count, err
}

func (in SendInput) checkDates(today string) error {
	var v shopdojo.Validation
	_, e1 := time.Parse(time.DateOnly, in.Opens)
	_, e2 := time.Parse(time.DateOnly, in.Closes)
	v.Check(e1 == nil, "opens", "error.date_invalid")
	v.Check(e2 == nil, "closes", "error.date_invalid")
	if e1 == nil && e2 == nil {
		v.Check(in.Closes >= in.Opens, "closes", "survey.err_closes_before")
		v.Check(in.Closes >= today, "closes", "survey.err_closes_past")
	}
	return v.Err()
}

// recipientIDs resolves the picked people and the selection, refusing an
// empty list, and people outside the sender's people scope unless they
// are the store's own.
func (a *App) recipientIDs(ctx context.Context, tx *store.Tx, ac Actor, storeID string, in SendInput) ([]string, error) {
	staff, err := tx.ListStorePeople(ctx, storeID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, id := range in.PersonIDs {
		if slices.ContainsFunc(staff, func(p sqlq.ListStorePeopleRow) bool { return p.ID == id }) && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if in.Select != (MemberSelection{}) {
		ms, err := resolveMembers(ctx, tx, in.Select)
		if err != nil {
			return nil, err
		}
		var outside []string
		for _, m := range ms {
			if slices.Contains(ids, m.id) {
				continue
			}
			ok, err := a.mayAsk(ctx, tx, ac, staff, m.id)
			if err != nil {
				return nil, err
			}
			if !ok {
				outside = append(outside, m.no)
				continue
			}
			ids = append(ids, m.id)
		}
		if len(outside) > 0 {
			return nil, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid", Args: map[string]any{"List": strings.Join(outside, "、")},
				Fields: map[string]string{"employee_nos": "survey.err_out_of_scope"}, FieldArgs: map[string]map[string]any{
					"employee_nos": {"List": strings.Join(outside, "、")}}}
		}
	}
	if len(ids) == 0 {
		return nil, invalidField("people", "survey.err_no_recipients")
	}
	if len(ids) > maxGroupAdd {
		return nil, invalidField("people", "error.too_long")
	}
	return ids, nil
}

// mayAsk tells whether the sender may send a survey to a person: the
// store's own people, or anyone in the sender's people scope.
func (a *App) mayAsk(ctx context.Context, tx *store.Tx, ac Actor, staff []sqlq.ListStorePeopleRow, id string) (bool, error) {
	if slices.ContainsFunc(staff, func(p sqlq.ListStorePeopleRow) bool { return p.ID == id }) {
		return true, nil
	}
	err := a.canReadPerson(ctx, tx.Queries, ac, id)
	if shopdojo.KindOf(err) == shopdojo.KindNotFound {
		return false, nil
	}
	return err == nil, err
}

func (a *App) openSurvey(ctx context.Context, tx *store.Tx, ac Actor, s sqlq.Survey, ids []string, in SendInput) error {
	for _, pid := range ids {
		if err := tx.AddSurveyRecipient(ctx, sqlq.AddSurveyRecipientParams{SurveyID: s.ID, PersonID: pid}); err != nil {
			return err
		}
	}
	if _, err := tx.SendSurvey(ctx, sqlq.SendSurveyParams{ID: s.ID, Anonymous: in.Anonymous, OpensOn: in.Opens,
		ClosesOn: in.Closes, SentAt: a.nowMs()}); err != nil {
		return err
	}
	return a.record(ctx, tx, ac, change{Action: "survey.send", ObjectType: "survey", ObjectID: s.ID, ObjectName: s.Title,
		After: map[string]string{"recipients": strconv.Itoa(len(ids)), "anonymous": strconv.FormatBool(in.Anonymous),
			"opens": in.Opens, "closes": in.Closes}})
}

// CloseSurvey stops an open survey taking answers.
func (a *App) CloseSurvey(ctx context.Context, ac Actor, storeID, analysisID, id string) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		_, s, err := a.surveyFor(ctx, tx.Queries, ac, storeID, analysisID, id, shopdojo.PermStoreDataManage)
		if err != nil {
			return err
		}
		n, err := tx.CloseSurvey(ctx, sqlq.CloseSurveyParams{ID: id, ClosedAt: a.nowMs()})
		if err != nil {
			return err
		}
		if n == 0 {
			return shopdojo.E(shopdojo.KindConflict, "survey.err_not_open")
		}
		return a.record(ctx, tx, ac, change{Action: "survey.close", ObjectType: "survey", ObjectID: id, ObjectName: s.Title})
	})
}

// today is the company's calendar day.
func (a *App) today() string { return a.now().In(a.Location()).Format(time.DateOnly) }
