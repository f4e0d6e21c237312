package web

import (
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/httpx"
)

func (h *Handler) account(w http.ResponseWriter, r *http.Request) error {
	return h.accountPage(w, r, nil)
}

// accountPage renders my account; uploadErr, when set, is a refused photo
// shown on the photo card.
func (h *Handler) accountPage(w http.ResponseWriter, r *http.Request, uploadErr error) error {
	ac := actorOf(r)
	me, err := h.app.Person(r.Context(), ac, ac.PersonID)
	if err != nil {
		return err
	}
	cur := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		cur = c.Value
	}
	sessions, err := h.app.Sessions(r.Context(), ac, cur)
	if err != nil {
		return err
	}
	record, err := h.app.LearningRecord(r.Context(), ac, ac.PersonID, 10)
	if err != nil {
		return err
	}
	p := h.page(r, "account.title")
	p.Nav = "account"
	p.Data = map[string]any{"Me": me, "Sessions": sessions, "Record": record}
	if uploadErr != nil {
		msg, args := httpx.Message(uploadErr)
		p.ErrorMsg = p.T(msg, args)
		return h.renderStatus(w, r, httpx.Status(uploadErr), "account", p)
	}
	return h.render(w, r, "account", p)
}

func (h *Handler) sessionRevoke(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.RevokeSession(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		return err
	}
	return redirect(w, r, "/account", "flash.session_revoked")
}

func (h *Handler) tokensPage(w http.ResponseWriter, r *http.Request, p *page, secret string, status int) error {
	toks, err := h.app.Tokens(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p.Nav = "account"
	p.Data = map[string]any{"Tokens": toks, "Secret": secret}
	return h.renderStatus(w, r, status, "tokens", p)
}

func (h *Handler) tokens(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "tokens.title")
	p.Form.Set("scope", app.ScopeRead)
	return h.tokensPage(w, r, p, "", http.StatusOK)
}

func (h *Handler) tokenCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	days, _ := strconv.Atoi(orDefault(f.Get("expires_days"), "0"))
	scopes := []string{app.ScopeRead}
	if f.Get("scope") == app.ScopeWrite {
		scopes = append(scopes, app.ScopeWrite)
	}
	p := h.page(r, "tokens.title")
	secret, err := h.app.CreateToken(r.Context(), actorOf(r), f.Get("name"), scopes, days)
	if err != nil {
		if shopdojo.KindOf(err) != shopdojo.KindInvalid {
			return err
		}
		p.Form, p.Errors = f, httpx.Fields(err)
		return h.tokensPage(w, r, p, "", http.StatusUnprocessableEntity)
	}
	return h.tokensPage(w, r, p, secret, http.StatusOK)
}

func (h *Handler) tokenRevoke(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.RevokeToken(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		return err
	}
	return redirect(w, r, "/account/tokens", "flash.token_revoked")
}
