package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// TestPathBuilderJSON: the builder's check answers with the problems in
// the page's language, naming items by their titles and tying them to
// their stage and item; a save with problems is refused with them and
// without a note is refused on the note; a learner may do neither.
func TestPathBuilderJSON(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	a, sys := f.srv.App, app.SystemActor("test")
	mp, err := a.PersonByEmployeeNo(ctx, sys, f.people[shopdojo.RoleTrainingManager])
	must(t, err)
	mgr, err := a.ActorFor(ctx, mp.ID)
	must(t, err)
	_, err = a.ImportContent(ctx, mgr, curriculum.Builtin(), "")
	must(t, err)
	tp, err := a.PersonByEmployeeNo(ctx, sys, f.people[shopdojo.RoleTrainer])
	must(t, err)
	trainer, err := a.ActorFor(ctx, tp.ID)
	must(t, err)
	in, err := a.PathForEdit(ctx, trainer, "path-ops-specialist")
	must(t, err)
	st := &in.Path.Stages[0]
	st.Items[0].After = []string{st.Items[1].Ref} // m01-c01 after m01-c02, which comes after m01-c01
	body, _ := json.Marshal(in)

	ts := httptest.NewServer(f.srv.Handler)
	defer ts.Close()
	client := func(role shopdojo.Role, locale string) *learnerClient {
		c := newLearnerClient(t, ts.URL)
		u, _ := url.Parse(ts.URL)
		c.c.Jar.SetCookies(u, []*http.Cookie{{Name: "sd_locale", Value: locale}})
		no := f.people[role]
		if code, _ := c.form("/login", url.Values{"login": {no}, "password": {"password-" + no}}); code != 200 {
			t.Fatalf("login %s: %d", no, code)
		}
		return c
	}
	type answer struct {
		Message  string
		Fields   map[string]string
		Problems []struct {
			Stage, Item int
			Text        string
			Refs        []string
		}
	}
	post := func(c *learnerClient, path string, b []byte) (int, answer) {
		code, s := c.req("POST", path, "application/json", string(b))
		var ans answer
		if code != http.StatusForbidden {
			must(t, json.Unmarshal([]byte(s), &ans))
		}
		return code, ans
	}

	zh := client(shopdojo.RoleTrainer, "zh-CN")
	code, ans := post(zh, "/curriculum/paths/check", body)
	if code != 200 || len(ans.Problems) != 1 || ans.Problems[0].Stage != 0 || ans.Problems[0].Item != 0 || len(ans.Problems[0].Refs) != 2 ||
		!strings.Contains(ans.Problems[0].Text, "循环：「平台规则与店铺体系」 → 「工作台日常操作」 → 「平台规则与店铺体系」") {
		t.Fatalf("check: %d %+v", code, ans)
	}
	en := client(shopdojo.RoleTrainer, "en")
	if _, ans := post(en, "/curriculum/paths/check", body); len(ans.Problems) != 1 ||
		!strings.Contains(ans.Problems[0].Text, "The prerequisites form a cycle: “Platform rules and store types”") {
		t.Fatalf("check in English: %+v", ans)
	}
	if code, ans := post(zh, "/curriculum/paths/save", body); code != http.StatusUnprocessableEntity || len(ans.Problems) != 1 ||
		!strings.Contains(ans.Message, "1 处问题") {
		t.Fatalf("save with a cycle: %d %+v", code, ans)
	}
	st.Items[0].After = nil
	body, _ = json.Marshal(in)
	if code, ans := post(zh, "/curriculum/paths/save", body); code != http.StatusUnprocessableEntity || ans.Fields["note"] == "" {
		t.Fatalf("save without a note: %d %+v", code, ans)
	}
	learner := client(shopdojo.RoleLearner, "zh-CN")
	for _, p := range []string{"/curriculum/paths/check", "/curriculum/paths/save"} {
		if code, _ := post(learner, p, body); code != http.StatusForbidden {
			t.Errorf("a learner posted to %s: %d", p, code)
		}
	}
}
