package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/i18n"
)

// TestChromeMatchesLayout renders pages through the cached chrome and
// through the whole layout and wants the same bytes, for viewers with and
// without a photo, names that need escaping and a query to return to.
func TestChromeMatchesLayout(t *testing.T) {
	bundle, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(app.New(nil, app.Options{}), bundle, slog.New(slog.DiscardHandler), Options{}, http.NewServeMux())
	if err != nil {
		t.Fatal(err)
	}
	actors := []app.Actor{
		{PersonID: "SD1003", Name: "王小雨", Roles: []shopdojo.Role{shopdojo.RoleLearner}},
		{PersonID: "SD9001", Name: `<b>"O'Neil" & 许</b>`, PhotoID: "0190f0c2-7d1e-7a00-8000-000000000001",
			Roles: []shopdojo.Role{shopdojo.RoleTrainingManager, shopdojo.RoleTrainer}},
	}
	for _, loc := range []string{"zh-CN", "en"} {
		for _, ac := range actors {
			p := func() *page {
				p := &page{h: h, Locale: loc, Title: "learn.title", Actor: ac, Path: "/learn", Nav: "learn",
					Query: url.Values{"q": {"退款 & <x>"}, "page": {"2"}}, Reviews: 3, Now: time.Now()}
				p.Data = map[string]any{"H": homeViewOf(p, sampleLearningHome())}
				return p
			}
			set, err := h.tmpl.get("learn_home")
			if err != nil {
				t.Fatal(err)
			}
			var whole, chromed bytes.Buffer
			pw := p()
			pw.set = set
			if err := set.ExecuteTemplate(&whole, "learn_home.html", pw); err != nil {
				t.Fatal(err)
			}
			pc := p()
			pc.set = set
			if err := h.renderChromed(&chromed, set, pc); err != nil {
				t.Fatal(err)
			}
			// The page file's white space between its defines, after
			// </html>, is the only thing the chrome leaves out.
			if strings.TrimRight(whole.String(), "\n") != chromed.String() {
				t.Errorf("%s %s: chrome differs from the layout:\n%s", loc, ac.PersonID, firstDiff(whole.String(), chromed.String()))
			}
			if ac.PhotoID != "" && (!strings.Contains(chromed.String(), "&lt;b&gt;") || strings.Contains(chromed.String(), "<b>\"O")) {
				t.Errorf("%s: the viewer's name is not escaped", ac.PersonID)
			}
		}
	}
	if !h.tmpl.chromed("learn_home") || h.tmpl.chromed("login") {
		t.Errorf("chromed: learn_home %v (want true), login %v (want false: it uses the auth layout)",
			h.tmpl.chromed("learn_home"), h.tmpl.chromed("login"))
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "layout: …" + a[lo:min(len(a), i+80)] + "\nchrome: …" + b[lo:min(len(b), i+80)]
}
