package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/i18n"
)

// BenchmarkLearnHomeRender renders 我的学习 for a learner with two paths
// and six next steps: the template share of the page that
// `shopdojo bench learner` loads.
func BenchmarkLearnHomeRender(b *testing.B) {
	bundle, err := i18n.New()
	if err != nil {
		b.Fatal(err)
	}
	h, err := New(app.New(nil, app.Options{}), bundle, slog.New(slog.DiscardHandler), Options{}, http.NewServeMux())
	if err != nil {
		b.Fatal(err)
	}
	v := sampleLearningHome()
	if testing.Short() {
		v = app.LearningHome{Empty: true}
	}
	for _, loc := range []string{"zh-CN", "en"} {
		b.Run(loc, func(b *testing.B) {
			r := httptest.NewRequest("GET", "/learn", nil)
			for b.Loop() {
				p := &page{h: h, Locale: loc, Title: "learn.title", Actor: app.Actor{PersonID: "SD1003", Roles: []shopdojo.Role{shopdojo.RoleLearner}},
					Path: "/learn", Nav: "learn", Now: time.Now()}
				p.Data = map[string]any{"H": homeViewOf(p, v)}
				if err := h.render(discardWriter{}, r, "learn_home", p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type discardWriter struct{}

func (discardWriter) Header() http.Header         { return http.Header{} }
func (discardWriter) Write(p []byte) (int, error) { return io.Discard.Write(p) }
func (discardWriter) WriteHeader(int)             {}

func sampleLearningHome() app.LearningHome {
	due := time.Now().Add(72 * time.Hour)
	item := func(i int) app.PathItemView {
		return app.PathItemView{Ref: "m01-c01", Kind: "course", Title: "千牛工作台与店铺后台", TitleEN: "Qianniu workbench and the store back office",
			Required: true, Minutes: 45, Units: 6, Done: i, Next: "m01-c01-u03", Module: "平台基础与工作台使用", ModuleEN: "Platform basics"}
	}
	path := func(id string, n int) app.PathView {
		pv := app.PathView{ID: id, Title: "运营专员成长路径", TitleEN: "Operations specialist path", Onboarding: n == 0, Assigned: true,
			AssignedAt: time.Now().Add(-240 * time.Hour), DueAt: due, Units: 120, Done: 37 + n, Minutes: 2400, MinutesLeft: 1500}
		return pv
	}
	h := app.LearningHome{ReviewDue: 4, Continue: &app.UnitBrief{ID: "m01-c01-u03", Kind: "read", Title: "订单列表与筛选", TitleEN: "The order list and its filters",
		Course: "千牛工作台与店铺后台", CourseEN: "Qianniu workbench", Minutes: 12}}
	for i := range 3 {
		h.Paths = append(h.Paths, path("p-ops-"+string(rune('a'+i)), i))
	}
	for i := range 6 {
		h.Today = append(h.Today, app.TodoItem{PathID: "p-ops-a", PathTitle: "运营专员成长路径", PathTitleEN: "Operations specialist path",
			Item: item(i), DueAt: due, Overdue: i == 5})
	}
	return h
}
