package web

import (
	"net/http"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/httpx"
	"github.com/shopdojo/shopdojo/internal/i18n"
)

func client(r *http.Request) app.Client {
	return app.Client{IP: httpx.ClientIP(r.Context()), UserAgent: r.UserAgent()}
}

// safeNext keeps post-login redirects on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func (h *Handler) loginForm(w http.ResponseWriter, r *http.Request) error {
	if actorOf(r).PersonID != "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	p := h.page(r, "login.title")
	p.Form.Set("next", r.URL.Query().Get("next"))
	return h.render(w, r, "login", p)
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	secret, err := h.app.Login(r.Context(), r.PostForm.Get("login"), r.PostForm.Get("password"), client(r))
	if err != nil {
		k := shopdojo.KindOf(err)
		if k != shopdojo.KindUnauthenticated && k != shopdojo.KindTooMany {
			return err
		}
		p := h.page(r, "login.title")
		p.Form = r.PostForm
		p.Form.Del("password")
		msg, _ := httpx.Message(err)
		p.ErrorMsg = p.T(msg)
		return h.renderStatus(w, r, httpx.Status(err), "login", p)
	}
	h.setSession(w, r, secret)
	return redirect(w, r, safeNext(r.PostForm.Get("next")), "")
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := h.app.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	h.clearSession(w, r)
	return redirect(w, r, "/login", "flash.signed_out")
}

func (h *Handler) activateForm(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "activate.title")
	p.Form.Set("code", r.URL.Query().Get("code"))
	return h.render(w, r, "activate", p)
}

func (h *Handler) activate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	p := h.page(r, "activate.title")
	if f.Get("password") != f.Get("password2") {
		p.Form, p.Errors = f, map[string]string{"password2": "error.password_mismatch"}
		return h.renderStatus(w, r, http.StatusUnprocessableEntity, "activate", p)
	}
	secret, err := h.app.Activate(r.Context(), f.Get("code"), f.Get("password"), client(r))
	if err != nil {
		return h.invalid(w, r, err, "activate", p)
	}
	h.setSession(w, r, secret)
	return redirect(w, r, "/", "flash.activated")
}

func (h *Handler) setLocale(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	l := i18n.Valid(r.PostForm.Get("locale"))
	if l == "" {
		return shopdojo.E(shopdojo.KindInvalid, "error.invalid")
	}
	http.SetCookie(w, &http.Cookie{Name: "sd_locale", Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
		Secure: h.secure(r), HttpOnly: true, SameSite: http.SameSiteLaxMode})
	if ac := actorOf(r); ac.PersonID != "" {
		if err := h.app.SetLocale(r.Context(), ac, l); err != nil {
			return err
		}
	}
	back := safeNext(r.PostForm.Get("next"))
	return redirect(w, r, back, "")
}

func (h *Handler) passwordForm(w http.ResponseWriter, r *http.Request) error {
	return h.render(w, r, "password", h.page(r, "password.title"))
}

func (h *Handler) passwordChange(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	p := h.page(r, "password.title")
	if f.Get("password") != f.Get("password2") {
		p.Errors = map[string]string{"password2": "error.password_mismatch"}
		return h.renderStatus(w, r, http.StatusUnprocessableEntity, "password", p)
	}
	if err := h.app.ChangePassword(r.Context(), actorOf(r), f.Get("old_password"), f.Get("password")); err != nil {
		return h.invalid(w, r, err, "password", p)
	}
	return redirect(w, r, "/account", "flash.password_changed")
}
