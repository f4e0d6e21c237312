package web

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/httpx"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// The learner's side of exams: the list, the exam page and its JSON
// endpoints, and the result. The exam page holds answers in the browser
// until the server acknowledges them; the device cookie names the browser
// that holds an attempt.

const deviceCookie = "sd_device"

// device returns the browser's device id, setting a new one if it has none.
func (h *Handler) device(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(deviceCookie); err == nil && len(c.Value) == 32 {
		return c.Value
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: id, Path: "/", HttpOnly: true, Secure: h.secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: int((365 * 24 * time.Hour).Seconds())})
	return id
}

func deviceOf(r *http.Request) string {
	if c, err := r.Cookie(deviceCookie); err == nil {
		return c.Value
	}
	return ""
}

func (h *Handler) myExams(w http.ResponseWriter, r *http.Request) error {
	list, err := h.app.MyExams(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	certs, err := h.app.MyCertifications(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "myexams.title")
	p.Nav = "myexams"
	p.Data = map[string]any{"Exams": list, "Certs": certs}
	return h.render(w, r, "my_exams", p)
}

func (h *Handler) examStart(w http.ResponseWriter, r *http.Request) error {
	id, err := h.app.StartAttempt(r.Context(), actorOf(r), r.PathValue("id"), h.device(w, r))
	if err != nil {
		if k := shopdojo.KindOf(err); k == shopdojo.KindConflict || k == shopdojo.KindInvalid {
			msg, _ := httpx.Message(err)
			return redirect(w, r, "/my/exams", msg)
		}
		return err
	}
	return redirect(w, r, "/attempts/"+id, "")
}

// takeItem is a question of the exam page with its Markdown rendered.
type takeItem struct {
	app.TakeItem
	Stem, Attachment template.HTML
	Subs             []takeSub
	Letters          []string // display labels of the options in their shuffled order
}

type takeSub struct {
	Item     quiz.Item
	Stem     template.HTML
	Response quiz.Response
	Letters  []string
}

var letters = []string{"A", "B", "C", "D", "E", "F", "G", "H"}

func (h *Handler) attemptTake(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	v, err := h.app.TakeAttempt(r.Context(), actorOf(r), id, h.device(w, r))
	if err != nil {
		return err
	}
	if v.Attempt.State != "in_progress" {
		return redirect(w, r, "/attempts/"+id+"/result", "")
	}
	p := h.page(r, "take.title")
	p.Nav = "myexams"
	items := make([]takeItem, len(v.Items))
	for i, it := range v.Items {
		if items[i], err = h.takeItem(p.Locale, it); err != nil {
			return err
		}
	}
	p.Data = map[string]any{"V": v, "Items": items, "RemainingMs": v.Remaining.Milliseconds(),
		"Timed": !v.Attempt.Deadline.IsZero(), "Practice": v.Exam.Mode == shopdojo.ModePractice}
	return h.render(w, r, "take", p)
}

// takeItem renders it in the page's locale (the English texts, where
// translated, on an English page).
func (h *Handler) takeItem(locale string, it app.TakeItem) (takeItem, error) {
	it.Item = shownItem(locale, it.Item)
	ti := takeItem{TakeItem: it, Letters: letters[:min(len(it.Item.Options), len(letters))]}
	var err error
	if ti.Stem, err = h.md.HTML(it.Item.Stem); err != nil {
		return ti, err
	}
	if ti.Attachment, err = h.md.HTML(it.Item.Attachment); err != nil {
		return ti, err
	}
	for _, s := range it.Item.Sub {
		stem, err := h.md.HTML(s.Stem)
		if err != nil {
			return ti, err
		}
		ti.Subs = append(ti.Subs, takeSub{Item: s, Stem: stem, Response: it.Response.Sub[s.ID],
			Letters: letters[:min(len(s.Options), len(letters))]})
	}
	return ti, nil
}

// answersBody is what the exam page posts.
type answersBody struct {
	Answers []app.AnswerSave `json:"answers"`
}

func (h *Handler) attemptAnswers(w http.ResponseWriter, r *http.Request) error {
	var body answersBody
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return h.jsonErr(w, r, shopdojo.Wrap(shopdojo.KindInvalid, "attempt.err_answer", err))
	}
	acks, err := h.app.SaveAnswers(r.Context(), actorOf(r), r.PathValue("id"), deviceOf(r), body.Answers)
	if err != nil {
		return h.jsonErr(w, r, err)
	}
	locale := h.locale(r, actorOf(r))
	for i := range acks {
		if fb := acks[i].Feedback; fb != nil {
			if english(locale) && strings.TrimSpace(fb.ExplanationEN) != "" {
				fb.Explanation = fb.ExplanationEN
			}
			html, err := h.md.HTML(fb.Explanation)
			if err != nil {
				return h.jsonErr(w, r, err)
			}
			fb.Explanation = string(html)
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"acks": acks})
}

// attemptClock tells the exam page the time left by the server's clock.
func (h *Handler) attemptClock(w http.ResponseWriter, r *http.Request) error {
	st, err := h.app.AttemptClock(r.Context(), actorOf(r), r.PathValue("id"), deviceOf(r))
	if err != nil {
		return h.jsonErr(w, r, err)
	}
	return writeJSON(w, http.StatusOK, st)
}

func (h *Handler) attemptSignal(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Kind string `json:"kind"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		return h.jsonErr(w, r, shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err))
	}
	if err := h.app.Signal(r.Context(), actorOf(r), r.PathValue("id"), deviceOf(r), body.Kind); err != nil {
		return h.jsonErr(w, r, err)
	}
	return writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

func (h *Handler) attemptTakeover(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := h.app.TakeOver(r.Context(), actorOf(r), id, h.device(w, r)); err != nil {
		return err
	}
	return redirect(w, r, "/attempts/"+id, "flash.taken_over")
}

func (h *Handler) attemptFinish(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	err := h.app.FinishAttempt(r.Context(), actorOf(r), id, deviceOf(r))
	if shopdojo.KindOf(err) == shopdojo.KindConflict {
		msg, _ := httpx.Message(err)
		return redirect(w, r, "/attempts/"+id, msg)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/attempts/"+id+"/result", "flash.submitted")
}

// jsonErr answers the exam page's requests with a localized JSON error.
func (h *Handler) jsonErr(w http.ResponseWriter, r *http.Request, err error) error {
	httpx.LogError(h.log, r, err)
	msg, args := httpx.Message(err)
	var de *shopdojo.Error
	code := "error"
	if errors.As(err, &de) {
		code = de.Msg
	}
	return writeJSON(w, httpx.Status(err), map[string]string{"code": code,
		"message": h.i18n.T(h.locale(r, actorOf(r)), msg, args)})
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}
