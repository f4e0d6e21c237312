package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// exams lists exams; by default only those made by hand, as the
// curriculum's unit quizzes and stage exams (dozens, imported with it)
// would bury them.
func (h *Handler) exams(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	source := q.Get("source")
	if !slices.Contains(app.ExamSources, source) {
		source = app.ExamsManual
	}
	pg, err := h.app.Exams(r.Context(), actorOf(r), q.Get("status"), source, q.Get("after"), 30)
	if err != nil {
		return err
	}
	queue, err := h.app.GradingQueue(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "exams.title")
	p.Nav = "exams"
	p.Data = map[string]any{"Page": pg, "ToGrade": len(queue), "Status": q.Get("status"), "First": q.Get("after") == "",
		"Source": source, "Sources": app.ExamSources,
		"FirstURL": examsURL(q, ""), "NextURL": examsURL(q, pg.Next)}
	return h.render(w, r, "exams", p)
}

// examsURL is the list's address with the same filters from cursor after.
// It is a template.URL because a query string written into href after "?"
// would be escaped as one value ("=" and "&" too).
func examsURL(q url.Values, after string) template.URL {
	v := url.Values{}
	for _, k := range []string{"status", "source"} {
		if x := q.Get(k); x != "" {
			v.Set(k, x)
		}
	}
	if after != "" {
		v.Set("after", after)
	}
	if len(v) == 0 {
		return "/exams"
	}
	return template.URL("/exams?" + v.Encode())
}

func (h *Handler) examNew(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "exam.new")
	p.Form = url.Values{"mode": {shopdojo.ModeExam}, "time_limit": {"30"}, "attempts_allowed": {"1"},
		"pass_percent": {"60"}, "score_release": {string(shopdojo.ReleaseImmediate)},
		"answer_release": {string(shopdojo.ReleaseAfterClose)}, "shuffle_questions": {"1"}, "shuffle_options": {"1"}}
	return h.examForm(w, r, p, nil)
}

func (h *Handler) examEdit(w http.ResponseWriter, r *http.Request) error {
	e, err := h.app.Exam(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "exam.edit")
	p.Form = h.examValues(e)
	return h.examForm(w, r, p, nil)
}

// examValues fills the settings form from a stored exam.
func (h *Handler) examValues(e shopdojo.Exam) url.Values {
	f := url.Values{"title": {e.Title}, "title_en": {e.TitleEN}, "description": {e.Description}, "mode": {e.Mode},
		"opens_at": {h.localInput(e.OpensAt)}, "closes_at": {h.localInput(e.ClosesAt)},
		"time_limit": {strconv.Itoa(int(e.TimeLimit / time.Minute))}, "attempts_allowed": {strconv.Itoa(e.AttemptsAllowed)},
		"pass_percent": {strconv.FormatFloat(e.PassPercent, 'f', -1, 64)}, "score_release": {string(e.ScoreRelease)},
		"answer_release": {string(e.AnswerRelease)}, "certifies": {e.Certifies}, "valid_months": {strconv.Itoa(e.ValidMonths)}}
	for k, on := range map[string]bool{"shuffle_questions": e.ShuffleQuestions, "shuffle_options": e.ShuffleOptions, "everyone": e.Everyone} {
		if on {
			f.Set(k, "1")
		}
	}
	for _, a := range e.Audience {
		f.Add(a.Kind, a.ID)
	}
	return f
}

const localLayout = "2006-01-02T15:04"

func (h *Handler) localInput(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(h.app.Location()).Format(localLayout)
}

func (h *Handler) examForm(w http.ResponseWriter, r *http.Request, p *page, err error) error {
	ac := actorOf(r)
	depts, derr := h.app.Departments(r.Context(), ac)
	if derr != nil {
		return derr
	}
	pos, derr := h.app.Positions(r.Context(), ac)
	if derr != nil {
		return derr
	}
	groups, derr := h.app.Groups(r.Context(), ac)
	if derr != nil {
		return derr
	}
	p.Nav = "exams"
	p.Data = map[string]any{"ID": r.PathValue("id"), "Departments": flatten(depts), "Positions": pos, "Groups": groups,
		"Releases": shopdojo.Releases}
	if err != nil {
		return h.invalid(w, r, err, "exam_form", p)
	}
	return h.render(w, r, "exam_form", p)
}

// examInput decodes the settings form; the paper is kept as it is.
func (h *Handler) examInput(r *http.Request) (app.ExamInput, error) {
	if err := r.ParseForm(); err != nil {
		return app.ExamInput{}, shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	var v shopdojo.Validation
	in := app.ExamInput{Title: f.Get("title"), TitleEN: f.Get("title_en"), Description: f.Get("description"), Mode: f.Get("mode"),
		ScoreRelease: shopdojo.Release(f.Get("score_release")), AnswerRelease: shopdojo.Release(f.Get("answer_release")),
		ShuffleQuestions: f.Get("shuffle_questions") != "", ShuffleOptions: f.Get("shuffle_options") != "",
		Everyone: f.Get("everyone") != "", EmployeeNos: strings.FieldsFunc(f.Get("people"), isListSep)}
	in.OpensAt = h.parseLocal(&v, f, "opens_at")
	in.ClosesAt = h.parseLocal(&v, f, "closes_at")
	in.TimeLimit = time.Duration(formInt(&v, f, "time_limit")) * time.Minute
	in.AttemptsAllowed = formInt(&v, f, "attempts_allowed")
	in.Certifies, in.ValidMonths = f.Get("certifies"), formInt(&v, f, "valid_months")
	pass, err := strconv.ParseFloat(strings.TrimSpace(f.Get("pass_percent")), 64)
	v.Check(err == nil, "pass_percent", "error.number_invalid")
	in.PassPercent = pass
	for _, kind := range []string{"department", "position", "group", "person"} {
		for _, id := range f[kind] {
			in.Audience = append(in.Audience, shopdojo.AudienceRef{Kind: kind, ID: id})
		}
	}
	return in, v.Err()
}

func isListSep(r rune) bool { return strings.ContainsRune(" ,，;；、\n\r\t", r) }

func (h *Handler) parseLocal(v *shopdojo.Validation, f url.Values, name string) time.Time {
	s := strings.TrimSpace(f.Get(name))
	if s == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation(localLayout, s, h.app.Location())
	v.Check(err == nil, name, "error.date_invalid")
	return t
}

func formInt(v *shopdojo.Validation, f url.Values, name string) int {
	s := strings.TrimSpace(f.Get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	v.Check(err == nil, name, "error.number_invalid")
	return n
}

func (h *Handler) examCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := h.examInput(r)
	id := ""
	if err == nil {
		id, err = h.app.CreateExam(r.Context(), actorOf(r), in)
	}
	if err != nil {
		return h.examForm(w, r, h.page(r, "exam.new"), err)
	}
	return redirect(w, r, "/exams/"+id, "flash.exam_created")
}

func (h *Handler) examUpdate(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	in, err := h.examInput(r)
	if err == nil {
		err = h.app.UpdateExam(r.Context(), actorOf(r), id, in)
	}
	if err != nil {
		return h.examForm(w, r, h.page(r, "exam.edit"), err)
	}
	return redirect(w, r, "/exams/"+id, "flash.saved")
}

// examShow is the exam's page: settings, the paper builder and attempts.
func (h *Handler) examShow(w http.ResponseWriter, r *http.Request) error {
	p, err := h.examPage(r)
	if err != nil {
		return err
	}
	return h.render(w, r, "exam", p)
}

func (h *Handler) examPage(r *http.Request) (*page, error) {
	ac, id := actorOf(r), r.PathValue("id")
	e, err := h.app.Exam(r.Context(), ac, id)
	if err != nil {
		return nil, err
	}
	pv, err := h.app.ExamPaper(r.Context(), ac, id)
	if err != nil {
		return nil, err
	}
	banks, err := h.app.Banks(r.Context(), ac)
	if err != nil {
		return nil, err
	}
	canRun := ac.Can(shopdojo.PermContentReview) || ac.PersonID == e.OwnerID
	var attempts []shopdojo.Attempt
	var certs []shopdojo.Certification
	if canRun {
		if attempts, err = h.app.ExamAttempts(r.Context(), ac, id); err != nil {
			return nil, err
		}
		if certs, err = h.app.ExamCertifications(r.Context(), ac, id); err != nil {
			return nil, err
		}
	}
	p := h.page(r, "exam.title")
	p.Nav = "exams"
	p.Data = map[string]any{"Exam": e, "Paper": pv, "Banks": banks, "Attempts": attempts, "Certs": certs, "CanRun": canRun,
		"Tab": r.URL.Query().Get("tab")}
	return p, nil
}

func (h *Handler) examStatus(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	id, status := r.PathValue("id"), r.PostForm.Get("status")
	if err := h.app.SetExamStatus(r.Context(), actorOf(r), id, status); err != nil {
		return h.examPageErr(w, r, err)
	}
	flash := map[string]string{shopdojo.ExamPublished: "flash.exam_published", shopdojo.ExamArchived: "flash.exam_archived",
		shopdojo.ExamDraft: "flash.exam_draft"}[status]
	return redirect(w, r, "/exams/"+id, flash)
}

// examPageErr shows a validation problem on the exam page itself.
func (h *Handler) examPageErr(w http.ResponseWriter, r *http.Request, err error) error {
	if k := shopdojo.KindOf(err); k != shopdojo.KindInvalid && k != shopdojo.KindConflict {
		return err
	}
	p, perr := h.examPage(r)
	if perr != nil {
		return perr
	}
	return h.invalid(w, r, err, "exam", p)
}

func (h *Handler) examRelease(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := h.app.ReleaseResults(r.Context(), actorOf(r), id); err != nil {
		return err
	}
	return redirect(w, r, "/exams/"+id+"?tab=attempts", "flash.exam_released")
}

func (h *Handler) examRegrade(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	id := r.PathValue("id")
	n, err := h.app.RegradeQuestion(r.Context(), actorOf(r), id, r.PostForm.Get("question"))
	if err != nil {
		return err
	}
	return redirect(w, r, "/exams/"+id+"?tab=attempts", "flash.exam_regraded:"+strconv.Itoa(n))
}
