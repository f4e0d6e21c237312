package web

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// resultItem is a result's question with its Markdown rendered; the key
// and explanation are filled only when the view may show them.
type resultItem struct {
	app.ResultItem
	Stem, Attachment, Explanation template.HTML
	Letters                       []string
	Key                           string
	Subs                          []resultSub
}

type resultSub struct {
	Item        quiz.Item
	Stem        template.HTML
	Response    quiz.Response
	Question    *quiz.Question
	Result      *quiz.Result
	Key         string
	Letters     []string
	Explanation template.HTML
}

// resultItems renders v's questions in the page's locale. The English
// explanation, like the Chinese one, comes only with the whole question,
// which the view holds only once answers are released.
func (h *Handler) resultItems(locale string, v app.ResultView) ([]resultItem, error) {
	out := make([]resultItem, len(v.Items))
	for i, it := range v.Items {
		it.Item = shownItem(locale, it.Item)
		if it.Question != nil {
			q := shownQuestion(locale, *it.Question)
			it.Question = &q
		}
		ri := resultItem{ResultItem: it, Letters: letters[:min(len(it.Item.Options), len(letters))]}
		var err error
		if ri.Stem, err = h.md.HTML(it.Item.Stem); err != nil {
			return nil, err
		}
		if ri.Attachment, err = h.md.HTML(it.Item.Attachment); err != nil {
			return nil, err
		}
		if it.Question != nil {
			ri.Key = shownKey(*it.Question, it.Item)
			if ri.Explanation, err = h.md.HTML(it.Question.Explanation); err != nil {
				return nil, err
			}
		}
		for j, s := range it.Item.Sub {
			rs := resultSub{Item: s, Response: it.Response.Sub[s.ID], Letters: letters[:min(len(s.Options), len(letters))]}
			if rs.Stem, err = h.md.HTML(s.Stem); err != nil {
				return nil, err
			}
			if it.Question != nil && j < len(it.Question.Sub) {
				q := it.Question.Sub[j]
				rs.Question, rs.Key = &q, shownKey(q, s)
				if res, ok := it.Result.Sub[s.ID]; ok && it.Result != nil {
					rs.Result = &res
				}
				if rs.Explanation, err = h.md.HTML(q.Explanation); err != nil {
					return nil, err
				}
			}
			ri.Subs = append(ri.Subs, rs)
		}
		out[i] = ri
	}
	return out, nil
}

func (h *Handler) attemptResult(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.AttemptResult(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	if v.Attempt.State == "in_progress" {
		return redirect(w, r, "/attempts/"+v.Attempt.ID, "")
	}
	p := h.page(r, "result.title")
	p.Nav = "myexams"
	items, err := h.resultItems(p.Locale, v)
	if err != nil {
		return err
	}
	p.Data = map[string]any{"V": v, "Items": items}
	return h.render(w, r, "result", p)
}

// attemptReview is an attempt as the exam's owner sees it, with grading.
func (h *Handler) attemptReview(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.ReviewAttempt(r.Context(), actorOf(r), r.PathValue("aid"))
	if err != nil {
		return err
	}
	if v.Exam.ID != r.PathValue("id") {
		return shopdojo.ErrNotFound
	}
	p := h.page(r, "review.title")
	p.Nav = "exams"
	items, err := h.resultItems(p.Locale, v)
	if err != nil {
		return err
	}
	p.Data = map[string]any{"V": v, "Items": items}
	return h.render(w, r, "attempt_review", p)
}

func (h *Handler) attemptGrade(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	var v shopdojo.Validation
	in := app.GradeInput{Pos: formInt(&v, f, "pos"), Sub: f.Get("sub"), Points: formFloat(&v, f, "points"),
		Feedback: f.Get("feedback")}
	err := v.Err()
	if err == nil {
		err = h.app.GradeItem(r.Context(), actorOf(r), r.PathValue("aid"), in)
	}
	back := "/exams/" + r.PathValue("id") + "/attempts/" + r.PathValue("aid")
	if k := shopdojo.KindOf(err); k == shopdojo.KindInvalid || k == shopdojo.KindConflict {
		return redirect(w, r, back+"#q"+strconv.Itoa(in.Pos+1), "flash.grade_refused")
	}
	if err != nil {
		return err
	}
	if f.Get("next") == "queue" {
		return redirect(w, r, "/grading", "flash.graded")
	}
	return redirect(w, r, back+"#q"+strconv.Itoa(in.Pos+1), "flash.graded")
}

func (h *Handler) attemptExtra(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	var v shopdojo.Validation
	mins := formInt(&v, r.PostForm, "minutes")
	err := v.Err()
	if err == nil {
		err = h.app.GrantExtraTime(r.Context(), actorOf(r), r.PathValue("aid"), time.Duration(mins)*time.Minute)
	}
	back := "/exams/" + r.PathValue("id") + "/attempts/" + r.PathValue("aid")
	if k := shopdojo.KindOf(err); k == shopdojo.KindInvalid || k == shopdojo.KindConflict {
		return redirect(w, r, back, "flash.extra_refused")
	}
	if err != nil {
		return err
	}
	return redirect(w, r, back, "flash.extra_granted")
}

func (h *Handler) gradingQueue(w http.ResponseWriter, r *http.Request) error {
	q, err := h.app.GradingQueue(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "grading.title")
	p.Nav = "grading"
	p.Data = q
	return h.render(w, r, "grading", p)
}

// shownKey is the key as the learner's page labels it: options are
// shuffled per attempt and lettered in the order shown, so a choice key
// is given in those letters, not the bank's.
func shownKey(q quiz.Question, it quiz.Item) string {
	switch q.Type {
	case quiz.Ordering:
		parts := make([]string, len(q.Answer.Order))
		for i, k := range q.Answer.Order {
			parts[i] = optionText(it.Options, k)
		}
		return strings.Join(parts, " → ")
	case quiz.Matching:
		var parts []string
		for _, o := range it.Options {
			parts = append(parts, o.Text+" → "+optionText(it.Targets, q.Answer.Pairs[o.Key]))
		}
		return strings.Join(parts, "；")
	case quiz.Single, quiz.Multiple:
	default:
		return keyText(q)
	}
	var b strings.Builder
	for i, o := range it.Options {
		if i < len(letters) && slices.Contains(q.Answer.Choices, o.Key) {
			b.WriteString(letters[i])
		}
	}
	return b.String()
}
