// Package web serves ShopDojo's server-rendered HTML pages. Handlers are
// thin: decode the form, call one app method, render a template.
package web

import (
	"context"
	"embed"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/go-chi/httprate"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/httpx"
	"github.com/shopdojo/shopdojo/internal/i18n"
	"github.com/shopdojo/shopdojo/internal/markdown"
)

//go:embed all:templates static
var embedded embed.FS

// Options configure the web UI.
type Options struct {
	BaseURL string // absolute links; https makes cookies Secure
	Dev     bool   // read templates and static files from disk
	Version string
}

// Handler serves the web UI.
type Handler struct {
	app    *app.App
	i18n   *i18n.Bundle
	log    *slog.Logger
	opt    Options
	tmpl   *templates
	nav    navCache
	chrome keyCache[*chrome]
	md     *markdown.Renderer
	Router *httpx.Router
}

const sessionCookie = "sd_session"

// New builds the web UI and registers its routes on mux.
func New(a *app.App, b *i18n.Bundle, log *slog.Logger, opt Options, mux *http.ServeMux) (*Handler, error) {
	var files fs.FS = embedded
	if opt.Dev {
		files = os.DirFS("internal/web")
	}
	t, err := loadTemplates(files, opt.Dev)
	if err != nil {
		return nil, err
	}
	h := &Handler{app: a, i18n: b, log: log, opt: opt, tmpl: t, md: newMarkdown()}
	h.Router = httpx.NewRouter(mux, h.guard)
	static, _ := fs.Sub(files, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	h.routes()
	return h, nil
}

func cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

type ctxKey int

const keyActor ctxKey = 0

func actorOf(r *http.Request) app.Actor {
	ac, _ := r.Context().Value(keyActor).(app.Actor)
	ac.RequestID = httpx.RequestID(r.Context())
	return ac
}

// guard authenticates the session cookie and checks perm; people who must
// change their password are sent to do that first.
func (h *Handler) guard(perm shopdojo.Permission, fn httpx.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ac, err := h.sessionActor(r)
		if err != nil && shopdojo.KindOf(err) != shopdojo.KindUnauthenticated {
			h.fail(w, r, err)
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), keyActor, ac))
		if perm != shopdojo.PermPublic {
			if ac.PersonID == "" {
				h.toLogin(w, r)
				return
			}
			if ac.MustChange && r.URL.Path != "/account/password" && r.URL.Path != "/logout" {
				http.Redirect(w, r, "/account/password", http.StatusSeeOther)
				return
			}
			if !ac.Can(perm) {
				h.fail(w, r, shopdojo.ErrForbidden)
				return
			}
		}
		if err := fn(w, r); err != nil {
			h.fail(w, r, err)
		}
	})
}

func (h *Handler) sessionActor(r *http.Request) (app.Actor, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return app.Actor{}, shopdojo.ErrUnauth
	}
	return h.app.Authenticate(r.Context(), c.Value)
}

func (h *Handler) toLogin(w http.ResponseWriter, r *http.Request) {
	next := r.URL.RequestURI()
	if r.Method != http.MethodGet {
		next = "/"
	}
	if r.Header.Get("HX-Request") != "" {
		w.Header().Set("HX-Redirect", "/login")
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
}

func (h *Handler) secure(r *http.Request) bool {
	return strings.HasPrefix(h.opt.BaseURL, "https://") || httpx.IsHTTPS(r.Context())
}

func (h *Handler) setSession(w http.ResponseWriter, r *http.Request, secret string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true,
		Secure: h.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: int((30 * 24 * time.Hour).Seconds())})
}

func (h *Handler) clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: h.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// fail renders an error page in the person's language.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	httpx.LogError(h.log, r, err)
	if errors.Is(err, context.Canceled) {
		return
	}
	if shopdojo.KindOf(err) == shopdojo.KindUnauthenticated {
		h.toLogin(w, r)
		return
	}
	st := httpx.Status(err)
	msg, args := httpx.Message(err)
	p := h.page(r, "error.title")
	p.Data = map[string]any{"Status": st, "Message": p.T(msg, args)}
	if rerr := h.renderStatus(w, r, st, "error", p); rerr != nil {
		h.log.ErrorContext(r.Context(), "render error page", "err", rerr)
		http.Error(w, p.T(msg, args), st)
	}
}

// loginLimiter limits sign-in attempts per client address.
func loginLimiter() func(http.Handler) http.Handler {
	return httprate.LimitBy(20, time.Minute, func(r *http.Request) (string, error) {
		return httpx.ClientIP(r.Context()), nil
	}, httprate.WithLimitHandler(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "too many sign-in attempts, try again in a minute / 尝试次数过多，请一分钟后再试", http.StatusTooManyRequests)
	}))
}

// newMarkdown renders materials; images written as file:<id> are served
// from the file store, which checks who may read them. Images from other
// hosts are refused (their alt text stays): the page's CSP would block
// them anyway, and hotlinked pictures change under a lesson's versions.
func newMarkdown() *markdown.Renderer {
	return markdown.New(markdown.WithImageBase(func(src string) (string, bool) {
		if id, ok := strings.CutPrefix(src, "file:"); ok {
			return "/files/" + url.PathEscape(id), id != ""
		}
		u, err := url.Parse(src)
		return src, err == nil && u.Host == "" && u.Scheme == ""
	}))
}
