package app_test

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/search"
	"github.com/shopdojo/shopdojo/internal/store"
)

// testSegmenter is shared by the package's apps, so the dictionary is
// loaded at most once per test binary, by the first test that searches.
var testSegmenter = search.NewSegmenter()

type fixtureDoc struct {
	ID, Kind, Module, Platform, Title, Body string
	Tags, Principals                        []string
	Days                                    int
}

type searchEnv struct {
	*env
	actors map[string]app.Actor
}

// newSearchEnv indexes the regression corpus as a source would, with the
// starter synonyms, and makes the people the queries run as.
func newSearchEnv(t *testing.T) *searchEnv {
	e := newEnv(t)
	e.must(e.app.LoadSearchDictionary())
	_, mgr := e.person("SM1", "许晴", "", shopdojo.RoleTrainingManager)
	cs, err := e.app.CreateDepartment(e.ctx, mgr, app.DepartmentInput{Name: "客服部"})
	e.must(err)
	ops, err := e.app.CreateDepartment(e.ctx, mgr, app.DepartmentInput{Name: "运营部"})
	e.must(err)
	se := &searchEnv{env: e, actors: map[string]app.Actor{"manager": mgr}}
	_, se.actors["learner"] = e.person("SL1", "王芳", cs, shopdojo.RoleLearner)
	_, se.actors["outsider"] = e.person("SL2", "李雷", ops, shopdojo.RoleLearner)
	_, se.actors["trainer"] = e.person("ST1", "周敏", "", shopdojo.RoleTrainer)
	_, err = e.app.SeedSynonyms(e.ctx, mgr)
	e.must(err)
	b, err := os.ReadFile("testdata/search/docs.yaml")
	e.must(err)
	var docs []fixtureDoc
	e.must(yaml.Unmarshal(b, &docs))
	vars := strings.NewReplacer("$CS", cs, "$MGR", mgr.PersonID)
	e.must(e.store.Tx(e.ctx, func(tx *store.Tx) error {
		for _, d := range docs {
			var pr []string
			for _, p := range d.Principals {
				pr = append(pr, vars.Replace(p))
			}
			if err := e.app.IndexDoc(e.ctx, tx, search.Doc{Kind: d.Kind, RefID: d.ID, Title: d.Title, Body: d.Body,
				Tags: d.Tags, Module: d.Module, Platform: d.Platform, Principals: pr, URL: "/x/" + d.ID,
				UpdatedAt: e.now.AddDate(0, 0, -d.Days)}); err != nil {
				return err
			}
		}
		return nil
	}))
	return se
}

// allHits runs a search as a person types it and returns every result's
// ref id, page by page.
func (se *searchEnv) allHits(t *testing.T, ac app.Actor, q string) []string {
	t.Helper()
	var ids []string
	for page := 1; ; page++ {
		res, err := se.app.Search(se.ctx, ac, app.SearchInput{Q: q, Page: page, Typing: true})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.RefID)
		}
		if page >= res.Pages {
			return ids
		}
	}
}

func TestSearchRegression(t *testing.T) {
	se := newSearchEnv(t)
	f, err := os.Open("testdata/search/queries.txt")
	se.must(err)
	defer f.Close()
	lines := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lines++
		q, want, _ := strings.Cut(line, "→")
		q = strings.TrimSpace(q)
		role := "learner"
		if strings.HasPrefix(q, "@") {
			r, rest, _ := strings.Cut(q, " ")
			role, q = r[1:], strings.TrimSpace(rest)
		}
		ids := se.allHits(t, se.actors[role], q)
		top := ids[:min(5, len(ids))]
		for _, w := range strings.Fields(want) {
			if id, ok := strings.CutPrefix(w, "!"); ok {
				if slices.Contains(ids, id) {
					t.Errorf("%s: %q as %s shows %s, which they may not open", se.store.Dialect, q, role, id)
				}
			} else if !slices.Contains(top, w) {
				t.Errorf("%s: %q as %s: %s not in the top 5 %v", se.store.Dialect, q, role, w, top)
			}
		}
	}
	if lines < 40 {
		t.Fatalf("only %d regression lines", lines)
	}
}

func TestSearchSnippetsAndFilters(t *testing.T) {
	se := newSearchEnv(t)
	res, err := se.app.Search(se.ctx, se.actors["learner"], app.SearchInput{Q: "退款"})
	se.must(err)
	if res.Total == 0 || !strings.Contains(string(res.Hits[0].Snippet), "<mark>退款</mark>") {
		t.Fatalf("first hit %+v", res.Hits)
	}
	res, err = se.app.Search(se.ctx, se.actors["learner"], app.SearchInput{Q: "退款", Kind: search.KindSOP})
	se.must(err)
	for _, h := range res.Hits {
		if h.Kind != search.KindSOP {
			t.Errorf("kind filter let %s through", h.Kind)
		}
	}
	res, err = se.app.Search(se.ctx, se.actors["learner"], app.SearchInput{Q: "客服", Tag: "FAQ", Module: "m05"})
	se.must(err)
	if len(res.Hits) != 2 {
		t.Errorf("tag and module filter: %+v", res.Hits)
	}
	for _, h := range res.Hits {
		if !slices.Contains(h.Tags, "FAQ") || h.Module != "m05" {
			t.Errorf("tag and module filter let %+v through", h)
		}
	}
	from := se.now.AddDate(0, 0, -5).In(se.app.Location()).Format(time.DateOnly)
	res, err = se.app.Search(se.ctx, se.actors["learner"], app.SearchInput{Q: "退款", From: from})
	se.must(err)
	if len(res.Hits) != 1 || res.Hits[0].RefID != "d32" {
		t.Errorf("date filter: %+v", res.Hits)
	}
	_, err = se.app.Search(se.ctx, se.actors["learner"], app.SearchInput{Q: "x", From: "2026-13-01"})
	if kind(err) != shopdojo.KindInvalid {
		t.Errorf("bad date: %v", err)
	}
}

func TestSearchSynonymsEditable(t *testing.T) {
	se := newSearchEnv(t)
	learner, mgr := se.actors["learner"], se.actors["manager"]
	if ids := se.allHits(t, learner, "售后SOP"); slices.Contains(ids, "d39") {
		t.Fatal("d39 found before the synonym")
	}
	_, err := se.app.CreateSynonymGroup(se.ctx, learner, app.SynonymInput{Terms: "换货 = 退换货"})
	if kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner edits synonyms: %v", err)
	}
	_, err = se.app.CreateSynonymGroup(se.ctx, mgr, app.SynonymInput{Terms: "只有一个"})
	if kind(err) != shopdojo.KindInvalid {
		t.Fatalf("one-word group: %v", err)
	}
	id, err := se.app.CreateSynonymGroup(se.ctx, mgr, app.SynonymInput{Terms: "换新 = 换货"})
	se.must(err)
	if ids := se.allHits(t, learner, "换新"); !slices.Contains(ids, "d39") {
		t.Errorf("换新 = 换货 does not find d39: %v", ids)
	}
	se.must(se.app.DeleteSynonymGroup(se.ctx, mgr, id))
	if ids := se.allHits(t, learner, "换新"); slices.Contains(ids, "d39") {
		t.Errorf("deleted synonym still applies")
	}
}

func TestSearchInsights(t *testing.T) {
	se := newSearchEnv(t)
	learner := se.actors["learner"]
	for _, q := range []string{"发票", "发票怎么开", "退款"} {
		res, err := se.app.Search(se.ctx, learner, app.SearchInput{Q: q})
		se.must(err)
		se.must(se.app.LogSearch(se.ctx, learner, q, res.Total))
	}
	se.now = se.now.Add(time.Minute)
	se.must(se.app.LogSearch(se.ctx, learner, "开票", 0))
	se.must(se.store.Tx(se.ctx, func(tx *store.Tx) error {
		return se.app.NoteQuestionAfterSearch(se.ctx, tx, learner.PersonID, se.now.Add(time.Minute))
	}))
	_, err := se.app.SearchInsights(se.ctx, learner)
	if kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner reads insights: %v", err)
	}
	in, err := se.app.SearchInsights(se.ctx, se.actors["trainer"])
	se.must(err)
	var zero []string
	for _, z := range in.ZeroResults {
		zero = append(zero, z.Query)
	}
	// "发票" was still being typed into "发票怎么开": one row.
	if !slices.Equal(zero, []string{"开票", "发票怎么开"}) && !slices.Equal(zero, []string{"发票怎么开", "开票"}) {
		t.Errorf("zero results %v", zero)
	}
	if len(in.AskedAfter) != 3 {
		t.Errorf("asked after %+v", in.AskedAfter)
	}
}

func TestSearchStartingAndSources(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("SM1", "许晴", "", shopdojo.RoleTrainingManager)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	cold := app.New(e.store, app.Options{Clock: func() time.Time { return e.now }, SearchWait: 20 * time.Millisecond,
		Segmenter: search.NewSegmenter()})
	_, err = cold.Search(e.ctx, mgr, app.SearchInput{Q: "退款"})
	if kind(err) != shopdojo.KindUnavailable || cold.SearchReady() {
		t.Fatalf("search before the dictionary: %v (ready %v)", err, cold.SearchReady())
	}
	e.must(e.app.LoadSearchDictionary())
	n, err := e.app.IndexSources(e.ctx)
	e.must(err)
	if n < 50 {
		t.Fatalf("indexed %d curriculum documents", n)
	}
	if n, _ := e.app.IndexSources(e.ctx); n != 0 {
		t.Errorf("unchanged sources reindexed %d", n)
	}
	// A restart (or a second node) finds the stamps stored with the index.
	restarted := app.New(e.store, app.Options{Clock: func() time.Time { return e.now }, Segmenter: testSegmenter})
	if n, err := restarted.IndexSources(e.ctx); err != nil || n != 0 {
		t.Errorf("a restarted app reindexed %d unchanged documents (%v)", n, err)
	}
	if n, err := restarted.EnsureSearchIndex(e.ctx, true); err != nil || n < 50 {
		t.Errorf("a forced reindex wrote %d documents (%v)", n, err)
	}
	res, err := e.app.Search(e.ctx, mgr, app.SearchInput{Q: "退款"})
	e.must(err)
	if res.Total == 0 || !strings.HasPrefix(res.Hits[0].URL, "/learn/") {
		t.Fatalf("curriculum search: %d %+v", res.Total, res.Hits)
	}
}

func TestDemoSearch(t *testing.T) {
	e := newEnv(t)
	_, err := e.app.SeedDemo(e.ctx)
	e.must(err)
	e.must(e.app.LoadSearchDictionary())
	_, err = e.app.IndexSources(e.ctx)
	e.must(err)
	in, err := e.app.SearchInsights(e.ctx, e.sys)
	e.must(err)
	if len(in.ZeroResults) != 3 || in.ZeroResults[0].Times != 2 || in.ZeroResults[2].Query != "1688 一件代发" {
		t.Errorf("demo zero-result list %+v", in.ZeroResults)
	}
	if len(in.AskedAfter) != 2 {
		t.Errorf("demo searched-then-asked list %+v", in.AskedAfter)
	}
	learner, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, "SD1003")
	e.must(err)
	ac, err := e.app.ActorFor(e.ctx, learner.ID)
	e.must(err)
	res, err := e.app.Search(e.ctx, ac, app.SearchInput{Q: "客服"})
	e.must(err)
	for _, h := range res.Hits {
		if h.Kind == search.KindQuestion {
			t.Errorf("a learner sees question %s", h.RefID)
		}
	}
	if res.Total < 5 {
		t.Errorf("demo 客服: %d results", res.Total)
	}
}
