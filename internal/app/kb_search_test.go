package app_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/search"
)

// searchKB is the titles of the knowledge items a search finds for ac.
func (f kbFixture) searchKB(ac app.Actor, q string) string {
	f.t.Helper()
	res, err := f.app.Search(f.ctx, ac, app.SearchInput{Q: q, Kind: search.KindKB})
	f.must(err)
	var titles []string
	for _, h := range res.Hits {
		titles = append(titles, strings.NewReplacer("<mark>", "", "</mark>", "").Replace(string(h.Title)))
	}
	sort.Strings(titles)
	return strings.Join(titles, " ")
}

// TestKBSearchAgreesWithVisibility: for every kind of reader, search finds
// exactly the items the knowledge base lets them open, and follows edits,
// visibility changes and archiving in the same transaction.
func TestKBSearchAgreesWithVisibility(t *testing.T) {
	f := newKBFixture(t)
	f.must(f.app.LoadSearchDictionary())
	f.item("公开的退款话术", app.KBEveryone)
	ops := f.item("运营部退款复盘", app.KBDepartments, app.KBRef{Kind: "department", ID: f.ops})
	f.item("推广岗退款预算", app.KBPositions, app.KBRef{Kind: "position", ID: f.pos})
	secret := f.item("供应商退款底价表", app.KBConfidential, app.KBRef{Kind: "person", ID: f.inCS.PersonID})
	for who, ac := range map[string]app.Actor{"owner": f.trainer, "other trainer": f.trainer2, "manager": f.mgr,
		"sub-department": f.inTmall, "access list": f.inCS, "position": f.withPos} {
		want := []string{}
		for title := range f.visible(ac) {
			want = append(want, title)
		}
		sort.Strings(want)
		if got := f.searchKB(ac, "退款"); got != strings.Join(want, " ") {
			t.Errorf("%s: search finds %q, the knowledge base shows %q", who, got, want)
		}
	}
	// An edit is searchable at once; the old wording is gone.
	v, err := f.app.GetKB(f.ctx, f.trainer, ops)
	f.must(err)
	f.must(f.app.UpdateKB(f.ctx, f.trainer, ops, app.KBInput{Title: "运营部退款复盘", Body: "直通车关键词出价复盘",
		Visibility: app.KBEveryone, ReviewDays: 30, Note: "公开给所有人", BaseNo: v.VersionNo}))
	if got := f.searchKB(f.inCS, "直通车"); got != "运营部退款复盘" {
		t.Errorf("after the edit (now for everyone) 直通车 finds %q", got)
	}
	if got := f.searchKB(f.inCS, "正文"); strings.Contains(got, "运营部") {
		t.Errorf("the old body is still indexed: %q", got)
	}
	f.must(f.app.ArchiveKB(f.ctx, f.trainer, secret))
	if got := f.searchKB(f.inCS, "底价"); got != "" {
		t.Errorf("an archived item is found: %q", got)
	}
}
