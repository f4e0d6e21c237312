// Package api serves ShopDojo's REST JSON API under /api/v1. Handlers are
// thin: decode JSON, call one app method, encode a DTO. Callers sign in with
// a personal API token (Authorization: Bearer sdt_…) or, for the web UI, the
// session cookie. Every error has one JSON shape, localized; the routes are
// described by openapi.yaml, which a test keeps in step with the route table.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/httpx"
	"github.com/shopdojo/shopdojo/internal/i18n"
)

// Prefix is the path prefix of every API route.
const Prefix = "/api/v1"

// sessionCookie is the web UI's session cookie, accepted so that the UI's
// own scripts can call the API.
const sessionCookie = "sd_session"

// Handler serves the API.
type Handler struct {
	app     *app.App
	i18n    *i18n.Bundle
	log     *slog.Logger
	mux     *http.ServeMux
	openapi []byte // openapi.yaml converted to JSON once
	csrf    *http.CrossOriginProtection
	Router  *httpx.Router
}

// New builds the API and registers its routes on mux.
func New(a *app.App, b *i18n.Bundle, log *slog.Logger, mux *http.ServeMux) (*Handler, error) {
	doc, err := openAPIJSON()
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	h := &Handler{app: a, i18n: b, log: log, mux: mux, openapi: doc, csrf: http.NewCrossOriginProtection()}
	h.Router = httpx.NewRouter(mux, h.guard)
	h.routes()
	// Unknown API paths and methods answer in the API's error shape rather
	// than the mux's plain text; this fallback is not a route of its own.
	mux.HandleFunc(Prefix+"/", func(w http.ResponseWriter, r *http.Request) { h.fail(w, r, h.noRoute(w, r)) })
	return h, nil
}

type ctxKey int

const keyActor ctxKey = 0

// principal is who is calling and in which language to answer.
type principal struct {
	actor  app.Actor
	locale string
}

func actorOf(r *http.Request) app.Actor {
	p, _ := r.Context().Value(keyActor).(principal)
	return p.actor
}

// guard authenticates the caller and checks perm before running fn.
func (h *Handler) guard(perm shopdojo.Permission, fn httpx.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ac, err := h.authenticate(w, r, perm)
		if err == nil {
			ac.RequestID = httpx.RequestID(r.Context())
			ac.Locale = h.locale(r, ac)
			ctx := context.WithValue(r.Context(), keyActor, principal{actor: ac, locale: ac.Locale})
			r = r.WithContext(ctx)
			err = fn(w, r)
		}
		if err != nil {
			h.fail(w, r, err)
		}
	})
}

// authenticate resolves the bearer token or session cookie. Public routes
// need neither; read-only tokens may only read.
func (h *Handler) authenticate(w http.ResponseWriter, r *http.Request, perm shopdojo.Permission) (app.Actor, error) {
	if perm == shopdojo.PermPublic {
		return app.Actor{}, nil
	}
	ac, err := h.credentials(r)
	if shopdojo.KindOf(err) == shopdojo.KindUnauthenticated {
		w.Header().Set("WWW-Authenticate", `Bearer realm="shopdojo"`)
		return ac, unauthenticated(err)
	}
	if err != nil {
		return ac, err
	}
	if !ac.Can(perm) {
		return ac, shopdojo.E(shopdojo.KindForbidden, "api.forbidden")
	}
	return ac, nil
}

func (h *Handler) credentials(r *http.Request) (app.Actor, error) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		scheme, secret, _ := strings.Cut(auth, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return app.Actor{}, shopdojo.ErrUnauth
		}
		ac, write, err := h.app.TokenActor(r.Context(), strings.TrimSpace(secret))
		if err == nil && !write && !safeMethod(r.Method) {
			err = shopdojo.E(shopdojo.KindForbidden, "api.read_only_token")
		}
		return ac, err
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return app.Actor{}, shopdojo.ErrUnauth
	}
	ac, err := h.app.Authenticate(r.Context(), c.Value)
	if err != nil {
		return ac, err
	}
	// A cookie rides along on cross-site requests, a bearer token does not.
	if err := h.csrf.Check(r); err != nil {
		return ac, shopdojo.Wrap(shopdojo.KindForbidden, "api.cross_origin", err)
	}
	if ac.MustChange {
		return ac, shopdojo.E(shopdojo.KindForbidden, "api.password_change_required")
	}
	return ac, nil
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// unauthenticated gives every sign-in refusal the API's own message.
func unauthenticated(cause error) error {
	return shopdojo.Wrap(shopdojo.KindUnauthenticated, "api.unauthenticated", cause)
}

// locale is the language of the answer: Accept-Language when sent, else the
// caller's saved language, else the default.
func (h *Handler) locale(r *http.Request, ac app.Actor) string {
	if al := r.Header.Get("Accept-Language"); al != "" {
		return i18n.Match(al)
	}
	if l := i18n.Valid(ac.Locale); l != "" {
		return l
	}
	return i18n.Default
}

func (h *Handler) localeOf(r *http.Request) string {
	if p, ok := r.Context().Value(keyActor).(principal); ok {
		return p.locale
	}
	return h.locale(r, app.Actor{})
}
