package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/httpx"
	"github.com/shopdojo/shopdojo/internal/search"
)

// searchSuggestions are the queries the empty search page offers.
var searchSuggestions = []string{"退款", "客服话术", "直通车 ROI", "客单价", "kefu", "千川"}

func searchInput(r *http.Request) app.SearchInput {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	return app.SearchInput{Q: q.Get("q"), Kind: q.Get("type"), Tag: q.Get("tag"), Module: q.Get("module"),
		From: q.Get("from"), To: q.Get("to"), Page: page, Typing: r.Header.Get("HX-Request") != ""}
}

// search is the search page; as the person types, htmx asks for the
// results part only (search_results), which replaces the list and the
// address.
func (h *Handler) search(w http.ResponseWriter, r *http.Request) error {
	ac, in := actorOf(r), searchInput(r)
	res, err := h.app.Search(r.Context(), ac, in)
	p := h.page(r, "search.title")
	p.Nav = "search"
	data := map[string]any{"R": res, "Kinds": search.Kinds, "Suggestions": searchSuggestions}
	status := http.StatusOK
	if err != nil {
		switch shopdojo.KindOf(err) {
		case shopdojo.KindUnavailable:
			data["Starting"], status = true, http.StatusServiceUnavailable
		case shopdojo.KindInvalid:
			p.Errors = httpx.Fields(err)
		default:
			return err
		}
	}
	if err == nil && res.Input.Q != "" {
		if lerr := h.app.LogSearch(r.Context(), ac, res.Input.Q, res.Total); lerr != nil {
			h.log.WarnContext(r.Context(), "log search", "err", lerr)
		}
	}
	p.Data = data
	if r.Header.Get("HX-Request") != "" && r.Header.Get("HX-Target") == "search-results" {
		w.Header().Set("HX-Push-Url", "/search?"+string(p.QueryWith("page", strconv.Itoa(res.Page))))
		return h.renderStatus(w, r, status, "search_results", p)
	}
	mods, err := h.app.SearchModules(r.Context())
	if err != nil {
		return err
	}
	data["Modules"] = mods
	return h.renderStatus(w, r, status, "search", p)
}

// searchSuggest is the top bar's drop-down: the first results as a list.
func (h *Handler) searchSuggest(w http.ResponseWriter, r *http.Request) error {
	in := app.SearchInput{Q: r.URL.Query().Get("q"), Typing: true}
	res, err := h.app.Search(r.Context(), actorOf(r), in)
	p := h.page(r, "search.title")
	data := map[string]any{"R": res}
	if err != nil {
		switch shopdojo.KindOf(err) {
		case shopdojo.KindUnavailable:
			data["Starting"] = true
		case shopdojo.KindInvalid:
			data["R"] = app.SearchResults{}
		default:
			return err
		}
	}
	if len(res.Hits) > 6 {
		res.Hits = res.Hits[:6]
		data["R"] = res
	}
	p.Data = data
	return h.render(w, r, "search_suggest", p)
}

func (h *Handler) searchSynonyms(w http.ResponseWriter, r *http.Request) error {
	return h.synonymsPage(w, r, nil)
}

func (h *Handler) synonymsPage(w http.ResponseWriter, r *http.Request, ferr error) error {
	groups, err := h.app.SynonymGroups(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "search.synonyms_title")
	p.Nav = "search"
	p.Data = map[string]any{"Groups": groups}
	if ferr != nil {
		return h.invalid(w, r, ferr, "search_synonyms", p)
	}
	return h.render(w, r, "search_synonyms", p)
}

func (h *Handler) synonymCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	if _, err := h.app.CreateSynonymGroup(r.Context(), actorOf(r), app.SynonymInput{Terms: r.PostForm.Get("terms")}); err != nil {
		return h.synonymsPage(w, r, err)
	}
	return redirect(w, r, "/search/synonyms", "flash.synonym_saved")
}

func (h *Handler) synonymUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	in := app.SynonymInput{Terms: r.PostForm.Get("terms")}
	if err := h.app.UpdateSynonymGroup(r.Context(), actorOf(r), r.PathValue("id"), in); err != nil {
		return h.synonymsPage(w, r, err)
	}
	return redirect(w, r, "/search/synonyms", "flash.synonym_saved")
}

func (h *Handler) synonymDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeleteSynonymGroup(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		return err
	}
	return redirect(w, r, "/search/synonyms", "flash.synonym_deleted")
}

func (h *Handler) searchInsights(w http.ResponseWriter, r *http.Request) error {
	in, err := h.app.SearchInsights(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "search.insights_title")
	p.Nav = "search"
	p.Data = map[string]any{"I": in}
	return h.render(w, r, "search_insights", p)
}

// learnCase shows a published case (search links to it).
func (h *Handler) learnCase(w http.ResponseWriter, r *http.Request) error {
	c, module, err := h.app.LearningCase(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "search.case_title")
	p.Nav = "curriculum"
	body, files, err := h.textHTML(r, p.L(c.Body, c.BodyEN))
	if err != nil {
		return err
	}
	p.Data = map[string]any{"C": c, "Module": module, "Body": body, "Files": files,
		"Platform": strings.TrimSpace(c.Platform)}
	return h.render(w, r, "learn_case", p)
}
