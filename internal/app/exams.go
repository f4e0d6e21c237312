package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Exams are managed by content editors. Changing an exam, releasing its
// results, granting extra time and grading are for its owner and for
// content reviewers (training managers); learners only ever see the exams
// whose audience names them, through attempts.

// ExamInput is what a person submits for an exam.
type ExamInput struct {
	Title, Description string
	TitleEN            string // optional: the title on English pages
	Mode               string
	Paper              shopdojo.Paper
	OpensAt, ClosesAt  time.Time
	TimeLimit          time.Duration
	AttemptsAllowed    int
	PassPercent        float64
	ScoreRelease       shopdojo.Release
	AnswerRelease      shopdojo.Release
	ShuffleQuestions   bool
	ShuffleOptions     bool
	Everyone           bool
	Audience           []shopdojo.AudienceRef
	// EmployeeNos are people to add to the audience by employee number.
	EmployeeNos []string
	Certifies   string // certification awarded on passing
	ValidMonths int
}

func (in *ExamInput) normalize() error {
	in.Title, in.Description = strings.TrimSpace(in.Title), strings.TrimSpace(in.Description)
	in.TitleEN = strings.TrimSpace(in.TitleEN)
	if in.Mode == shopdojo.ModePractice {
		// Practice gives feedback on every answer: nothing to hold back.
		in.TimeLimit, in.ScoreRelease, in.AnswerRelease = 0, shopdojo.ReleaseImmediate, shopdojo.ReleaseImmediate
	}
	var v shopdojo.Validation
	validName(&v, "title", in.Title, 100)
	v.Check(utf8.RuneCountInString(in.TitleEN) <= 200, "title_en", "error.too_long")
	v.Check(utf8.RuneCountInString(in.Description) <= 2000, "description", "error.too_long")
	v.Check(in.Mode == shopdojo.ModeExam || in.Mode == shopdojo.ModePractice, "mode", "error.out_of_range")
	v.Check(in.ClosesAt.IsZero() || in.OpensAt.IsZero() || in.ClosesAt.After(in.OpensAt), "closes_at", "exam.err_window")
	v.Check(in.TimeLimit >= 0 && in.TimeLimit <= 24*time.Hour && in.TimeLimit%time.Minute == 0, "time_limit", "exam.err_time_limit")
	v.Check(in.AttemptsAllowed >= 0 && in.AttemptsAllowed <= 100, "attempts_allowed", "exam.err_attempts")
	v.Check(in.PassPercent >= 0 && in.PassPercent <= 100, "pass_percent", "exam.err_pass_percent")
	v.Check(slices.Contains(shopdojo.Releases, in.ScoreRelease), "score_release", "error.out_of_range")
	v.Check(slices.Contains(shopdojo.Releases, in.AnswerRelease), "answer_release", "error.out_of_range")
	needsClose := in.ScoreRelease == shopdojo.ReleaseAfterClose || in.AnswerRelease == shopdojo.ReleaseAfterClose
	v.Check(!needsClose || !in.ClosesAt.IsZero(), "closes_at", "exam.err_release_needs_close")
	for _, r := range in.Audience {
		v.Check(slices.Contains(shopdojo.AudienceKinds, r.Kind) && r.ID != "", "audience", "error.out_of_range")
	}
	in.Certifies = strings.TrimSpace(in.Certifies)
	v.Check(utf8.RuneCountInString(in.Certifies) <= 60, "certifies", "error.too_long")
	v.Check(in.ValidMonths >= 0 && in.ValidMonths <= 120, "valid_months", "exam.err_valid_months")
	checkPaper(&v, in.Paper)
	return v.Err()
}

// checkPaper checks a paper's shape; whether its questions exist and its
// rules can be drawn is checked against the banks (see checkPaperSources).
func checkPaper(v *shopdojo.Validation, p shopdojo.Paper) {
	v.Check(len(p.Sections) <= 20, "paper", "exam.err_paper_too_long")
	n := 0
	for i, s := range p.Sections {
		f := "paper.sections[" + strconv.Itoa(i) + "]"
		v.Check(utf8.RuneCountInString(strings.TrimSpace(s.Title)) <= 60, f, "error.too_long")
		v.Check(s.Partial == "" || s.Partial == "exact" || s.Partial == "subset_half" || s.Partial == "proportional", f, "error.out_of_range")
		for _, q := range s.Questions {
			v.Check(q.QuestionID != "" && q.Points >= 0 && q.Points <= 100, f, "exam.err_points")
			n++
		}
		for _, r := range s.Rules {
			v.Check(r.BankID != "" && r.Count >= 1 && r.Count <= 200, f, "exam.err_rule_count")
			v.Check(r.Difficulty >= 0 && r.Difficulty <= 5, f, "exam.err_rule_difficulty")
			v.Check(r.Points >= 0 && r.Points <= 100, f, "exam.err_points")
			n += r.Count
		}
	}
	v.Check(n <= 300, "paper", "exam.err_paper_too_long")
}

func (in ExamInput) fields() map[string]string {
	paper, _ := json.Marshal(in.Paper)
	aud := make([]string, len(in.Audience))
	for i, r := range in.Audience {
		aud[i] = r.Kind + ":" + r.ID
	}
	return map[string]string{"title": in.Title, "title_en": in.TitleEN, "description": in.Description, "mode": in.Mode,
		"paper": string(paper), "opens_at": timeField(in.OpensAt), "closes_at": timeField(in.ClosesAt),
		"time_limit": in.TimeLimit.String(), "attempts_allowed": strconv.Itoa(in.AttemptsAllowed),
		"pass_percent":  strconv.FormatFloat(in.PassPercent, 'f', -1, 64),
		"score_release": string(in.ScoreRelease), "answer_release": string(in.AnswerRelease),
		"shuffle_questions": boolText(in.ShuffleQuestions), "shuffle_options": boolText(in.ShuffleOptions),
		"everyone": boolText(in.Everyone), "audience": strings.Join(aud, " "), "certifies": in.Certifies,
		"valid_months": strconv.Itoa(in.ValidMonths)}
}

func timeField(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func msOf(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// CreateExam stores a new draft exam owned by the actor.
func (a *App) CreateExam(ctx context.Context, ac Actor, in ExamInput) (string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", err
	}
	if err := in.normalize(); err != nil {
		return "", err
	}
	if ac.PersonID == "" {
		return "", shopdojo.E(shopdojo.KindInvalid, "error.bank_needs_owner")
	}
	id := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := checkPaperSources(ctx, tx.Queries, ac, in.Paper, false); err != nil {
			return err
		}
		if err := resolvePeople(ctx, tx.Queries, &in); err != nil {
			return err
		}
		if err := a.insertExam(ctx, tx, id, ac.PersonID, in); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "exam.create", ObjectType: "exam", ObjectID: id,
			ObjectName: in.Title, After: in.fields()})
	})
	return id, err
}

// UpdateExam changes an exam's settings; its paper is changed step by step
// with EditPaper and stays as it is (in.Paper is ignored). Attempts already
// started keep the paper they drew.
func (a *App) UpdateExam(ctx context.Context, ac Actor, id string, in ExamInput) error {
	if err := in.normalize(); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		before, err := loadExam(ctx, tx.Queries, ac, id, true)
		if err != nil {
			return err
		}
		in.Paper = before.Paper
		if err := resolvePeople(ctx, tx.Queries, &in); err != nil {
			return err
		}
		paper, _ := json.Marshal(in.Paper)
		if err := tx.UpdateExam(ctx, examUpdateParams(id, in, string(paper), a.nowMs())); err != nil {
			return err
		}
		if err := tx.DeleteExamAudience(ctx, id); err != nil {
			return err
		}
		if err := saveExamParts(ctx, tx, id, in); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "exam.update", ObjectType: "exam", ObjectID: id,
			ObjectName: in.Title, Before: examInput(before).fields(), After: in.fields()})
	})
}

// insertExam stores a new draft exam owned by owner, with its audience and
// certification.
func (a *App) insertExam(ctx context.Context, tx *store.Tx, id, owner string, in ExamInput) error {
	paper, _ := json.Marshal(in.Paper)
	p := examUpdateParams(id, in, string(paper), a.nowMs())
	if err := tx.InsertExam(ctx, sqlq.InsertExamParams{ID: id, Title: p.Title, Description: p.Description, Mode: p.Mode,
		OwnerID: owner, Paper: p.Paper, OpensAt: p.OpensAt, ClosesAt: p.ClosesAt, TimeLimitS: p.TimeLimitS,
		AttemptsAllowed: p.AttemptsAllowed, PassPercent: p.PassPercent, ScoreRelease: p.ScoreRelease,
		AnswerRelease: p.AnswerRelease, ShuffleQuestions: p.ShuffleQuestions, ShuffleOptions: p.ShuffleOptions,
		Everyone: p.Everyone, CreatedAt: p.UpdatedAt, TitleEn: p.TitleEn}); err != nil {
		return err
	}
	return saveExamParts(ctx, tx, id, in)
}

// saveExamParts stores what lives beside the exam row: its audience and
// its certification.
func saveExamParts(ctx context.Context, tx *store.Tx, id string, in ExamInput) error {
	for _, r := range in.Audience {
		if err := tx.AddExamAudience(ctx, sqlq.AddExamAudienceParams{ExamID: id, Kind: r.Kind, RefID: r.ID}); err != nil {
			return err
		}
	}
	return tx.SetExamCertification(ctx, sqlq.SetExamCertificationParams{ID: id, Certifies: in.Certifies,
		ValidMonths: int64(in.ValidMonths)})
}

// examInput turns a stored exam back into the input that made it, for
// audit before/after maps.
func examInput(e shopdojo.Exam) ExamInput {
	return ExamInput{Title: e.Title, TitleEN: e.TitleEN, Description: e.Description, Mode: e.Mode, Paper: e.Paper, OpensAt: e.OpensAt,
		ClosesAt: e.ClosesAt, TimeLimit: e.TimeLimit, AttemptsAllowed: e.AttemptsAllowed, PassPercent: e.PassPercent,
		ScoreRelease: e.ScoreRelease, AnswerRelease: e.AnswerRelease, ShuffleQuestions: e.ShuffleQuestions,
		ShuffleOptions: e.ShuffleOptions, Everyone: e.Everyone, Audience: e.Audience, Certifies: e.Certifies,
		ValidMonths: e.ValidMonths}
}

// SetExamStatus publishes, archives or returns an exam to draft. Publishing
// checks that every attempt can draw a full paper.
func (a *App) SetExamStatus(ctx context.Context, ac Actor, id, status string) error {
	if status != shopdojo.ExamDraft && status != shopdojo.ExamPublished && status != shopdojo.ExamArchived {
		return shopdojo.E(shopdojo.KindInvalid, "error.out_of_range")
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		e, err := loadExam(ctx, tx.Queries, ac, id, true)
		if err != nil || e.Status == status {
			return err
		}
		if status == shopdojo.ExamPublished {
			if err := checkPaperSources(ctx, tx.Queries, ac, e.Paper, true); err != nil {
				return err
			}
		}
		if err := tx.SetExamStatus(ctx, sqlq.SetExamStatusParams{ID: id, Status: status, UpdatedAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "exam.status", ObjectType: "exam", ObjectID: id, ObjectName: e.Title,
			Before: map[string]string{"status": e.Status}, After: map[string]string{"status": status}})
	})
}

// ReleaseResults releases an exam's manually released scores and answers now.
func (a *App) ReleaseResults(ctx context.Context, ac Actor, id string) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		e, err := loadExam(ctx, tx.Queries, ac, id, true)
		if err != nil {
			return err
		}
		if !e.ReleasedAt.IsZero() {
			return nil
		}
		now := a.nowMs()
		if err := tx.SetExamReleased(ctx, sqlq.SetExamReleasedParams{ID: id, ReleasedAt: now}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "exam.release", ObjectType: "exam", ObjectID: id, ObjectName: e.Title,
			After: map[string]string{"released_at": strconv.FormatInt(now, 10)}})
	})
}

func toExam(r sqlq.Exam, owner string) (shopdojo.Exam, error) {
	e := shopdojo.Exam{ID: r.ID, Title: r.Title, TitleEN: r.TitleEn, Description: r.Description, Mode: r.Mode, Status: r.Status,
		OwnerID: r.OwnerID, OwnerName: owner, OpensAt: fromMs(r.OpensAt), ClosesAt: fromMs(r.ClosesAt),
		TimeLimit: time.Duration(r.TimeLimitS) * time.Second, AttemptsAllowed: int(r.AttemptsAllowed),
		PassPercent: r.PassPercent, ScoreRelease: shopdojo.Release(r.ScoreRelease),
		AnswerRelease: shopdojo.Release(r.AnswerRelease), ReleasedAt: fromMs(r.ReleasedAt),
		ShuffleQuestions: r.ShuffleQuestions, ShuffleOptions: r.ShuffleOptions, Everyone: r.Everyone,
		Certifies: r.Certifies, ValidMonths: int(r.ValidMonths), CreatedAt: fromMs(r.CreatedAt), UpdatedAt: fromMs(r.UpdatedAt)}
	if err := json.Unmarshal([]byte(r.Paper), &e.Paper); err != nil {
		return e, fmt.Errorf("exam %s paper: %w", r.ID, err)
	}
	return e, nil
}

func getExam(ctx context.Context, q *store.Queries, id string) (shopdojo.Exam, error) {
	r, err := q.GetExam(ctx, id)
	if err != nil {
		return shopdojo.Exam{}, err
	}
	e, err := toExam(r.Exam, r.OwnerName)
	if err != nil {
		return e, err
	}
	aud, err := q.ListExamAudience(ctx, id)
	for _, x := range aud {
		e.Audience = append(e.Audience, shopdojo.AudienceRef{Kind: x.Kind, ID: x.RefID, Name: x.Name})
	}
	return e, err
}

// loadExam returns an exam for someone who manages exams; write also
// requires being its owner or a content reviewer.
func loadExam(ctx context.Context, q *store.Queries, ac Actor, id string, write bool) (shopdojo.Exam, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return shopdojo.Exam{}, err
	}
	e, err := getExam(ctx, q, id)
	if err != nil {
		return e, err
	}
	if write && !canRunExam(ac, e) {
		return e, shopdojo.ErrForbidden
	}
	return e, nil
}

// canRunExam: the owner and content reviewers change an exam, grade it,
// release it and grant extra time.
func canRunExam(ac Actor, e shopdojo.Exam) bool {
	return ac.Can(shopdojo.PermContentReview) || (ac.PersonID != "" && ac.PersonID == e.OwnerID)
}

// Exam returns an exam for those who manage exams.
func (a *App) Exam(ctx context.Context, ac Actor, id string) (shopdojo.Exam, error) {
	var e shopdojo.Exam
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		e, err = loadExam(ctx, q, ac, id, false)
		return err
	})
	return e, err
}

// ExamPage is one page of exams and the cursor for the next.
type ExamPage struct {
	Exams []shopdojo.Exam
	// Curriculum holds the page's exams that are the curriculum's (unit
	// quizzes and stage exams), by id, with their pack reference.
	Curriculum map[string]string
	Next       string
}

// Where exams come from, for the list's filter.
const (
	ExamsAll        = "all"        // every exam
	ExamsManual     = "manual"     // made by hand in the exam builder
	ExamsCurriculum = "curriculum" // the curriculum's unit quizzes and stage exams
)

// ExamSources lists the filter's values in display order.
var ExamSources = []string{ExamsAll, ExamsManual, ExamsCurriculum}

// Exams lists exams, newest first, of status (all when "") and from source
// (ExamsAll, ExamsManual or ExamsCurriculum); after is the cursor of the
// last page.
func (a *App) Exams(ctx context.Context, ac Actor, status, source, after string, limit int) (ExamPage, error) {
	var p ExamPage
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return p, err
	}
	if !slices.Contains(ExamSources, source) {
		return p, shopdojo.E(shopdojo.KindInvalid, "error.out_of_range")
	}
	limit = max(1, min(limit, 100))
	arg := sqlq.ListExamsParams{Status: status, Source: source, Lim: int32(limit + 1)}
	if source == ExamsAll {
		arg.Source = ""
	}
	if at, id, ok := strings.Cut(after, "_"); ok {
		arg.BeforeAt, _ = strconv.ParseInt(at, 10, 64)
		arg.BeforeID = id
	}
	err := a.store.Read(ctx, func(q *store.Queries) error {
		rows, err := q.ListExams(ctx, arg)
		for _, r := range rows {
			e, err := toExam(r.Exam, r.OwnerName)
			if err != nil {
				return err
			}
			e.Attempts, e.ToGrade = r.Attempts, r.ToGrade
			p.Exams = append(p.Exams, e)
			if r.CurriculumRef != "" {
				if p.Curriculum == nil {
					p.Curriculum = map[string]string{}
				}
				p.Curriculum[e.ID] = r.CurriculumRef
			}
		}
		return err
	})
	if len(p.Exams) > limit {
		last := p.Exams[limit-1]
		p.Exams, p.Next = p.Exams[:limit], strconv.FormatInt(last.CreatedAt.UnixMilli(), 10)+"_"+last.ID
	}
	return p, err
}

// resolvePeople adds the people named by employee number to the audience.
func resolvePeople(ctx context.Context, q *store.Queries, in *ExamInput) error {
	for _, no := range in.EmployeeNos {
		if no = strings.TrimSpace(no); no == "" {
			continue
		}
		id, err := q.FindPersonByEmployeeNo(ctx, no)
		if err != nil {
			return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
				Fields:    map[string]string{"people": "exam.err_unknown_employee"},
				FieldArgs: map[string]map[string]any{"people": {"No": no}}}
		}
		if !slices.ContainsFunc(in.Audience, func(r shopdojo.AudienceRef) bool { return r.Kind == "person" && r.ID == id }) {
			in.Audience = append(in.Audience, shopdojo.AudienceRef{Kind: "person", ID: id})
		}
	}
	in.EmployeeNos = nil
	return nil
}
