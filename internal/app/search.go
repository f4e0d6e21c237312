package app

import (
	"context"
	"errors"
	"html/template"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/search"
	"github.com/shopdojo/shopdojo/internal/store"
)

// SearchPageSize is how many results a page shows; searchCandidates how
// many best matches (by relevance) are re-ranked with recency and
// popularity.
const (
	SearchPageSize   = 10
	searchCandidates = 200
)

// SearchInput is a search: the words and the filters.
type SearchInput struct {
	Q        string
	Kind     string // one of search.Kinds, or "" for all
	Tag      string
	Module   string
	From, To string // YYYY-MM-DD in the company time zone, inclusive
	Page     int    // from 1
	Typing   bool   // search as you type: the last word is a prefix
}

// SearchHit is one result, title and snippet escaped and marked.
type SearchHit struct {
	Kind, RefID, URL, Module, Platform, Audience string
	Tags                                         []string
	Title, Snippet                               template.HTML
	UpdatedAt                                    time.Time
	Score                                        float64
}

// SearchResults is a page of results.
type SearchResults struct {
	Input      SearchInput
	Hits       []SearchHit
	Total      int // matches the caller may open
	Page       int
	Pages      int
	Terms      []string // the words marked
	Candidates bool     // Total exceeds what was ranked; later pages stop there
	Capped     bool     // Total is the count's cap: there are at least that many
}

func (in *SearchInput) normalize(loc *time.Location) (from, to int64, err error) {
	in.Q = strings.TrimSpace(in.Q)
	in.Tag, in.Module = strings.TrimSpace(in.Tag), strings.TrimSpace(in.Module)
	var v shopdojo.Validation
	v.Check(utf8.RuneCountInString(in.Q) <= search.MaxQueryRunes, "q", "error.too_long")
	v.Check(in.Kind == "" || slices.Contains(search.Kinds, in.Kind), "type", "error.invalid")
	from, to = day(&v, "from", in.From, loc, 0), day(&v, "to", in.To, loc, 1)
	in.Page = max(in.Page, 1)
	return from, to, v.Err()
}

// day parses a YYYY-MM-DD filter into Unix ms at the start of that day
// (plus add days) in the company zone; 0 when empty.
func day(v *shopdojo.Validation, field, s string, loc *time.Location, add int) int64 {
	if s == "" {
		return 0
	}
	t, err := time.ParseInLocation(time.DateOnly, s, loc)
	v.Check(err == nil, field, "error.date_invalid")
	if err != nil {
		return 0
	}
	return t.AddDate(0, 0, add).UnixMilli()
}

// Search finds what the actor may open: every filter and the access check
// are applied in SQL, relevance comes from the text index and is blended
// with recency and popularity here. While the dictionary is still loading
// a search waits a few seconds, then is refused as unavailable
// ("search.starting") rather than loading it on the request path.
func (a *App) Search(ctx context.Context, ac Actor, in SearchInput) (SearchResults, error) {
	res := SearchResults{Input: in, Page: 1}
	if ac.PersonID == "" && !ac.System {
		return res, shopdojo.ErrUnauth
	}
	from, to, err := in.normalize(a.opt.Location)
	res.Input = in
	if err != nil || in.Q == "" {
		return res, err
	}
	if err := a.search.seg.Wait(ctx, a.search.wait); err != nil {
		if errors.Is(err, search.ErrNotReady) {
			return res, shopdojo.E(shopdojo.KindUnavailable, "search.starting")
		}
		return res, err
	}
	syn, err := a.synonymSet(ctx)
	if err != nil {
		return res, err
	}
	q := a.search.seg.Parse(in.Q, syn, in.Typing)
	pr, err := a.principals(ctx, ac)
	if err != nil {
		return res, err
	}
	p := store.SearchParams{Query: q, Principals: pr, Tag: in.Tag, Module: in.Module, From: from, To: to,
		Limit: searchCandidates}
	if in.Kind != "" {
		p.Kinds = []string{in.Kind}
	}
	hits, total, err := a.store.Search().Match(ctx, p)
	if err != nil {
		return res, err
	}
	res.Total, res.Candidates, res.Capped = total, total > len(hits), total >= store.SearchCountCap
	res.Pages = max(1, (min(total, searchCandidates)+SearchPageSize-1)/SearchPageSize)
	res.Page = min(in.Page, res.Pages)
	a.rank(hits)
	page := hits[min(len(hits), (res.Page-1)*SearchPageSize):min(len(hits), res.Page*SearchPageSize)]
	res.Hits, res.Terms, err = a.searchHits(ctx, page, q)
	return res, err
}

// kindWeight: bank questions are short (so text relevance favours them)
// and are practice, not answers; they rank behind reading material.
var kindWeight = map[string]float64{search.KindQuestion: 0.6}

// rank orders hits by relevance blended with recency and popularity.
func (a *App) rank(hits []store.SearchHit) {
	now := a.now()
	score := make(map[string]float64, len(hits))
	for _, h := range hits {
		w := 1.0
		if k, _, ok := strings.Cut(h.ID, ":"); ok && kindWeight[k] != 0 {
			w = kindWeight[k]
		}
		score[h.ID] = w * search.Score(h.Relevance, now.Sub(fromMs(h.UpdatedAt)), h.Views)
	}
	sort.SliceStable(hits, func(i, j int) bool { return score[hits[i].ID] > score[hits[j].ID] })
	for i := range hits {
		hits[i].Relevance = score[hits[i].ID]
	}
}

// searchHits reads a page's documents and marks their titles and snippets.
func (a *App) searchHits(ctx context.Context, page []store.SearchHit, q search.Query) ([]SearchHit, []string, error) {
	ids := make([]string, len(page))
	for i, h := range page {
		ids[i] = h.ID
	}
	docs, err := a.store.Search().Docs(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[string]store.SearchDoc, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	var out []SearchHit
	var all []string
	for _, h := range page {
		d, ok := byID[h.ID]
		if !ok {
			continue
		}
		terms := a.search.seg.MarkTerms(d.Title+"\n"+d.Body, q)
		all = append(all, terms...)
		out = append(out, SearchHit{Kind: d.Kind, RefID: d.RefID, URL: d.URL, Module: d.Module, Platform: d.Platform,
			Audience: d.Audience, Tags: d.Tags, Title: search.Highlight(d.Title, terms),
			Snippet: search.Snippet(d.Body, terms), UpdatedAt: fromMs(d.UpdatedAt), Score: h.Relevance})
	}
	slices.Sort(all)
	return out, slices.Compact(all), nil
}

// principals are what the actor holds for the access check: everyone,
// their person id, department and its parents, position, groups, roles and
// permissions. The system actor (command line) holds the admin role's.
func (a *App) principals(ctx context.Context, ac Actor) ([]string, error) {
	key := ac.PersonID + "|" + rolesKey(ac.Roles)
	now := a.now()
	if pr, ok := a.search.principals.get(key, a.store.Gen(), now); ok {
		return pr, nil
	}
	pr := []string{search.PrincipalEveryone}
	for _, r := range ac.Roles {
		pr = append(pr, search.Principal("role", string(r)))
	}
	for _, p := range shopdojo.PermissionsOf(ac.Roles) {
		pr = append(pr, search.Principal("perm", string(p)))
	}
	if ac.PersonID != "" {
		pr = append(pr, search.Principal("person", ac.PersonID))
		var rows []string
		if err := a.store.Read(ctx, func(q *store.Queries) (err error) {
			rows, err = q.SearchPrincipalRows(ctx, ac.PersonID)
			return
		}); err != nil {
			return nil, err
		}
		pr = append(pr, rows...)
	}
	a.search.principals.put(key, pr, a.store.Gen(), now)
	return pr, nil
}

func rolesKey(rs []shopdojo.Role) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

// SearchPrincipals are the principals the actor holds (shown to admins
// and used by tests).
func (a *App) SearchPrincipals(ctx context.Context, ac Actor) ([]string, error) {
	return a.principals(ctx, ac)
}

// OpenedSearchResult counts a view of a document for popularity.
func (a *App) OpenedSearchResult(ctx context.Context, kind, refID string) error {
	return a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		return tx.BumpSearchDocViews(ctx, search.Doc{Kind: kind, RefID: refID}.ID())
	})
}
