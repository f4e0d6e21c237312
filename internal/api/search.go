package api

import (
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo/internal/app"
)

type searchHitDTO struct {
	Type        string    `json:"type"`
	ID          string    `json:"id"`
	URL         string    `json:"url"`
	Title       string    `json:"title"`
	TitleHTML   string    `json:"title_html"`
	Snippet     string    `json:"snippet"`
	SnippetHTML string    `json:"snippet_html"`
	Module      string    `json:"module"`
	Platform    string    `json:"platform"`
	Tags        []string  `json:"tags"`
	Audience    string    `json:"audience"`
	UpdatedAt   time.Time `json:"updated_at"`
	Score       float64   `json:"score"`
}

type searchDTO struct {
	Query string         `json:"query"`
	Total int            `json:"total"`
	Page  int            `json:"page"`
	Pages int            `json:"pages"`
	Items []searchHitDTO `json:"items"`
}

// search answers GET /api/v1/search: what the caller may open.
func (h *Handler) search(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	res, err := h.app.Search(r.Context(), actorOf(r), app.SearchInput{Q: q.Get("q"), Kind: q.Get("type"),
		Tag: q.Get("tag"), Module: q.Get("module"), From: q.Get("from"), To: q.Get("to"), Page: page})
	if err == nil && res.Input.Q != "" {
		err = h.app.LogSearch(r.Context(), actorOf(r), res.Input.Q, res.Total)
	}
	return respond(w, http.StatusOK, "", toSearch(res), err)
}

func toSearch(res app.SearchResults) searchDTO {
	out := searchDTO{Query: res.Input.Q, Total: res.Total, Page: res.Page, Pages: res.Pages, Items: []searchHitDTO{}}
	for _, hit := range res.Hits {
		tags := hit.Tags
		if tags == nil {
			tags = []string{}
		}
		out.Items = append(out.Items, searchHitDTO{Type: hit.Kind, ID: hit.RefID, URL: hit.URL,
			Title: unmark(string(hit.Title)), TitleHTML: string(hit.Title), Snippet: unmark(string(hit.Snippet)),
			SnippetHTML: string(hit.Snippet), Module: hit.Module, Platform: hit.Platform, Tags: tags,
			Audience: hit.Audience, UpdatedAt: hit.UpdatedAt, Score: hit.Score})
	}
	return out
}

// unmark turns a marked snippet back into plain text.
func unmark(s string) string {
	return html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s))
}
