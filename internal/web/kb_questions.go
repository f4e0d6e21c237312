package web

import (
	"net/http"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// Questions on knowledge items and curriculum units: asking (from either
// page), the questions page (to answer, and 我的提问), answering and
// promoting an answer to an FAQ item.

func (h *Handler) kbAsk(w http.ResponseWriter, r *http.Request) error {
	kind, target := r.FormValue("target_kind"), r.FormValue("target_id")
	back := "/kb/" + target
	if kind == "unit" {
		back = "/learn/units/" + target
	}
	if _, err := h.app.Ask(r.Context(), actorOf(r), kind, target, r.FormValue("question")); err != nil {
		if shopdojo.KindOf(err) == shopdojo.KindInvalid {
			return redirect(w, r, back+"#ask", "flash.kb_question_empty")
		}
		return err
	}
	return redirect(w, r, back+"#questions", "flash.kb_asked")
}

func (h *Handler) kbQuestions(w http.ResponseWriter, r *http.Request) error {
	qs, err := h.app.ListQuestions(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "kb.questions_title")
	p.Nav = "kbquestions"
	var open []app.KBQuestion
	var done []app.KBQuestion
	for _, q := range qs.ToAnswer {
		if q.Status == "open" {
			open = append(open, q)
		} else {
			done = append(done, q)
		}
	}
	p.Data = map[string]any{"Open": open, "Done": done, "Mine": qs.Mine, "Answerer": len(qs.ToAnswer) > 0}
	return h.render(w, r, "kb_questions", p)
}

func (h *Handler) kbAnswer(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.AnswerQuestion(r.Context(), actorOf(r), r.PathValue("id"), r.FormValue("answer")); err != nil {
		if shopdojo.KindOf(err) == shopdojo.KindInvalid {
			return redirect(w, r, "/kb/questions", "flash.kb_answer_empty")
		}
		return err
	}
	return redirect(w, r, "/kb/questions", "flash.kb_answered")
}

func (h *Handler) kbPromote(w http.ResponseWriter, r *http.Request) error {
	id, err := h.app.PromoteQuestion(r.Context(), actorOf(r), r.PathValue("id"), r.FormValue("title"))
	if err != nil {
		return err
	}
	return redirect(w, r, "/kb/"+id, "flash.kb_promoted")
}
