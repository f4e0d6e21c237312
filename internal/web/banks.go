package web

import (
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

func (h *Handler) banks(w http.ResponseWriter, r *http.Request) error {
	bs, err := h.app.Banks(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "banks.title")
	p.Nav = "banks"
	p.Data = bs
	return h.render(w, r, "banks", p)
}

// bankShow lists a bank's questions with filters, and its sharing panel.
func (h *Handler) bankShow(w http.ResponseWriter, r *http.Request) error {
	p, err := h.bankPage(r)
	if err != nil {
		return err
	}
	return h.render(w, r, "bank", p)
}

func (h *Handler) bankPage(r *http.Request) (*page, error) {
	ac, id, q := actorOf(r), r.PathValue("id"), r.URL.Query()
	b, err := h.app.Bank(r.Context(), ac, id)
	if err != nil {
		return nil, err
	}
	diff, _ := strconv.Atoi(q.Get("difficulty"))
	f := app.QuestionFilter{Type: q.Get("type"), Tag: q.Get("tag"), Query: q.Get("q"), Difficulty: diff,
		Archived: q.Get("archived") != "", After: q.Get("after"), Limit: 30}
	qs, err := h.app.Questions(r.Context(), ac, id, f)
	if err != nil {
		return nil, err
	}
	tags, err := h.app.BankTags(r.Context(), ac, id)
	if err != nil {
		return nil, err
	}
	members, err := h.app.BankMembers(r.Context(), ac, id)
	if err != nil {
		return nil, err
	}
	p := h.page(r, "bank.title")
	p.Nav = "banks"
	p.Data = map[string]any{"Bank": b, "Page": qs, "Tags": tags, "Members": members, "Types": quiz.Types,
		"Filtered": f.Type != "" || f.Tag != "" || f.Query != "" || f.Difficulty != 0 || f.Archived, "First": f.After == ""}
	return p, nil
}

func (h *Handler) bankNew(w http.ResponseWriter, r *http.Request) error {
	return h.bankForm(w, r, h.page(r, "bank.new"), nil)
}

func (h *Handler) bankEdit(w http.ResponseWriter, r *http.Request) error {
	b, err := h.app.Bank(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	if !b.CanEdit {
		return shopdojo.ErrForbidden
	}
	p := h.page(r, "bank.edit")
	p.Form.Set("name", b.Name)
	p.Form.Set("description", b.Description)
	if b.Shared {
		p.Form.Set("shared", "1")
	}
	return h.bankForm(w, r, p, nil)
}

func (h *Handler) bankForm(w http.ResponseWriter, r *http.Request, p *page, err error) error {
	p.Nav = "banks"
	p.Data = map[string]any{"ID": r.PathValue("id")}
	if err != nil {
		return h.invalid(w, r, err, "bank_form", p)
	}
	return h.render(w, r, "bank_form", p)
}

func bankInput(r *http.Request) (app.BankInput, error) {
	if err := r.ParseForm(); err != nil {
		return app.BankInput{}, shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	return app.BankInput{Name: f.Get("name"), Description: f.Get("description"), Shared: f.Get("shared") != ""}, nil
}

func (h *Handler) bankCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := bankInput(r)
	id := ""
	if err == nil {
		id, err = h.app.CreateBank(r.Context(), actorOf(r), in)
	}
	if err != nil {
		return h.bankForm(w, r, h.page(r, "bank.new"), err)
	}
	return redirect(w, r, "/banks/"+id, "flash.saved")
}

func (h *Handler) bankUpdate(w http.ResponseWriter, r *http.Request) error {
	in, err := bankInput(r)
	id := r.PathValue("id")
	if err == nil {
		err = h.app.UpdateBank(r.Context(), actorOf(r), id, in)
	}
	if err != nil {
		return h.bankForm(w, r, h.page(r, "bank.edit"), err)
	}
	return redirect(w, r, "/banks/"+id, "flash.saved")
}

func (h *Handler) bankShare(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	id := r.PathValue("id")
	err := h.app.ShareBank(r.Context(), actorOf(r), id, r.PostForm.Get("employee_no"), r.PostForm.Get("can_edit") == "1")
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		p, perr := h.bankPage(r)
		if perr != nil {
			return perr
		}
		return h.invalid(w, r, err, "bank", p)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/banks/"+id, "flash.bank_shared")
}

func (h *Handler) bankUnshare(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := h.app.UnshareBank(r.Context(), actorOf(r), id, r.PathValue("person")); err != nil {
		return err
	}
	return redirect(w, r, "/banks/"+id, "flash.saved")
}
