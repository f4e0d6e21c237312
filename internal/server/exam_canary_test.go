package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// Canary strings planted in every part of the key a learner must not see
// before release: accepted blanks, explanations, rubrics, a case's
// sub-question keys, in Chinese and in the English translation. No
// learner-reachable response may contain them.
var canaries = []string{"CANARY-FILL-7f3a", "CANARY-EXPL-91bd", "CANARY-RUBRIC-55c0", "CANARY-SUB-e2d4", "CANARY-SUBEXPL-0a9f",
	"CANARY-ENEXPL-3c1e", "CANARY-ENRUBRIC-8b27", "CANARY-ENSUBEXPL-d41c"}

// Markup and JSON that would mean correctness leaked even without a canary.
var leakMarks = regexp.MustCompile(`is-key|data-testid="key"|data-testid="explanation"|"feedback"|"answer"|q-correct|q-wrong|result\.state_`)

type learnerClient struct {
	t    *testing.T
	base string
	c    *http.Client
	seen []string // every response body, for the canary search
}

func newLearnerClient(t *testing.T, base string) *learnerClient {
	jar, _ := cookiejar.New(nil)
	return &learnerClient{t: t, base: base, c: &http.Client{Jar: jar}}
}

func (l *learnerClient) req(method, path, ctype, body string) (int, string) {
	l.t.Helper()
	req, err := http.NewRequest(method, l.base+path, strings.NewReader(body))
	if err != nil {
		l.t.Fatal(err)
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := l.c.Do(req)
	if err != nil {
		l.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	l.seen = append(l.seen, method+" "+path+"\n"+string(b))
	return res.StatusCode, string(b)
}

func (l *learnerClient) form(path string, v url.Values) (int, string) {
	return l.req("POST", path, "application/x-www-form-urlencoded", v.Encode())
}

func canaryBank(t *testing.T, a *app.App, trainer app.Actor) []shopdojo.PaperQuestion {
	ctx := context.Background()
	bank, err := a.CreateBank(ctx, trainer, app.BankInput{Name: "金丝雀题库"})
	must(t, err)
	qs := []quiz.Question{
		{Type: quiz.Single, Stem: "天猫 3 分钟响应率统计哪个时段？", Points: 2, Difficulty: 2,
			Options: []quiz.Option{{Key: "A", Text: "全天"}, {Key: "B", Text: "08:00–24:00"}},
			Answer:  quiz.Answer{Choices: []string{"B"}}, Explanation: "按 08:00–24:00 统计 " + canaries[1],
			EN: &quiz.Text{Stem: "Which hours does Tmall's 3-minute response rate count?", Explanation: "08:00–24:00 " + canaries[5],
				Options: []quiz.Option{{Key: "A", Text: "All day"}}}},
		{Type: quiz.Fill, Stem: "推广 ROI = 成交金额 ÷ ____", Points: 2, Difficulty: 2,
			Answer: quiz.Answer{Blanks: [][]string{{canaries[0], "花费"}}}, Explanation: canaries[1],
			EN: &quiz.Text{Stem: "Ad ROI = sales ÷ ____", Explanation: canaries[5]}},
		{Type: quiz.Short, Stem: "买家嫌贵，你怎么回应？", Points: 5, Difficulty: 3, Rubric: canaries[2], Explanation: canaries[1],
			EN: &quiz.Text{Stem: "The buyer says it is too dear. Your reply?", Rubric: canaries[6], Explanation: canaries[5]}},
		{Type: quiz.Case, Stem: "看数据回答", Attachment: "| 日期 | 访客 |\n|---|---|\n| 周一 | 1200 |", Difficulty: 3,
			EN: &quiz.Text{Stem: "Answer from the data", Attachment: "| Day | Visitors |\n|---|---|\n| Mon | 1200 |"},
			Sub: []quiz.Question{{ID: "s1", Type: quiz.Fill, Stem: "周一访客是____", Points: 2,
				Answer: quiz.Answer{Blanks: [][]string{{canaries[3]}}}, Explanation: canaries[4],
				EN: &quiz.Text{Stem: "Visitors on Monday: ____", Explanation: canaries[7], Rubric: canaries[6]}}}},
	}
	var out []shopdojo.PaperQuestion
	for _, q := range qs {
		id, _, err := a.SaveQuestion(ctx, trainer, app.QuestionInput{BankID: bank, Question: q})
		must(t, err)
		out = append(out, shopdojo.PaperQuestion{QuestionID: id})
	}
	return out
}

// TestNoKeyReachesLearnerBeforeRelease plants canaries in the keys and
// walks everything a learner can reach during and after an exam whose
// answers are released by hand: every page, JSON answer, error message
// and the learning record, once with the pages in Chinese and once in
// English (where the translation's texts are shown). Then it releases and
// checks the canaries do appear, so the search can find them.
func TestNoKeyReachesLearnerBeforeRelease(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	a, sys := f.srv.App, app.SystemActor("test")
	tp, err := a.PersonByEmployeeNo(ctx, sys, f.people[shopdojo.RoleTrainer])
	must(t, err)
	trainer, err := a.ActorFor(ctx, tp.ID)
	must(t, err)
	lp, err := a.PersonByEmployeeNo(ctx, sys, f.people[shopdojo.RoleLearner])
	must(t, err)
	exam, err := a.CreateExam(ctx, trainer, app.ExamInput{Title: "金丝雀考试", Mode: shopdojo.ModeExam, TimeLimit: 30 * time.Minute,
		PassPercent: 60, ScoreRelease: shopdojo.ReleaseManual, AnswerRelease: shopdojo.ReleaseManual,
		Paper:    shopdojo.Paper{Sections: []shopdojo.PaperSection{{Title: "全部", Questions: canaryBank(t, a, trainer)}}},
		Audience: []shopdojo.AudienceRef{{Kind: "person", ID: lp.ID}}})
	must(t, err)
	must(t, a.SetExamStatus(ctx, trainer, exam, shopdojo.ExamPublished))

	ts := httptest.NewServer(f.srv.Handler)
	defer ts.Close()
	l := newLearnerClient(t, ts.URL)
	no := f.people[shopdojo.RoleLearner]
	if code, _ := l.form("/login", url.Values{"login": {no}, "password": {"password-" + no}}); code != 200 {
		t.Fatalf("login: %d", code)
	}
	walk := func(stem string) string {
		l.req("GET", "/my/exams", "", "")
		l.form("/my/exams/"+exam+"/start", nil)
		id := attemptOf(t, l)
		if _, body := l.req("GET", "/attempts/"+id, "", ""); !strings.Contains(body, stem) {
			t.Errorf("the exam page lacks %q", stem)
		}
		for _, body := range []string{
			`{"answers":[{"pos":0,"seq":1,"response":{"choices":["A"]}},{"pos":1,"seq":1,"response":{"blanks":["花费"]}}]}`,
			`{"answers":[{"pos":2,"seq":1,"response":{"text":"先认同，再讲价值"}},{"pos":3,"seq":1,"response":{"sub":{"s1":{"blanks":["1200"]}}}}]}`,
			`{"answers":[{"pos":99,"seq":1,"response":{}}]}`, // refused: the error message is searched too
			`not json`,
		} {
			l.req("POST", "/attempts/"+id+"/answers", "application/json", body)
		}
		l.req("GET", "/attempts/"+id+"/clock", "", "")
		l.req("POST", "/attempts/"+id+"/signal", "application/json", `{"kind":"hidden"}`)
		l.form("/attempts/"+id+"/finish", nil)
		l.req("GET", "/attempts/"+id+"/result", "", "")
		l.req("GET", "/my/exams", "", "")
		l.req("GET", "/review", "", "")
		l.req("GET", "/account", "", "")
		l.req("GET", "/api/v1/me", "", "")
		// The job records results; the learning record must still hold no score.
		if _, _, err := a.RunAttemptJobs(ctx); err != nil {
			t.Fatal(err)
		}
		l.req("GET", "/account", "", "")
		return id
	}
	id := walk("天猫 3 分钟响应率")
	l.form("/locale", url.Values{"locale": {"en"}, "next": {"/my/exams"}})
	enID := walk("Which hours does Tmall")
	for _, page := range l.seen {
		for _, c := range canaries {
			if strings.Contains(page, c) {
				t.Errorf("canary %s leaked in %s", c, firstLine(page))
			}
		}
		if m := leakMarks.FindString(page); m != "" {
			t.Errorf("correctness marker %q leaked in %s", m, firstLine(page))
		}
	}
	rec, err := a.LearningRecord(ctx, sys, lp.ID, 50)
	must(t, err)
	for _, s := range rec {
		if s.Result != nil && (s.Result.Score != nil || s.Result.Success != nil) {
			t.Errorf("learning record has a score before release: %+v", s)
		}
	}

	// After release the same pages show the keys: the search above could
	// have found them.
	must(t, a.ReleaseResults(ctx, trainer, exam))
	_, body := l.req("GET", "/attempts/"+enID+"/result", "", "")
	if !strings.Contains(body, canaries[5]) || !strings.Contains(body, canaries[7]) || !strings.Contains(body, canaries[0]) {
		t.Fatal("released English result lacks the English explanations or the key")
	}
	if strings.Contains(body, canaries[1]) || strings.Contains(body, canaries[6]) {
		t.Error("released English result shows the Chinese explanation or a rubric")
	}
	l.form("/locale", url.Values{"locale": {"zh-CN"}, "next": {"/my/exams"}})
	_, body = l.req("GET", "/attempts/"+id+"/result", "", "")
	if !strings.Contains(body, canaries[1]) || !strings.Contains(body, canaries[0]) {
		t.Fatal("released result lacks the explanation or key")
	}
	if strings.Contains(body, canaries[5]) {
		t.Error("released Chinese result shows the English explanation")
	}
}

func attemptOf(t *testing.T, l *learnerClient) string {
	t.Helper()
	m := regexp.MustCompile(`data-attempt="([0-9a-f-]{36})"`).FindStringSubmatch(l.seen[len(l.seen)-1])
	if m == nil {
		t.Fatalf("no attempt page after start: %.300s", l.seen[len(l.seen)-1])
	}
	return m[1]
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
