package app_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

type kbFixture struct {
	*env
	ops, tmall, cs    string // departments: 运营部 > 天猫组; 客服部
	pos               string // a position
	trainer, trainer2 app.Actor
	mgr               app.Actor
	inTmall, inCS     app.Actor // learners
	withPos           app.Actor
}

func newKBFixture(t *testing.T) kbFixture {
	e := newEnv(t)
	f := kbFixture{env: e}
	var err error
	f.ops, err = e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "运营部"})
	e.must(err)
	f.tmall, err = e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "天猫组", ParentID: f.ops})
	e.must(err)
	f.cs, err = e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "客服部"})
	e.must(err)
	f.pos, err = e.app.CreatePosition(e.ctx, e.sys, app.PositionInput{Name: "推广专员"})
	e.must(err)
	_, f.trainer = e.person("T1", "讲师甲", "", shopdojo.RoleTrainer)
	_, f.trainer2 = e.person("T2", "讲师乙", "", shopdojo.RoleTrainer)
	_, f.mgr = e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, f.inTmall = e.person("L1", "天猫学员", f.tmall, shopdojo.RoleLearner)
	_, f.inCS = e.person("L2", "客服学员", f.cs, shopdojo.RoleLearner)
	id, err := e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: "L3", Name: "推广学员", PositionID: f.pos,
		DepartmentID: f.cs, Status: shopdojo.StatusActive, Roles: []shopdojo.Role{shopdojo.RoleLearner}})
	e.must(err)
	f.withPos, err = e.app.ActorFor(e.ctx, id)
	e.must(err)
	return f
}

func (f kbFixture) item(title, vis string, aud ...app.KBRef) string {
	f.t.Helper()
	id, err := f.app.CreateKB(f.ctx, f.trainer, app.KBInput{Kind: app.KBArticle, Title: title, Body: "正文：" + title,
		Visibility: vis, Audience: aud, ReviewDays: 30})
	f.must(err)
	return id
}

func (f kbFixture) visible(ac app.Actor) map[string]bool {
	f.t.Helper()
	l, err := f.app.ListKB(f.ctx, ac, app.KBFilter{Limit: 100})
	f.must(err)
	out := map[string]bool{}
	for _, it := range l.Items {
		out[it.Title] = true
	}
	return out
}

func TestKBVisibility(t *testing.T) {
	f := newKBFixture(t)
	f.item("公开", app.KBEveryone)
	f.item("运营部专享", app.KBDepartments, app.KBRef{Kind: "department", ID: f.ops})
	f.item("推广岗", app.KBPositions, app.KBRef{Kind: "position", ID: f.pos})
	secret := f.item("供应商底价表", app.KBConfidential, app.KBRef{Kind: "person", ID: f.inCS.PersonID})
	cases := []struct {
		who  string
		ac   app.Actor
		want string
	}{
		{"owner", f.trainer, "公开 运营部专享 推广岗 供应商底价表"},
		{"other trainer", f.trainer2, "公开"},
		{"manager", f.mgr, "公开 运营部专享 推广岗"},
		{"learner in a sub-department", f.inTmall, "公开 运营部专享"},
		{"learner on the access list", f.inCS, "公开 供应商底价表"},
		{"learner with the position", f.withPos, "公开 推广岗"},
	}
	for _, c := range cases {
		got := f.visible(c.ac)
		for _, title := range strings.Fields(c.want) {
			if !got[title] {
				t.Errorf("%s does not see %s", c.who, title)
			}
		}
		if len(got) != len(strings.Fields(c.want)) {
			t.Errorf("%s sees %v, want %s", c.who, got, c.want)
		}
	}
	if _, err := f.app.GetKB(f.ctx, f.inTmall, secret); kind(err) != shopdojo.KindNotFound {
		t.Errorf("outsider reading a confidential item: %v, want not found", err)
	}
	if _, err := f.app.GetKB(f.ctx, f.mgr, secret); kind(err) != shopdojo.KindNotFound {
		t.Errorf("manager off the list reading a confidential item: %v, want not found", err)
	}
	v, err := f.app.GetKB(f.ctx, f.inCS, secret)
	f.must(err)
	everyone, ps := v.Item.SearchPrincipals()
	if everyone || strings.Join(ps, " ") != "person:"+f.trainer.PersonID+" person:"+f.inCS.PersonID {
		t.Errorf("principals of the confidential item: %v %v", everyone, ps)
	}
}

func TestKBFilesFollowTheItem(t *testing.T) {
	f := newKBFixture(t)
	file, err := f.app.UploadKBFile(f.ctx, f.trainer, "底价.pdf", strings.NewReader("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"))
	f.must(err)
	if _, _, err := f.app.OpenFile(f.ctx, f.inCS, file.ID); kind(err) != shopdojo.KindNotFound {
		t.Errorf("someone else's unsaved upload: %v, want not found", err)
	}
	_, err = f.app.CreateKB(f.ctx, f.trainer, app.KBInput{Kind: app.KBTemplate, Title: "底价表", Body: "仅采购可见。",
		Visibility: app.KBConfidential, Audience: []app.KBRef{{Kind: "person", ID: f.inCS.PersonID}}, Files: []string{file.ID}})
	f.must(err)
	if _, _, err := f.app.OpenFile(f.ctx, f.inTmall, file.ID); kind(err) != shopdojo.KindNotFound {
		t.Errorf("outsider opening a confidential item's file: %v, want not found", err)
	}
	for _, ac := range []app.Actor{f.inCS, f.trainer} {
		_, obj, err := f.app.OpenFile(f.ctx, ac, file.ID)
		f.must(err)
		obj.Close()
	}
	// Another trainer cannot make the file public by attaching its id, or
	// linking it, from an item of their own.
	for _, in := range []app.KBInput{{Files: []string{file.ID}}, {Body: "![x](/files/" + file.ID + ")"}} {
		in.Kind, in.Title, in.Visibility = app.KBArticle, "转存", app.KBEveryone
		if in.Body == "" {
			in.Body = "见附件"
		}
		if _, err := f.app.CreateKB(f.ctx, f.trainer2, in); kind(err) != shopdojo.KindInvalid {
			t.Errorf("attaching someone else's confidential file: %v, want invalid", err)
		}
	}
	if _, _, err := f.app.OpenFile(f.ctx, f.trainer2, file.ID); kind(err) != shopdojo.KindNotFound {
		t.Errorf("the other trainer opens the file: %v", err)
	}
}

func TestKBVersionsAndRollback(t *testing.T) {
	f := newKBFixture(t)
	id := f.item("退款率排查", app.KBEveryone)
	v, err := f.app.GetKB(f.ctx, f.trainer, id)
	f.must(err)
	in := app.KBInput{Title: "退款率过高的排查步骤", Body: "第一步：看退款原因分布。", TitleEN: "Finding why refunds are high",
		BodyEN: "Step one: reasons.", Visibility: app.KBEveryone, ReviewDays: 30, BaseNo: v.VersionNo}
	if err := f.app.UpdateKB(f.ctx, f.trainer, id, in); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("edit without a change note: %v, want invalid", err)
	}
	in.Note = "补充排查步骤"
	f.must(f.app.UpdateKB(f.ctx, f.trainer, id, in))
	if err := f.app.UpdateKB(f.ctx, f.trainer, id, in); kind(err) != shopdojo.KindConflict {
		t.Errorf("edit from a stale version: %v, want conflict", err)
	}
	v, err = f.app.GetKB(f.ctx, f.inTmall, id)
	f.must(err)
	if v.VersionNo != 2 || v.Item.Title != "退款率过高的排查步骤" || v.Doc.BodyEN != "Step one: reasons." || v.Item.TitleEN == "" {
		t.Fatalf("after the edit: %+v %+v", v.Item, v.Doc)
	}
	c, err := f.app.CompareVersions(f.ctx, f.trainer, v.Item.MaterialID, 1, 2)
	f.must(err)
	if !c.TitleChanged || c.Stats.Added == 0 {
		t.Errorf("diff: %+v", c.Stats)
	}
	if _, err := f.app.RollbackVersion(f.ctx, f.trainer, v.Item.MaterialID, 1, "回到初稿"); err != nil {
		t.Fatal(err)
	}
	v, err = f.app.GetKB(f.ctx, f.inTmall, id)
	f.must(err)
	if v.VersionNo != 3 || v.Item.Title != "退款率排查" || v.Doc.Body != "正文：退款率排查" {
		t.Errorf("after roll-back: v%d %q %q", v.VersionNo, v.Item.Title, v.Doc.Body)
	}
	if _, err := f.app.Versions(f.ctx, f.inTmall, v.Item.MaterialID); err == nil {
		t.Error("a learner listed versions")
	}
}

func TestKBReviewDue(t *testing.T) {
	f := newKBFixture(t)
	id := f.item("客服3分钟响应率", app.KBEveryone) // reviewed 2026-03-02, every 30 days
	// 2026-03-31 23:00 in Shanghai: not yet due.
	f.now = time.Date(2026, 3, 31, 15, 0, 0, 0, time.UTC)
	if n := f.app.KBDueCount(f.ctx, f.trainer); n != 0 {
		t.Errorf("due count on the eve: %d", n)
	}
	// 2026-04-01 01:00 in Shanghai (still March 31 in UTC): due.
	f.now = time.Date(2026, 3, 31, 17, 0, 0, 0, time.UTC)
	v, err := f.app.GetKB(f.ctx, f.inCS, id)
	f.must(err)
	if !v.Item.Due || f.app.KBDueCount(f.ctx, f.trainer) != 1 {
		t.Errorf("not due at 01:00 Beijing: %+v", v.Item)
	}
	list, err := f.app.KBReviews(f.ctx, f.mgr)
	f.must(err)
	if len(list) != 1 {
		t.Errorf("manager's review list: %d items", len(list))
	}
	if list, _ := f.app.KBReviews(f.ctx, f.inCS); len(list) != 0 {
		t.Errorf("a learner's review list has %d items", len(list))
	}
	if err := f.app.MarkKBReviewed(f.ctx, f.inCS, id); kind(err) != shopdojo.KindForbidden {
		t.Errorf("learner marking reviewed: %v", err)
	}
	f.must(f.app.MarkKBReviewed(f.ctx, f.trainer, id))
	v, err = f.app.GetKB(f.ctx, f.inCS, id)
	f.must(err)
	if v.Item.Due || v.Item.ReviewedOn != "2026-04-01" || v.Item.NextReviewOn != "2026-05-01" {
		t.Errorf("after review: %+v", v.Item)
	}
	events, _, err := f.app.ListAudit(f.ctx, f.sys, app.AuditFilter{Action: "kb.reviewed"})
	f.must(err)
	if len(events) != 1 {
		t.Errorf("%d kb.reviewed events", len(events))
	}
}

func TestKBQuestionToFAQ(t *testing.T) {
	f := newKBFixture(t)
	id := f.item("运费险说明", app.KBDepartments, app.KBRef{Kind: "department", ID: f.ops})
	if _, err := f.app.Ask(f.ctx, f.inCS, "kb", id, "能看吗？"); kind(err) != shopdojo.KindNotFound {
		t.Errorf("asking on an unreadable item: %v", err)
	}
	if _, err := f.app.Ask(f.ctx, f.inTmall, "kb", id, "  "); kind(err) != shopdojo.KindInvalid {
		t.Errorf("empty question: %v", err)
	}
	qid, err := f.app.Ask(f.ctx, f.inTmall, "kb", id, "买家拒收时运费险还赔吗？")
	f.must(err)
	if n := f.app.OpenQuestionCount(f.ctx, f.trainer); n != 1 {
		t.Errorf("owner's open questions: %d", n)
	}
	if err := f.app.AnswerQuestion(f.ctx, f.trainer2, qid, "我来答"); kind(err) != shopdojo.KindNotFound {
		t.Errorf("a trainer who cannot read the item answered: %v", err)
	}
	if _, err := f.app.PromoteQuestion(f.ctx, f.trainer, qid, ""); kind(err) != shopdojo.KindConflict {
		t.Errorf("promoting an open question: %v", err)
	}
	f.must(f.app.AnswerQuestion(f.ctx, f.trainer, qid, "拒收属于买家原因，运费险按保单规则理赔退回运费。"))
	faq, err := f.app.PromoteQuestion(f.ctx, f.trainer, qid, "拒收时运费险怎么赔")
	f.must(err)
	v, err := f.app.GetKB(f.ctx, f.inTmall, faq)
	f.must(err)
	if v.Item.Kind != app.KBFAQ || v.Item.Visibility != app.KBDepartments || !strings.Contains(v.Doc.Body, "运费险") {
		t.Errorf("FAQ: %+v %q", v.Item, v.Doc.Body)
	}
	mine, err := f.app.ListQuestions(f.ctx, f.inTmall)
	f.must(err)
	if len(mine.Mine) != 1 || mine.Mine[0].Status != "promoted" || mine.Mine[0].FAQItemID != faq || mine.Mine[0].Answer == "" {
		t.Errorf("asker's list: %+v", mine.Mine)
	}
	if _, err := f.app.PromoteQuestion(f.ctx, f.trainer, qid, ""); kind(err) != shopdojo.KindConflict {
		t.Errorf("promoting twice: %v", err)
	}
}

func TestKBValidation(t *testing.T) {
	f := newKBFixture(t)
	bad := []struct {
		in    app.KBInput
		field string
	}{
		{app.KBInput{Kind: app.KBArticle, Body: "x", Visibility: app.KBEveryone}, "title"},
		{app.KBInput{Kind: app.KBArticle, Title: "x", Visibility: app.KBEveryone}, "body"},
		{app.KBInput{Kind: "wiki", Title: "x", Body: "x", Visibility: app.KBEveryone}, "kind"},
		{app.KBInput{Kind: app.KBArticle, Title: "x", Body: "x", Visibility: app.KBDepartments}, "audience"},
		{app.KBInput{Kind: app.KBTemplate, Title: "x", Body: "x", Visibility: app.KBEveryone}, "files"},
		{app.KBInput{Kind: app.KBArticle, Title: "x", Body: "x", Visibility: app.KBEveryone, ReviewDays: -1}, "review_days"},
		{app.KBInput{Kind: app.KBArticle, Title: "x", Body: "x", Visibility: app.KBEveryone,
			Rules: []app.KBRule{{Name: "规则", URL: "javascript:alert(1)"}}}, "rules"},
		{app.KBInput{Kind: app.KBArticle, Title: "x", Body: "x", Visibility: app.KBEveryone, CategoryID: "nope"}, "category"},
	}
	for _, c := range bad {
		_, err := f.app.CreateKB(f.ctx, f.trainer, c.in)
		var de *shopdojo.Error
		if !errors.As(err, &de) || de.Kind != shopdojo.KindInvalid || de.Fields[c.field] == "" {
			t.Errorf("%+v: %v, want invalid %s", c.in, err, c.field)
		}
	}
	if _, err := f.app.CreateKB(f.ctx, f.inCS, app.KBInput{Kind: app.KBArticle, Title: "x", Body: "x",
		Visibility: app.KBEveryone}); kind(err) != shopdojo.KindForbidden {
		t.Errorf("learner creating: %v", err)
	}
	if l, _ := f.app.ListKB(f.ctx, f.trainer, app.KBFilter{}); l.Total != 0 {
		t.Errorf("%d items stored from bad input", l.Total)
	}
	if events, _, _ := f.app.ListAudit(f.ctx, f.sys, app.AuditFilter{Action: "kb.create"}); len(events) != 0 {
		t.Errorf("%d audit events from bad input", len(events))
	}
}

func TestKBCaseDocRoundTrip(t *testing.T) {
	parts := map[string]string{"background": "双11前备货", "data": "| 指标 | 值 |\n|---|---|\n| 退款率 | 18% |",
		"lessons": "先看数据再动手"}
	body := app.CaseBody("zh", parts)
	doc := app.ParseKBDoc(app.FormatKBDoc(app.KBDoc{TitleEN: "Case", Body: body, BodyEN: app.CaseBody("en", map[string]string{"results": "ok"})}))
	got := app.CaseSections("zh", doc.Body)
	for k, v := range parts {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	if app.CaseSections("en", doc.BodyEN)["results"] != "ok" || doc.TitleEN != "Case" {
		t.Errorf("English: %+v", doc)
	}
}

func TestDemoKnowledgeBase(t *testing.T) {
	e := newEnv(t)
	e.now = time.Now()
	_, err := e.app.SeedDemo(e.ctx)
	e.must(err)
	actor := func(no string) app.Actor {
		p, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, no)
		e.must(err)
		ac, err := e.app.ActorFor(e.ctx, p.ID)
		e.must(err)
		return ac
	}
	all, err := e.app.ListKB(e.ctx, actor("SD9001"), app.KBFilter{Limit: 100})
	e.must(err)
	if all.Total < 25 {
		t.Errorf("demo has %d items", all.Total)
	}
	learner, err := e.app.ListKB(e.ctx, actor("SD1003"), app.KBFilter{Limit: 100})
	e.must(err)
	for _, it := range learner.Items {
		if it.Confidential() {
			t.Errorf("learner sees %s", it.Title)
		}
	}
	due, err := e.app.KBReviews(e.ctx, actor("SD9001"))
	e.must(err)
	if len(due) == 0 || e.app.KBBadge(e.ctx, actor("SD9002")) == 0 {
		t.Errorf("no demo item due for review (%d)", len(due))
	}
	qs, err := e.app.ListQuestions(e.ctx, actor("SD9002"))
	e.must(err)
	promoted, open := 0, 0
	for _, q := range qs.ToAnswer {
		if q.Status == "promoted" {
			promoted++
		} else if q.Status == "open" {
			open++
		}
	}
	if promoted != 1 || open < 2 {
		t.Errorf("demo questions: %d promoted, %d open", promoted, open)
	}
}

func TestKBTemplateVersionsKeepTheirFiles(t *testing.T) {
	f := newKBFixture(t)
	up := func(name string) string {
		file, err := f.app.UploadKBFile(f.ctx, f.trainer, name, strings.NewReader("PK\x03\x04\x14\x00\x06\x00"+name))
		f.must(err)
		return file.ID
	}
	v1, v2 := up("排期表.xlsx"), up("排期表-v2.xlsx")
	in := app.KBInput{Kind: app.KBTemplate, Title: "大促排期表", Body: "倒排节点。", Visibility: app.KBEveryone, Files: []string{v1}}
	id, err := f.app.CreateKB(f.ctx, f.trainer, in)
	f.must(err)
	in.Files, in.Note, in.BaseNo = []string{v2}, "加复盘列", 1
	f.must(f.app.UpdateKB(f.ctx, f.trainer, id, in))
	v, err := f.app.GetKB(f.ctx, f.inCS, id)
	f.must(err)
	if len(v.Files) != 1 || v.Files[0].ID != v2 || len(v.History) != 1 || v.History[0].ID != v1 || v.History[0].VersionNo != 1 {
		t.Fatalf("v2: files %+v, history %+v", v.Files, v.History)
	}
	if _, _, err := f.app.OpenFile(f.ctx, f.inCS, v1); err != nil {
		t.Errorf("the earlier version's file: %v", err)
	}
	_, err = f.app.RollbackVersion(f.ctx, f.trainer, v.Item.MaterialID, 1, "")
	f.must(err)
	v, err = f.app.GetKB(f.ctx, f.inCS, id)
	f.must(err)
	if v.VersionNo != 3 || len(v.Files) != 1 || v.Files[0].ID != v1 {
		t.Errorf("after roll-back to v1: v%d files %+v", v.VersionNo, v.Files)
	}
}
