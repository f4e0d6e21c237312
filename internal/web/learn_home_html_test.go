package web

import (
	"html/template"
	"strings"
	"testing"
)

// The markup 我的学习's lists had as templates; rowsHTML and tilesHTML must
// write exactly what these would.
const refRows = `{{range .}}{{$r := .}}<li class="todo"><span class="todo-kind {{.KindClass}}">{{.Kind}}</span><div class="todo-main"><a href="{{.Href}}"{{with .TestID}} data-testid="{{.}}"{{end}}>{{.Title}}</a>{{with .Sub}}<div class="muted small">{{.}}</div>{{end}}</div>{{with .Badge}}<span class="badge {{$r.BadgeCSS}}">{{.}}</span>{{end}}</li>{{end}}`

const refTiles = `{{range .}}{{$t := .}}<a class="path-tile" href="/learn/paths/{{.ID}}" data-testid="my-path">
<div class="path-tile-head"><span class="path-tile-title">{{.Title}}</span>{{with .Badge}}<span class="badge {{$t.BadgeCSS}}">{{.}}</span>{{end}}</div>
<div class="progress-label"><span>{{.Done}}</span><span>{{.Percent}}%</span></div>
<progress class="progress{{if .Certified}} progress-success{{end}}" max="100" value="{{.Percent}}"></progress>
<div class="muted small">{{.Sub}}</div></a>
{{end}}`

func TestHomeListsMatchTemplates(t *testing.T) {
	nasty := `<script>"a" & 'b' + c</script>`
	rows := []homeRow{
		{Kind: "课程", KindClass: "todo-course", Href: "/learn/units/m01-c01-u03", Title: "订单列表与筛选", Sub: "运营专员 · 12 分钟", Badge: "已逾期", BadgeCSS: "badge-danger"},
		{Kind: nasty, KindClass: "todo-change", Href: "/learn/units/x?v=1&w=2", Title: nasty, TestID: "change-task"},
		{Kind: "SOP", Href: "/learn/sops/m06-sop-refund"},
	}
	tiles := []homeTile{
		{ID: "p-ops", Title: "运营专员成长路径", Badge: "新人入职", BadgeCSS: "badge-info", Done: "37 / 120 个单元", Sub: "还需 1500 分钟", Percent: 31},
		{ID: "p&<x> 路径%41%4", Title: nasty, Done: nasty, Sub: nasty, Percent: 100, Certified: true},
	}
	check := func(name, ref string, data any, got template.HTML) {
		var want strings.Builder
		if err := template.Must(template.New(name).Parse(ref)).Execute(&want, data); err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want.String())
		}
	}
	check("rows", refRows, rows, rowsHTML(rows))
	check("tiles", refTiles, tiles, tilesHTML(tiles))
	if got := rowsHTML([]homeRow{{Href: "javascript:alert(1)"}}); !strings.Contains(string(got), `href="#ZgotmplZ"`) {
		t.Errorf("a foreign link was written: %s", got)
	}
}
