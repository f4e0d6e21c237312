package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// surveyAdminView is the builder (draft) or the status page (sent).
type surveyAdminView struct {
	A            app.SurveyAdmin
	StoreID      string
	Kinds        []app.SurveyKind
	Competencies []app.CompetencyInfo
	Departments  []optionPair
	Positions    []optionPair
	Opens        string
	Closes       string
	Base         string // the survey's URL
}

type optionPair struct{ ID, Name string }

func surveyURL(r *http.Request) string {
	return needsURL(r) + "/surveys/" + r.PathValue("sid")
}

func (h *Handler) surveyCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	id, err := h.app.CreateSurvey(r.Context(), actorOf(r), r.PathValue("id"), r.PathValue("nid"), r.PostForm.Get("template") != "")
	if err != nil {
		return err
	}
	return redirect(w, r, needsURL(r)+"/surveys/"+id, "")
}

func (h *Handler) surveyAdmin(w http.ResponseWriter, r *http.Request) error {
	return h.surveyAdminPage(w, r, nil, nil)
}

// surveyAdminPage renders the builder; edited questions (when a save did
// not validate) are shown as posted.
func (h *Handler) surveyAdminPage(w http.ResponseWriter, r *http.Request, formErr error, edited *app.SurveyDraftInput) error {
	ac := actorOf(r)
	a, err := h.app.SurveyAdminView(r.Context(), ac, r.PathValue("id"), r.PathValue("nid"), r.PathValue("sid"))
	if err != nil {
		return err
	}
	if edited != nil {
		a.Survey.Title, a.Survey.Intro, a.Survey.Questions = edited.Title, edited.Intro, edited.Questions
	}
	v := surveyAdminView{A: a, StoreID: r.PathValue("id"), Kinds: app.SurveyKinds(), Base: surveyURL(r)}
	if err := h.surveyChoices(r, ac, &v); err != nil {
		return err
	}
	p := h.page(r, "survey.builder")
	p.Nav = "stores"
	p.Data = v
	if formErr != nil {
		return h.invalid(w, r, formErr, "survey_admin", p)
	}
	return h.render(w, r, "survey_admin", p)
}

func (h *Handler) surveyChoices(r *http.Request, ac app.Actor, v *surveyAdminView) error {
	infos, err := h.app.CompetencyCatalogue(r.Context())
	if err != nil {
		return err
	}
	v.Competencies = infos
	depts, err := h.app.Departments(r.Context(), ac)
	if err != nil {
		return err
	}
	for _, d := range depts {
		v.Departments = append(v.Departments, optionPair{ID: d.ID, Name: d.Name})
	}
	pos, err := h.app.Positions(r.Context(), ac)
	if err != nil {
		return err
	}
	for _, p := range pos {
		v.Positions = append(v.Positions, optionPair{ID: p.ID, Name: p.Name})
	}
	today := time.Now().In(h.app.Location())
	v.Opens, v.Closes = today.Format(time.DateOnly), today.AddDate(0, 0, 7).Format(time.DateOnly)
	return nil
}

// draftOf reads the builder form.
func draftOf(f url.Values) app.SurveyDraftInput {
	in := app.SurveyDraftInput{Title: f.Get("title"), Intro: f.Get("intro")}
	n, _ := strconv.Atoi(f.Get("n"))
	for i := range min(n, 60) {
		k := "q" + strconv.Itoa(i) + "."
		in.Questions = append(in.Questions, app.SurveyQuestion{ID: f.Get(k + "id"), Kind: app.SurveyKind(f.Get(k + "kind")),
			Text: f.Get(k + "text"), TextEN: f.Get(k + "text_en"), Options: app.ParseOptionLines(f.Get(k + "options")),
			Competencies: f[k+"comp"]})
	}
	op, arg, _ := strings.Cut(f.Get("op"), ":")
	in.Op = app.EditOp{Op: op}
	if op == "add" {
		in.Op.Kind = app.SurveyKind(arg)
	} else {
		in.Op.Index, _ = strconv.Atoi(arg)
	}
	if in.Op.Op == "" {
		in.Op.Op = "save"
	}
	return in
}

func (h *Handler) surveySave(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	in := draftOf(r.PostForm)
	err := h.app.SaveSurveyDraft(r.Context(), actorOf(r), r.PathValue("id"), r.PathValue("nid"), r.PathValue("sid"), in)
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		return h.surveyAdminPage(w, r, err, nil)
	}
	if err != nil {
		return err
	}
	anchor, flash := "", ""
	switch in.Op.Op {
	case "save":
		flash = "flash.saved"
	case "add":
		anchor = "#q" + strconv.Itoa(len(in.Questions))
	default:
		anchor = "#questions"
	}
	return redirect(w, r, surveyURL(r)+anchor, flash)
}

func (h *Handler) surveySend(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	in := app.SendInput{PersonIDs: f["person"], Anonymous: f.Get("anonymous") != "", Opens: f.Get("opens"), Closes: f.Get("closes"),
		Select: app.MemberSelection{EmployeeNos: f.Get("employee_nos"), DepartmentID: f.Get("department"), PositionID: f.Get("position")}}
	n, err := h.app.SendSurvey(r.Context(), actorOf(r), r.PathValue("id"), r.PathValue("nid"), r.PathValue("sid"), in)
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		return h.surveyAdminPage(w, r, err, nil)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, surveyURL(r), "survey.flash_sent:"+strconv.Itoa(n))
}

func (h *Handler) surveyClose(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.CloseSurvey(r.Context(), actorOf(r), r.PathValue("id"), r.PathValue("nid"), r.PathValue("sid")); err != nil {
		return err
	}
	return redirect(w, r, surveyURL(r), "survey.flash_closed")
}

func (h *Handler) mySurveys(w http.ResponseWriter, r *http.Request) error {
	list, err := h.app.MySurveys(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "survey.mine")
	p.Nav = "surveys"
	p.Data = list
	return h.render(w, r, "survey_mine", p)
}

type surveyAnswerView struct {
	S      app.SurveyToAnswer
	Likert []int
	Levels []int
}

func (h *Handler) surveyAnswer(w http.ResponseWriter, r *http.Request) error {
	return h.surveyAnswerPage(w, r, nil)
}

func (h *Handler) surveyAnswerPage(w http.ResponseWriter, r *http.Request, formErr error) error {
	s, err := h.app.SurveyForAnswer(r.Context(), actorOf(r), r.PathValue("sid"))
	if err != nil {
		return err
	}
	p := h.page(r, "survey.answer")
	p.Nav = "surveys"
	p.Data = surveyAnswerView{S: s, Likert: []int{1, 2, 3, 4, 5}, Levels: []int{1, 2, 3, 4}}
	if formErr != nil {
		return h.invalid(w, r, formErr, "survey_answer", p)
	}
	return h.render(w, r, "survey_answer", p)
}

func (h *Handler) surveySubmit(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	s, err := h.app.SurveyForAnswer(r.Context(), actorOf(r), r.PathValue("sid"))
	if err != nil {
		return err
	}
	err = h.app.SubmitSurvey(r.Context(), actorOf(r), r.PathValue("sid"), answersOf(r.PostForm, s.Survey.Questions))
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		return h.surveyAnswerPage(w, r, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/surveys", "survey.flash_thanks")
}

// answersOf reads the answer form: a.<question> (and a.<question>.<competency>).
func answersOf(f url.Values, qs []app.SurveyQuestion) map[string]app.SurveyAnswer {
	out := map[string]app.SurveyAnswer{}
	for _, q := range qs {
		k := "a." + q.ID
		var a app.SurveyAnswer
		switch q.Kind {
		case app.KindLikert:
			a.Likert, _ = strconv.Atoi(f.Get(k))
		case app.KindSingle, app.KindMulti:
			for _, s := range f[k] {
				if c, err := strconv.Atoi(s); err == nil {
					a.Choices = append(a.Choices, c)
				}
			}
		case app.KindText:
			a.Text = f.Get(k)
		case app.KindCompetency:
			a.Levels = map[string]int{}
			for _, c := range q.Competencies {
				a.Levels[c], _ = strconv.Atoi(f.Get(k + "." + c))
			}
		}
		out[q.ID] = a
	}
	return out
}
