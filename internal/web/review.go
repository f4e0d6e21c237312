package web

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/fsrs"
)

// review shows the actor's next due card of their mistake deck (错题本).
func (h *Handler) review(w http.ResponseWriter, r *http.Request) error {
	v, ok, err := h.app.NextReview(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "review.deck_title")
	p.Nav = "review"
	data := map[string]any{"V": v, "OK": ok}
	if ok {
		// The card's question is released (cards are added only then), so
		// its explanation may be shown, in the page's language.
		v.Question = shownQuestion(p.Locale, v.Question)
		data["V"] = v
		var stem, expl, att template.HTML
		if stem, err = h.md.HTML(v.Question.Stem); err != nil {
			return err
		}
		if expl, err = h.md.HTML(v.Question.Explanation); err != nil {
			return err
		}
		if att, err = h.md.HTML(v.Question.Attachment); err != nil {
			return err
		}
		data["Stem"], data["Explanation"], data["Attachment"] = stem, expl, att
		data["Key"] = shownKey(v.Question, v.Question.Public())
		data["Letters"] = letters[:min(len(v.Question.Options), len(letters))]
		data["Ratings"] = fsrs.Ratings()
	}
	p.Data = data
	return h.render(w, r, "review", p)
}

func (h *Handler) reviewRate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	rating, err1 := strconv.Atoi(r.PostForm.Get("rating"))
	reps, err2 := strconv.ParseInt(r.PostForm.Get("reps"), 10, 64)
	if err1 != nil || err2 != nil {
		return shopdojo.E(shopdojo.KindInvalid, "error.out_of_range")
	}
	if err := h.app.Review(r.Context(), actorOf(r), r.PathValue("id"), reps, fsrs.Rating(rating)); err != nil {
		return err
	}
	return redirect(w, r, "/review", "")
}
