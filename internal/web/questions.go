package web

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// editorField maps a validation path ("options[2].text", "answer.blanks[0]")
// to the editor section that shows it for question type t.
func editorField(path string, t quiz.Type) string {
	switch {
	case t == quiz.Case && strings.HasPrefix(path, "sub"):
		return "sub_yaml"
	case strings.HasPrefix(path, "partial"):
		return "partial"
	case strings.HasPrefix(path, "answer.blanks"):
		return "blanks"
	case t == quiz.Ordering && (strings.HasPrefix(path, "options") || strings.HasPrefix(path, "answer")):
		return "order_items"
	case t == quiz.Matching && (strings.HasPrefix(path, "options") || strings.HasPrefix(path, "targets") ||
		strings.HasPrefix(path, "answer")):
		return "pairs"
	case t == quiz.TrueFalse && strings.HasPrefix(path, "answer"):
		return "tf"
	case strings.HasPrefix(path, "options") || strings.HasPrefix(path, "answer.choices"):
		return "options"
	}
	return path
}

// editorErr moves validation problems onto the editor's sections.
func editorErr(err error, t quiz.Type) error {
	var de *shopdojo.Error
	if !errors.As(err, &de) || de.Fields == nil {
		return err
	}
	out := *de
	out.Fields, out.FieldArgs = map[string]string{}, map[string]map[string]any{}
	for path, msg := range de.Fields {
		f := editorField(path, t)
		if _, seen := out.Fields[f]; !seen {
			out.Fields[f], out.FieldArgs[f] = msg, de.FieldArgs[path]
		}
	}
	return &out
}

func (h *Handler) questionNew(w http.ResponseWriter, r *http.Request) error {
	b, err := h.app.Bank(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	if !b.CanEdit {
		return shopdojo.ErrForbidden
	}
	t := quiz.Type(r.URL.Query().Get("type"))
	if t == "" {
		t = quiz.Single
	}
	p := h.page(r, "question.new")
	p.Form = questionForm(quiz.Question{Type: t, Points: 2, Difficulty: 3})
	return h.questionEditor(w, r, p, b, nil, http.StatusOK)
}

func (h *Handler) questionEditor(w http.ResponseWriter, r *http.Request, p *page, b shopdojo.Bank, err error, status int) error {
	p.Nav = "banks"
	p.Data = map[string]any{"Bank": b, "ID": r.PathValue("qid"), "Types": quiz.Types, "Keys": optionKeys,
		"Partials": []quiz.PartialKind{quiz.AllOrNothing, quiz.SubsetHalf, quiz.Proportional, quiz.Custom}}
	if err != nil {
		return h.invalid(w, r, editorErr(err, quiz.Type(p.Form.Get("type"))), "question_form", p)
	}
	return h.renderStatus(w, r, status, "question_form", p)
}

func (h *Handler) questionCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	ac, bankID := actorOf(r), r.PathValue("id")
	b, err := h.app.Bank(r.Context(), ac, bankID)
	if err != nil {
		return err
	}
	in := app.QuestionInput{BankID: bankID, Question: questionFromForm(r.PostForm)}
	err = caseSubs(r.PostForm, &in.Question)
	id := ""
	if err == nil {
		id, _, err = h.app.SaveQuestion(r.Context(), ac, in)
	}
	if err != nil {
		return h.questionEditor(w, r, h.page(r, "question.new"), b, err, 0)
	}
	return redirect(w, r, "/questions/"+id, "flash.question_saved")
}

func (h *Handler) questionShow(w http.ResponseWriter, r *http.Request) error {
	no, _ := strconv.ParseInt(r.URL.Query().Get("v"), 10, 64)
	v, err := h.app.Question(r.Context(), actorOf(r), r.PathValue("qid"), no)
	if err != nil {
		return err
	}
	stem, err := h.md.HTML(v.Question.Stem)
	if err != nil {
		return err
	}
	expl, err := h.md.HTML(v.Question.Explanation)
	if err != nil {
		return err
	}
	att, err := h.md.HTML(v.Question.Attachment)
	if err != nil {
		return err
	}
	subs, err := h.subViews(v.Question.Sub)
	if err != nil {
		return err
	}
	p := h.page(r, "question.title")
	p.Nav = "banks"
	p.Data = map[string]any{"V": v, "Stem": stem, "Explanation": expl, "Key": keyText(v.Question),
		"Attachment": att, "Subs": subs}
	return h.render(w, r, "question", p)
}

// subView is a case analysis's sub-question as the question page shows it.
type subView struct {
	Q    quiz.Question
	Stem template.HTML
	Key  string
}

func (h *Handler) subViews(qs []quiz.Question) ([]subView, error) {
	out := make([]subView, len(qs))
	for i, q := range qs {
		stem, err := h.md.HTML(q.Stem)
		if err != nil {
			return nil, err
		}
		out[i] = subView{Q: q, Stem: stem, Key: keyText(q)}
	}
	return out, nil
}

func (h *Handler) questionEdit(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.Question(r.Context(), actorOf(r), r.PathValue("qid"), 0)
	if err != nil {
		return err
	}
	if !v.Bank.CanEdit {
		return shopdojo.ErrForbidden
	}
	p := h.page(r, "question.edit")
	p.Form = questionForm(v.Question)
	p.Form.Set("base_no", strconv.FormatInt(v.Summary.VersionNo, 10))
	return h.questionEditor(w, r, p, v.Bank, nil, http.StatusOK)
}

func (h *Handler) questionUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	ac, id := actorOf(r), r.PathValue("qid")
	v, err := h.app.Question(r.Context(), ac, id, 0)
	if err != nil {
		return err
	}
	base, _ := strconv.ParseInt(r.PostForm.Get("base_no"), 10, 64)
	in := app.QuestionInput{QuestionID: id, BaseNo: base, Question: questionFromForm(r.PostForm), Note: r.PostForm.Get("note")}
	err = caseSubs(r.PostForm, &in.Question)
	if err == nil {
		_, _, err = h.app.SaveQuestion(r.Context(), ac, in)
	}
	if err != nil {
		return h.questionEditor(w, r, h.page(r, "question.edit"), v.Bank, err, 0)
	}
	return redirect(w, r, "/questions/"+id, "flash.question_saved")
}

func (h *Handler) questionArchive(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("qid")
	archive := !strings.HasSuffix(r.URL.Path, "/restore")
	if err := h.app.ArchiveQuestion(r.Context(), actorOf(r), id, archive); err != nil {
		return err
	}
	flash := "flash.archived"
	if !archive {
		flash = "flash.restored"
	}
	return redirect(w, r, "/questions/"+id, flash)
}

// keyText is the key as an editor reads it on the question page.
func keyText(q quiz.Question) string {
	switch q.Type {
	case quiz.Fill:
		var b []string
		for _, alts := range q.Answer.Blanks {
			b = append(b, strings.Join(alts, " / "))
		}
		return strings.Join(b, "；")
	case quiz.Ordering:
		return strings.Join(q.Answer.Order, " → ")
	case quiz.Matching:
		return strings.Join(pairLines(q), "；")
	}
	return strings.Join(q.Answer.Choices, "")
}
