package server_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// englishBank is a bank whose questions are translated, one of them only
// in part (its option B and its explanation stay Chinese).
func englishBank(t *testing.T, a *app.App, trainer app.Actor) []shopdojo.PaperQuestion {
	ctx := context.Background()
	bank, err := a.CreateBank(ctx, trainer, app.BankInput{Name: "双语题库"})
	must(t, err)
	qs := []quiz.Question{
		{Type: quiz.Single, Stem: "天猫的响应率统计哪个时段？", Points: 2, Difficulty: 2,
			Options: []quiz.Option{{Key: "A", Text: "全天时段"}, {Key: "B", Text: "早八到午夜"}, {Key: "C", Text: "仅工作日"}},
			Answer:  quiz.Answer{Choices: []string{"B"}}, Explanation: "中文解析：按 08:00–24:00 统计",
			EN: &quiz.Text{Stem: "Which hours does the Tmall response rate count?", Explanation: "English explanation: 08:00 to 24:00",
				Options: []quiz.Option{{Key: "C", Text: "Weekdays only"}, {Key: "A", Text: "The whole day"}, {Key: "B", Text: "Eight to midnight"}}}},
		{Type: quiz.Matching, Stem: "把指标和含义配对", Points: 2, Difficulty: 2,
			Options: []quiz.Option{{Key: "A", Text: "访客数"}, {Key: "B", Text: "转化率"}},
			Targets: []quiz.Option{{Key: "1", Text: "来了多少人"}, {Key: "2", Text: "多少人下单"}},
			Answer:  quiz.Answer{Pairs: map[string]string{"A": "1", "B": "2"}}, Explanation: "中文配对解析",
			EN: &quiz.Text{Stem: "Match each figure with its meaning",
				Options: []quiz.Option{{Key: "A", Text: "Visitors"}},
				Targets: []quiz.Option{{Key: "1", Text: "How many came"}, {Key: "2", Text: "How many ordered"}}}},
		{Type: quiz.Case, Stem: "看表回答", Attachment: "| 日期 | 访客 |\n|---|---|\n| 周一 | 1200 |", Difficulty: 3,
			EN: &quiz.Text{Stem: "Answer from the table", Attachment: "| Day | Visitors |\n|---|---|\n| Monday | 1200 |"},
			Sub: []quiz.Question{{ID: "s1", Type: quiz.TrueFalse, Stem: "周一访客过千", Points: 1,
				Answer: quiz.Answer{Choices: []string{"T"}}, Explanation: "中文子题解析",
				EN: &quiz.Text{Stem: "Monday had over a thousand visitors", Explanation: "English sub-question explanation"}}}},
	}
	var out []shopdojo.PaperQuestion
	for _, q := range qs {
		id, _, err := a.SaveQuestion(ctx, trainer, app.QuestionInput{BankID: bank, Question: q})
		must(t, err)
		out = append(out, shopdojo.PaperQuestion{QuestionID: id})
	}
	return out
}

var (
	chineseTexts = []string{"天猫的响应率统计哪个时段？", "全天时段", "早八到午夜", "仅工作日", "把指标和含义配对", "访客数",
		"来了多少人", "看表回答", "周一访客过千"}
	englishTexts = []string{"Which hours does the Tmall response rate count?", "The whole day", "Eight to midnight", "Weekdays only",
		"Match each figure with its meaning", "Visitors", "How many came", "How many ordered", "Answer from the table",
		"<td>Monday</td>", "Monday had over a thousand visitors"}
	choiceOrder = regexp.MustCompile(`name="q0" value="([A-H])"`)
)

func containsAll(t *testing.T, what, body string, texts []string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("%s lacks %q", what, s)
		}
	}
}

func containsNone(t *testing.T, what, body string, texts []string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(body, s) {
			t.Errorf("%s shows %q", what, s)
		}
	}
}

func order(body string) []string {
	var keys []string
	for _, m := range choiceOrder.FindAllStringSubmatch(body, -1) {
		keys = append(keys, m[1])
	}
	return keys
}

// TestLearnerSeesQuestionsInPageLanguage: a learner whose pages are in
// English sees the translation's stem, options, targets and attachment
// (Chinese where a text is untranslated) in the same option order and
// with the same keys; the explanation only once released, in English;
// and the mistake deck in English. In Chinese everything stays Chinese.
func TestLearnerSeesQuestionsInPageLanguage(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	a, sys := f.srv.App, app.SystemActor("test")
	tp, err := a.PersonByEmployeeNo(ctx, sys, f.people[shopdojo.RoleTrainer])
	must(t, err)
	trainer, err := a.ActorFor(ctx, tp.ID)
	must(t, err)
	lp, err := a.PersonByEmployeeNo(ctx, sys, f.people[shopdojo.RoleLearner])
	must(t, err)
	paper := shopdojo.Paper{Sections: []shopdojo.PaperSection{{Title: "全部", Questions: englishBank(t, a, trainer)}}}
	exam, err := a.CreateExam(ctx, trainer, app.ExamInput{Title: "双语考试", Mode: shopdojo.ModeExam, PassPercent: 60,
		ScoreRelease: shopdojo.ReleaseManual, AnswerRelease: shopdojo.ReleaseManual, ShuffleOptions: true, Paper: paper,
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
	l.form("/my/exams/"+exam+"/start", nil)
	id := attemptOf(t, l)
	_, zh := l.req("GET", "/attempts/"+id, "", "")
	containsAll(t, "Chinese exam page", zh, chineseTexts)
	containsNone(t, "Chinese exam page", zh, englishTexts)

	l.form("/locale", url.Values{"locale": {"en"}, "next": {"/my/exams"}})
	_, en := l.req("GET", "/attempts/"+id, "", "")
	containsAll(t, "English exam page", en, englishTexts)
	// Untranslated texts fall back to Chinese, each on its own.
	containsAll(t, "English exam page", en, []string{"转化率"})
	containsNone(t, "English exam page", en, []string{"天猫的响应率统计哪个时段？", "全天时段", "来了多少人", "周一访客过千",
		"English explanation", "English sub-question explanation", "中文解析"})
	if zo, eo := order(zh), order(en); len(zo) != 3 || !slices.Equal(zo, eo) {
		t.Errorf("option order in Chinese %v, in English %v", zo, eo)
	}

	// Answer wrongly, finish: nothing is explained before release.
	l.req("POST", "/attempts/"+id+"/answers", "application/json",
		`{"answers":[{"pos":0,"seq":1,"response":{"choices":["A"]}},{"pos":2,"seq":1,"response":{"sub":{"s1":{"choices":["F"]}}}}]}`)
	l.form("/attempts/"+id+"/finish", nil)
	_, res := l.req("GET", "/attempts/"+id+"/result", "", "")
	containsAll(t, "English result", res, []string{"Which hours does the Tmall response rate count?", "The whole day"})
	containsNone(t, "English result before release", res, []string{"English explanation", "English sub-question explanation", "中文解析", "中文子题解析"})

	must(t, a.ReleaseResults(ctx, trainer, exam))
	if _, _, err := a.RunAttemptJobs(ctx); err != nil {
		t.Fatal(err)
	}
	_, res = l.req("GET", "/attempts/"+id+"/result", "", "")
	containsAll(t, "released English result", res, []string{"English explanation: 08:00 to 24:00", "English sub-question explanation",
		"中文配对解析", // untranslated explanation: Chinese
		"Eight to midnight"})
	containsNone(t, "released English result", res, []string{"中文解析：", "中文子题解析", "全天时段"})

	// The mistake deck's first card is the wrong single choice (cards are
	// added in the paper's order), in English with its explanation.
	_, deck := l.req("GET", "/review", "", "")
	if !strings.Contains(deck, `data-testid="review-card"`) {
		t.Fatalf("no review card: %.300s", deck)
	}
	containsAll(t, "English review card", deck, []string{"Which hours does the Tmall response rate count?", "The whole day",
		"Eight to midnight", "English explanation: 08:00 to 24:00"})
	containsNone(t, "English review card", deck, []string{"天猫的响应率", "全天时段", "中文解析"})
	l.form("/locale", url.Values{"locale": {"zh-CN"}, "next": {"/my/exams"}})
	_, deck = l.req("GET", "/review", "", "")
	containsAll(t, "Chinese review card", deck, []string{"天猫的响应率统计哪个时段？", "全天时段", "中文解析：按 08:00–24:00 统计"})
	containsNone(t, "Chinese review card", deck, englishTexts)
	_, res = l.req("GET", "/attempts/"+id+"/result", "", "")
	containsAll(t, "released Chinese result", res, []string{"中文解析：按 08:00–24:00 统计", "中文子题解析", "全天时段"})
	containsNone(t, "released Chinese result", res, []string{"English explanation", "Eight to midnight"})
}

// TestPracticeFeedbackInPageLanguage: practice explains every answer at
// once, in the page's language.
func TestPracticeFeedbackInPageLanguage(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	a, sys := f.srv.App, app.SystemActor("test")
	tp, err := a.PersonByEmployeeNo(ctx, sys, f.people[shopdojo.RoleTrainer])
	must(t, err)
	trainer, err := a.ActorFor(ctx, tp.ID)
	must(t, err)
	lp, err := a.PersonByEmployeeNo(ctx, sys, f.people[shopdojo.RoleLearner])
	must(t, err)
	paper := shopdojo.Paper{Sections: []shopdojo.PaperSection{{Title: "练习", Questions: englishBank(t, a, trainer)}}}
	exam, err := a.CreateExam(ctx, trainer, app.ExamInput{Title: "双语练习", Mode: shopdojo.ModePractice, Paper: paper,
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
	l.form("/my/exams/"+exam+"/start", nil)
	id := attemptOf(t, l)
	explain := func(seq int) string {
		_, body := l.req("POST", "/attempts/"+id+"/answers", "application/json",
			`{"answers":[{"pos":0,"seq":`+string(rune('0'+seq))+`,"response":{"choices":["A"]}}]}`)
		var out struct {
			Acks []struct {
				Feedback *struct {
					Explanation string `json:"explanation"`
				} `json:"feedback"`
			} `json:"acks"`
		}
		if err := json.Unmarshal([]byte(body), &out); err != nil || len(out.Acks) != 1 || out.Acks[0].Feedback == nil {
			t.Fatalf("answer: %v %s", err, body)
		}
		if strings.Contains(body, "explanation_en") || strings.Contains(body, "ExplanationEN") {
			t.Errorf("the other language's explanation is sent too: %s", body)
		}
		return out.Acks[0].Feedback.Explanation
	}
	if got := explain(1); !strings.Contains(got, "中文解析") {
		t.Errorf("Chinese practice feedback: %q", got)
	}
	l.form("/locale", url.Values{"locale": {"en"}, "next": {"/my/exams"}})
	if got := explain(2); !strings.Contains(got, "English explanation: 08:00 to 24:00") {
		t.Errorf("English practice feedback: %q", got)
	}
}
