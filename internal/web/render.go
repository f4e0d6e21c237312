package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/httpx"
	"github.com/shopdojo/shopdojo/internal/i18n"
	"github.com/shopdojo/shopdojo/internal/xapi"
)

// templates holds one parsed set per page: the layout plus the page file.
type templates struct {
	files fs.FS
	dev   bool
	mu    sync.Mutex
	sets  map[string]*template.Template
	// layout marks the pages that are the layout around their content,
	// which renderStatus writes inside the cached chrome.
	layout map[string]bool
	chrome *template.Template
}

func loadTemplates(files fs.FS, dev bool) (*templates, error) {
	t := &templates{files: files, dev: dev, sets: map[string]*template.Template{}, layout: map[string]bool{}}
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".html")
		if strings.HasPrefix(base, "_") {
			continue
		}
		if _, err := t.parse(base); err != nil {
			return nil, err
		}
	}
	return t, nil
}

var funcs = template.FuncMap{
	"join": strings.Join,
	"pair": func(a, b any) []any { return []any{a, b} },
	"list": func(v ...any) []any { return v },
	"field": func(p *page, name, label, typ string, required bool) formField {
		return formField{P: p, Name: name, Label: label, Type: typ, Required: required}
	},
	"icon":     icon,
	"itemHref": itemHref,
	"kbQuery":  kbQuery,
	"verbName": xapi.VerbName,
	"add":      func(a, b int) int { return a + b },
	"add64":    func(a, b int64) int64 { return a + b },
	"excerpt": func(s string, n int) string {
		if r := []rune(s); len(r) > n {
			return string(r[:n]) + "…"
		}
		return s
	},
	"list5": func() []int { return []int{1, 2, 3, 4, 5} },
	"initial": func(s string) string {
		for _, r := range s {
			return string(r)
		}
		return "?"
	},
	"roleID": func(r shopdojo.Role) string { return string(r) },
	"has": func(list []shopdojo.Role, r shopdojo.Role) bool {
		for _, x := range list {
			if x == r {
				return true
			}
		}
		return false
	},
	"hasStr": func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	},
}

func (t *templates) parse(name string) (*template.Template, error) {
	partials, err := fs.Glob(t.files, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	files := append(partials, "templates/"+name+".html")
	set, err := template.New(name).Funcs(funcs).Funcs(examFuncs).ParseFS(t.files, files...)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	t.sets[name] = set
	t.layout[name] = usesLayout(set, name)
	return set, nil
}

// chromeSet is the layout around the content hole, parsed on first use.
func (t *templates) chromeSet() (*template.Template, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.chrome != nil && !t.dev {
		return t.chrome, nil
	}
	partials, err := fs.Glob(t.files, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	set, err := template.New("_chrome").Funcs(funcs).Funcs(examFuncs).ParseFS(t.files, partials...)
	if err == nil {
		_, err = set.New("chrome.html").Parse(chromeSource)
	}
	if err != nil {
		return nil, fmt.Errorf("template chrome: %w", err)
	}
	t.chrome = set
	return set, nil
}

// chromed reports whether page name may be written inside the cached chrome.
func (t *templates) chromed(name string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return !t.dev && t.layout[name]
}

func (t *templates) get(name string) (*template.Template, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dev {
		return t.parse(name)
	}
	set, ok := t.sets[name]
	if !ok {
		return nil, fmt.Errorf("no template %q", name)
	}
	return set, nil
}

// formField is the argument of the "input" partial.
type formField struct {
	P                 *page
	Name, Label, Type string
	Required          bool
}

// page is what every template receives.
type page struct {
	h        *Handler
	Locale   string
	Title    string
	Actor    app.Actor
	Nav      string
	Flash    string
	Data     any
	Form     url.Values
	Errors   map[string]string
	ErrorMsg string
	Path     string
	Query    url.Values
	Version  string
	Locales  []string
	Now      time.Time
	Reviews  int64 // versions waiting for the viewer's review, for the nav badge
	KBTasks  int64 // knowledge items due for review and open questions, for the nav badge
	errArgs  map[string]map[string]any
	set      *template.Template // the page's template set, for NavHTML
	holes    bool               // rendering the chrome: viewer parts are holes
}

func (h *Handler) page(r *http.Request, title string) *page {
	ac := actorOf(r)
	return &page{h: h, Locale: h.locale(r, ac), Title: title, Actor: ac, Path: r.URL.Path,
		Query: r.URL.Query(), Version: h.opt.Version, Locales: i18n.Locales, Form: url.Values{}, Now: time.Now(),
		Reviews: h.app.ReviewCount(r.Context(), ac), KBTasks: h.app.KBBadge(r.Context(), ac)}
}

func (h *Handler) locale(r *http.Request, ac app.Actor) string {
	if l := i18n.Valid(ac.Locale); l != "" {
		return l
	}
	if c, err := r.Cookie("sd_locale"); err == nil {
		if l := i18n.Valid(c.Value); l != "" {
			return l
		}
	}
	// Chinese first: the browser's language does not override the
	// company default; people switch explicitly and the choice is saved.
	return i18n.Default
}

// T translates id; args are alternating names and values.
func (p *page) T(id string, args ...any) string {
	if len(args) > 1 {
		return p.h.i18n.TPairs(p.Locale, id, args...)
	}
	var m map[string]any
	if len(args) == 1 {
		m, _ = args[0].(map[string]any)
	}
	return p.h.i18n.T(p.Locale, id, m)
}

// Can reports whether the viewer holds a permission.
func (p *page) Can(perm string) bool { return p.Actor.Can(shopdojo.Permission(perm)) }

// Err is the translated error for a form field, or "".
func (p *page) Err(field string) string {
	if id, ok := p.Errors[field]; ok {
		return p.T(id, p.errArgs[field])
	}
	return ""
}

// Val is a submitted form value.
func (p *page) Val(field string) string { return p.Form.Get(field) }

// Time formats t in the company time zone.
func (p *page) Time(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(p.h.app.Location()).Format("2006-01-02 15:04")
}

// FlashText is the translated flash message; a flash id may carry one
// number after a colon ("flash.members_added:3") shown as {{.N}}.
func (p *page) FlashText() string {
	id, n, _ := strings.Cut(p.Flash, ":")
	return p.T(id, "N", n)
}

// Ms formats Unix milliseconds in the company time zone.
func (p *page) Ms(ms int64) string { return p.Time(time.UnixMilli(ms)) }

// QueryWith returns the current query string with key set to value.
// It is a template.URL: the encoded query is already escaped, and as a
// plain string html/template would escape its = and & a second time.
func (p *page) QueryWith(key, value string) template.URL {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	if value == "" {
		q.Del(key)
	} else {
		q.Set(key, value)
	}
	return template.URL(q.Encode()) //nolint:gosec // url.Values.Encode escapes every part
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, name string, p *page) error {
	return h.renderStatus(w, r, http.StatusOK, name, p)
}

func (h *Handler) renderStatus(w http.ResponseWriter, r *http.Request, status int, name string, p *page) error {
	set, err := h.tmpl.get(name)
	if err != nil {
		return err
	}
	if c, err := r.Cookie("sd_flash"); err == nil && p.Flash == "" {
		p.Flash = c.Value
		http.SetCookie(w, &http.Cookie{Name: "sd_flash", Path: "/", MaxAge: -1, HttpOnly: true})
	}
	p.set = set
	buf := bufPool.Get().(*bytes.Buffer)
	defer putBuf(buf)
	if p.Flash == "" && h.tmpl.chromed(name) {
		err = h.renderChromed(buf, set, p)
	} else {
		err = set.ExecuteTemplate(buf, name+".html", p)
	}
	if err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err = w.Write(buf.Bytes())
	return err
}

// bufPool recycles page buffers: a page is rendered whole before it is
// sent (so a template error never leaves half a page), and growing a fresh
// buffer to page size on every request was the largest allocation.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuf(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return // keep the pool from holding on to a rare huge page
	}
	b.Reset()
	bufPool.Put(b)
}

// redirect sends the browser to url after a successful post, with a flash
// message id (optionally ":N") shown on the next page.
func redirect(w http.ResponseWriter, r *http.Request, url, flash string) error {
	if flash != "" {
		http.SetCookie(w, &http.Cookie{Name: "sd_flash", Value: flash, Path: "/", MaxAge: 60, HttpOnly: true,
			SameSite: http.SameSiteLaxMode})
	}
	http.Redirect(w, r, url, http.StatusSeeOther)
	return nil
}

// invalid re-renders a form with its field errors, or fails for other errors.
func (h *Handler) invalid(w http.ResponseWriter, r *http.Request, err error, name string, p *page) error {
	if shopdojo.KindOf(err) != shopdojo.KindInvalid && shopdojo.KindOf(err) != shopdojo.KindConflict {
		return err
	}
	p.Form = r.PostForm
	p.Errors = httpx.Fields(err)
	var de *shopdojo.Error
	if errors.As(err, &de) {
		p.errArgs = de.FieldArgs
	}
	msg, args := httpx.Message(err)
	p.ErrorMsg = p.T(msg, args)
	return h.renderStatus(w, r, http.StatusUnprocessableEntity, name, p)
}

// L picks the text of the page's language: en when the page is English and
// there is an English text, zh otherwise.
func (p *page) L(zh, en string) string {
	if p.Locale == "en" && en != "" {
		return en
	}
	return zh
}

// Date formats t as a day in the company time zone.
func (p *page) Date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(p.h.app.Location()).Format(time.DateOnly)
}
