package web

import (
	"html/template"

	"github.com/shopdojo/shopdojo/internal/app"
)

// 我的学习 is the page every learner opens first and most often, so its
// lists are put into words here, in Go: the template only places final
// strings. Built in the template, each row's half-dozen translations,
// language picks and date formats were reflective method calls, which
// cost the page more than its database reads (see `shopdojo bench
// learner`).

// homeView is 我的学习 ready to print.
type homeView struct {
	ReviewDue int64
	Empty     bool
	Continue  *homeContinue
	Returned  []homeRow // runs sent back for changes
	Changes   []homeRow // what-changed tasks
	Today     []homeRow // next steps on the paths
	Tiles     []homeTile
	// The lists as markup (learn_home_html.go); "" when empty.
	ReturnedHTML, ChangesHTML, TodayHTML, TilesHTML template.HTML
}

// homeContinue is the continue-where-you-left-off card.
type homeContinue struct{ ID, Title, Sub string }

// homeRow is one of today's steps.
type homeRow struct {
	Kind, KindClass string // label and its colour class
	Href, Title     string
	Sub             string
	Badge, BadgeCSS string
	TestID          string
}

// homeTile is an assigned path with its progress.
type homeTile struct {
	ID, Title       string
	Badge, BadgeCSS string
	Done, Sub       string
	Percent         int
	Certified       bool
}

func homeViewOf(p *page, v app.LearningHome) homeView {
	hv := homeView{ReviewDue: v.ReviewDue, Empty: v.Empty}
	if c := v.Continue; c != nil {
		hv.Continue = &homeContinue{ID: c.ID, Title: p.L(c.Title, c.TitleEN),
			Sub: p.L(c.Course, c.CourseEN) + " · " + p.T("learn.kind_"+c.Kind) + " · " + p.T("learn.minutes", "N", c.Minutes)}
	}
	for _, r := range v.Returned {
		hv.Returned = append(hv.Returned, homeRow{Kind: p.T("learn.run_returned"), KindClass: "todo-exam", Href: "/learn/runs/" + r.ID,
			Title: p.L(r.Title, r.TitleEN), Sub: joinDot(r.Subject, r.ReviewNote)})
	}
	for _, c := range v.Changes {
		hv.Changes = append(hv.Changes, homeRow{Kind: p.T("learn.change_kind"), KindClass: "todo-change", Href: c.Href(), Title: p.L(c.Title, c.TitleEN),
			Sub: joinDot(p.T("learn.change_versions", "From", c.FromNo, "To", c.ToNo), c.Note), TestID: "change-task"})
	}
	for _, t := range v.Today {
		hv.Today = append(hv.Today, todoRow(p, t))
	}
	for _, pv := range v.Paths {
		hv.Tiles = append(hv.Tiles, homePathTile(p, pv))
	}
	hv.ReturnedHTML, hv.ChangesHTML = rowsHTML(hv.Returned), rowsHTML(hv.Changes)
	hv.TodayHTML, hv.TilesHTML = rowsHTML(hv.Today), tilesHTML(hv.Tiles)
	return hv
}

func todoRow(p *page, t app.TodoItem) homeRow {
	path := p.L(t.PathTitle, t.PathTitleEN)
	var r homeRow
	if t.Exam != nil {
		r.Kind, r.KindClass, r.Href = p.T("learn.stage_exam"), "todo-exam", "/learn/paths/"+t.PathID+"#exam"
		r.Title, r.Sub = p.L(t.Exam.Title, t.Exam.TitleEN), path
	} else {
		it := t.Item
		r.Kind, r.Href, r.Title = p.T("learn.ref_"+it.Kind), itemHref(it), p.L(it.Title, it.TitleEN)
		r.Sub = path + " · " + p.T("learn.minutes", "N", it.Minutes)
		if it.Units > 0 {
			r.Sub += " · " + p.T("learn.units_done", "Done", it.Done, "N", it.Units)
		}
	}
	switch {
	case t.Overdue:
		r.Badge, r.BadgeCSS = p.T("learn.overdue"), "badge-danger"
	case !t.DueAt.IsZero():
		r.Badge, r.BadgeCSS = p.T("learn.due", "T", p.Date(t.DueAt)), "badge-muted"
	}
	return r
}

func homePathTile(p *page, pv app.PathView) homeTile {
	t := homeTile{ID: pv.ID, Title: p.L(pv.Title, pv.TitleEN), Percent: pv.Percent(), Certified: pv.Certified,
		Done: p.T("learn.units_done", "Done", pv.Done, "N", pv.Units)}
	switch {
	case pv.Certified:
		t.Badge, t.BadgeCSS = p.T("learn.certified"), "badge-success"
	case pv.Overdue(p.Now):
		t.Badge, t.BadgeCSS = p.T("learn.overdue"), "badge-danger"
	case pv.Onboarding:
		t.Badge, t.BadgeCSS = p.T("learn.onboarding"), "badge-info"
	}
	t.Sub = p.T("learn.minutes_left", "N", pv.MinutesLeft)
	if !pv.DueAt.IsZero() {
		t.Sub = p.T("learn.due", "T", p.Date(pv.DueAt)) + " · " + t.Sub
	}
	return t
}

// itemHref is where a path item opens: an SOP's page, the first unit not
// done, or the item itself.
func itemHref(it app.PathItemView) string {
	switch {
	case it.Kind == "sop":
		return "/learn/sops/" + it.Ref
	case it.Next != "":
		return "/learn/units/" + it.Next
	case it.Kind == "course":
		return "/learn/courses/" + it.Ref
	}
	return "/learn/units/" + it.Ref
}

// joinDot joins the non-empty parts with " · ".
func joinDot(parts ...string) string {
	s := ""
	for _, x := range parts {
		if x == "" {
			continue
		}
		if s != "" {
			s += " · "
		}
		s += x
	}
	return s
}
