package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// needsPageSize is how many analyses the list shows a page.
const needsPageSize = 20

type needsListView struct {
	Store    shopdojo.Store
	Items    []app.NeedsAnalysis
	Total    int64
	Page     int
	Next     bool
	From, To string // the create form's default period
}

func (h *Handler) needsList(w http.ResponseWriter, r *http.Request) error {
	return h.needsListPage(w, r, nil)
}

func (h *Handler) needsListPage(w http.ResponseWriter, r *http.Request, formErr error) error {
	ac := actorOf(r)
	st, err := h.app.Store(r.Context(), ac, r.PathValue("id"))
	if err != nil {
		return err
	}
	pg, _ := strconv.Atoi(r.URL.Query().Get("page"))
	pg = max(pg, 1)
	items, total, err := h.app.NeedsAnalyses(r.Context(), ac, st.ID, needsPageSize, (pg-1)*needsPageSize)
	if err != nil {
		return err
	}
	today := time.Now().In(h.app.Location())
	p := h.page(r, "needs.title")
	p.Nav = "stores"
	p.Data = needsListView{Store: st, Items: items, Total: total, Page: pg, Next: int64(pg*needsPageSize) < total,
		From: today.AddDate(0, 0, -30).Format(time.DateOnly), To: today.Format(time.DateOnly)}
	if formErr != nil {
		return h.invalid(w, r, formErr, "needs_list", p)
	}
	return h.render(w, r, "needs_list", p)
}

func (h *Handler) needsCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	id, err := h.app.CreateNeedsAnalysis(r.Context(), actorOf(r), r.PathValue("id"),
		app.NeedsAnalysisInput{Title: f.Get("title"), From: f.Get("from"), To: f.Get("to")})
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		return h.needsListPage(w, r, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/stores/"+r.PathValue("id")+"/needs/"+id, "flash.saved")
}

func (h *Handler) needsReport(w http.ResponseWriter, r *http.Request) error {
	return h.needsReportPage(w, r, nil)
}

func (h *Handler) needsReportPage(w http.ResponseWriter, r *http.Request, formErr error) error {
	ac := actorOf(r)
	rep, err := h.app.NeedsReport(r.Context(), ac, r.PathValue("id"), r.PathValue("nid"))
	if err != nil {
		return err
	}
	p := h.page(r, "needs.report")
	p.Nav = "stores"
	p.Data = needsReportViewOf(p, rep)
	if formErr != nil {
		return h.invalid(w, r, formErr, "needs_report", p)
	}
	return h.render(w, r, "needs_report", p)
}

func (h *Handler) needsNote(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	err := h.app.AddNeedsNote(r.Context(), actorOf(r), r.PathValue("id"), r.PathValue("nid"),
		app.NeedsNoteInput{Kind: f.Get("kind"), PersonID: f.Get("person"), Body: f.Get("body"), On: f.Get("on")})
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		return h.needsReportPage(w, r, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, needsURL(r)+"#notes", "flash.saved")
}

func needsURL(r *http.Request) string {
	return "/stores/" + r.PathValue("id") + "/needs/" + r.PathValue("nid")
}

type ratingsView struct {
	Grid  app.RatingsGrid
	Store string
	Rows  []ratingRow
}

type ratingRow struct {
	Person app.NeedsPerson
	Cells  []ratingCell
}

type ratingCell struct {
	Name       string // form field
	Competency string
	Manager    int
	Self       int
	BlindSpot  bool
}

func (h *Handler) needsRatings(w http.ResponseWriter, r *http.Request) error {
	g, err := h.app.Ratings(r.Context(), actorOf(r), r.PathValue("id"), r.PathValue("nid"))
	if err != nil {
		return err
	}
	p := h.page(r, "needs.ratings")
	p.Nav = "stores"
	v := ratingsView{Grid: g, Store: r.PathValue("id")}
	for _, person := range g.People {
		row := ratingRow{Person: person}
		for _, c := range g.Competencies {
			m, s := g.Manager[person.ID][c.ID], g.Self[person.ID][c.ID]
			row.Cells = append(row.Cells, ratingCell{Name: "r." + person.ID + "." + c.ID, Competency: p.L(c.Name, c.NameEN),
				Manager: m, Self: s, BlindSpot: m > 0 && s-m >= 1})
		}
		v.Rows = append(v.Rows, row)
	}
	p.Data = v
	return h.render(w, r, "needs_ratings", p)
}

func (h *Handler) needsRatingsSave(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	levels := map[string]map[string]int{}
	for k, vs := range r.PostForm {
		rest, ok := strings.CutPrefix(k, "r.")
		person, comp, ok2 := strings.Cut(rest, ".")
		if !ok || !ok2 || len(vs) == 0 {
			continue
		}
		l, err := strconv.Atoi(vs[0])
		if vs[0] == "" {
			l, err = 0, nil
		}
		if err != nil {
			return shopdojo.E(shopdojo.KindInvalid, "error.out_of_range")
		}
		if levels[person] == nil {
			levels[person] = map[string]int{}
		}
		levels[person][comp] = l
	}
	if _, err := h.app.SetManagerRatings(r.Context(), actorOf(r), r.PathValue("id"), r.PathValue("nid"), levels); err != nil {
		return err
	}
	return redirect(w, r, needsURL(r)+"#competencies", "flash.saved")
}
