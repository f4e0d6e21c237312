package app

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The demo's exams: a timed customer-service certification exam with a
// few attempts (one waiting for a grader), a practice set for the ads and
// operations teams, and a quarterly assessment still in draft.

func (a *App) seedExams(ctx context.Context, tx *store.Tx, ids map[string]string) error {
	owner := Actor{PersonID: ids["SD9002"], Name: "邓超", Roles: []shopdojo.Role{shopdojo.RoleTrainer}}
	cs, ads := ids["bank:客服基础题库"], ids["bank:推广与数据题库"]
	short, err := firstOfType(ctx, tx.Queries, cs, quiz.Short)
	if err != nil {
		return err
	}
	now := a.now()
	day := 24 * time.Hour
	certID, err := a.seedExam(ctx, tx, owner, ExamInput{Title: "客服上岗考试（第 4 期）", TitleEN: "Customer service readiness exam (intake 4)", Mode: shopdojo.ModeExam,
		Description: "考试范围：售前接待、3 分钟响应率与询单转化、售后退换货与中差评处理。限时 30 分钟，可考 2 次，70% 及格；交卷即出分，答案和解析在考试结束后公布。",
		OpensAt:     now.Add(-3 * day).Truncate(time.Hour), ClosesAt: now.Add(4 * day).Truncate(time.Hour),
		TimeLimit: 30 * time.Minute, AttemptsAllowed: 2, PassPercent: 70, Certifies: "客服上岗认证（L1 入门）", ValidMonths: 12, ScoreRelease: shopdojo.ReleaseImmediate,
		AnswerRelease: shopdojo.ReleaseAfterClose, ShuffleQuestions: true, ShuffleOptions: true,
		Audience: []shopdojo.AudienceRef{{Kind: "department", ID: ids["客服部"]}, {Kind: "person", ID: ids["SD1003"]}},
		Paper: shopdojo.Paper{Sections: []shopdojo.PaperSection{
			{Title: "一、客观题", Partial: string(quiz.SubsetHalf), Rules: []shopdojo.PaperRule{{BankID: cs, Count: 8}}},
			{Title: "二、情景处理", Questions: []shopdojo.PaperQuestion{{QuestionID: short, Points: 10}}}}}}, true)
	if err != nil {
		return err
	}
	practice, err := objectiveOf(ctx, tx.Queries, ads)
	if err != nil {
		return err
	}
	practiceID, err := a.seedExam(ctx, tx, owner, ExamInput{Title: "推广与数据日常练习", TitleEN: "Daily practice: ads and data", Mode: shopdojo.ModePractice,
		Description: "不限时、可反复练：每答一题立即看到对错和解析，答错的题自动进入错题本。覆盖 ROI/投产比、点击率与转化率、万相台无界与千川出价思路。",
		PassPercent: 60, ShuffleOptions: true,
		Audience: []shopdojo.AudienceRef{{Kind: "department", ID: ids["推广部"]}, {Kind: "department", ID: ids["运营部"]}},
		Paper:    shopdojo.Paper{Sections: []shopdojo.PaperSection{{Title: "推广与数据", Questions: practice}}}}, true)
	if err != nil {
		return err
	}
	if _, err := a.seedExam(ctx, tx, owner, ExamInput{Title: "运营专员季度考核（Q4）", TitleEN: "Operations specialist quarterly review (Q4)", Mode: shopdojo.ModeExam,
		Description: "季度技能考核，成绩计入岗位认证。", OpensAt: now.Add(7 * day).Truncate(time.Hour),
		ClosesAt: now.Add(8 * day).Truncate(time.Hour), TimeLimit: 60 * time.Minute, AttemptsAllowed: 1, PassPercent: 75,
		ScoreRelease: shopdojo.ReleaseManual, AnswerRelease: shopdojo.ReleaseManual, ShuffleQuestions: true, ShuffleOptions: true,
		Audience: []shopdojo.AudienceRef{{Kind: "position", ID: ids["运营专员"]}},
		Paper: shopdojo.Paper{Sections: []shopdojo.PaperSection{
			{Title: "一、推广与数据", Partial: string(quiz.SubsetHalf), Rules: []shopdojo.PaperRule{{BankID: ads, Count: 6}}},
			{Title: "二、客服与售后", Rules: []shopdojo.PaperRule{{BankID: cs, Count: 4, Points: 2}}}}}}, false); err != nil {
		return err
	}
	if err := a.seedAttempts(ctx, tx, certID, ids); err != nil {
		return err
	}
	// The demo learner practised once: her mistakes fill her 错题本 when the
	// attempt job runs at start.
	e, err := getExam(ctx, tx.Queries, practiceID)
	if err != nil {
		return err
	}
	lina := Actor{PersonID: ids["SD1003"], Name: "李娜", Roles: []shopdojo.Role{shopdojo.RoleLearner}}
	return a.seedAttempt(ctx, tx, lina, e, 5, "")
}

func (a *App) seedExam(ctx context.Context, tx *store.Tx, owner Actor, in ExamInput, publish bool) (string, error) {
	if err := in.normalize(); err != nil {
		return "", err
	}
	id := newID()
	if err := a.insertExam(ctx, tx, id, owner.PersonID, in); err != nil {
		return "", err
	}
	if err := a.record(ctx, tx, owner, change{Action: "exam.create", ObjectType: "exam", ObjectID: id,
		ObjectName: in.Title, After: in.fields()}); err != nil {
		return "", err
	}
	if !publish {
		return id, nil
	}
	if err := checkPaperSources(ctx, tx.Queries, owner, in.Paper, true); err != nil {
		return "", err
	}
	return id, tx.SetExamStatus(ctx, sqlq.SetExamStatusParams{ID: id, Status: shopdojo.ExamPublished, UpdatedAt: a.nowMs()})
}

func firstOfType(ctx context.Context, q *store.Queries, bank string, t quiz.Type) (string, error) {
	rows, err := q.ListBankPool(ctx, bank)
	if err != nil {
		return "", err
	}
	for _, r := range rows {
		var qq quiz.Question
		if json.Unmarshal([]byte(r.Body), &qq) == nil && qq.Type == t {
			return r.ID, nil
		}
	}
	return "", fmt.Errorf("bank %s has no %s question", bank, t)
}

// objectiveOf lists a bank's automatically scored questions.
func objectiveOf(ctx context.Context, q *store.Queries, bank string) ([]shopdojo.PaperQuestion, error) {
	rows, err := q.ListBankPool(ctx, bank)
	var out []shopdojo.PaperQuestion
	for _, r := range rows {
		var qq quiz.Question
		if json.Unmarshal([]byte(r.Body), &qq) == nil && qq.Type != quiz.Short && qq.Type != quiz.Case {
			out = append(out, shopdojo.PaperQuestion{QuestionID: r.ID})
		}
	}
	return out, err
}

// seedAttempts has three customer-service agents sit the certification
// exam: one waits for her short answer to be graded, two are graded.
func (a *App) seedAttempts(ctx context.Context, tx *store.Tx, examID string, ids map[string]string) error {
	e, err := getExam(ctx, tx.Queries, examID)
	if err != nil {
		return err
	}
	grader := Actor{PersonID: ids["SD9002"], Name: "邓超", Roles: []shopdojo.Role{shopdojo.RoleTrainer}}
	for _, s := range []struct {
		no, name, text string
		skill          int // of 10 objective answers, about this many right
		grade          float64
	}{
		{"SD2003", "徐丽", "先道歉并安抚情绪，第一时间确认订单和破损照片；不让买家寄回碎碗，直接补发 2 个新碗或按比例退款，由买家选；补发时加厚气泡膜和纸护角；处理完后礼貌邀请买家追评说明处理结果，不以返现换删评；最后把破损反馈给仓库改包装。", 8, -1},
		{"SD2004", "孙浩", "道歉，让买家拍照，给买家补发或者退款，然后请他改好评。", 6, 5},
		{"SD2005", "马超", "和买家解释是快递摔坏的，可以找快递理赔。", 4, 2},
		{"SD2001", "周杰", "先致歉安抚，核实订单和照片；不让买家寄回碎片，补发或按件退款二选一，当天发出并发单号；换用加厚气泡柱和蜂窝纸；处理完成后邀请追评，不承诺返现；汇总破损率推动仓库改包装。", 9, 9},
		{"SD2002", "吴倩", "道歉，确认照片后给买家补发两个碗，运费我们出，包装加厚，然后问买家能不能追评说明一下。", 7, 7},
		{"SD2006", "朱琳", "先安抚买家，问清楚是哪两个碗碎了，申请补发。", 5, 3},
	} {
		ac := Actor{PersonID: ids[s.no], Name: s.name, Roles: []shopdojo.Role{shopdojo.RoleLearner}}
		if err := a.seedAttempt(ctx, tx, ac, e, s.skill, s.text); err != nil {
			return fmt.Errorf("%s: %w", s.no, err)
		}
		if s.grade >= 0 {
			if err := a.seedGrade(ctx, tx, grader, e, ac.PersonID, s.grade); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *App) seedAttempt(ctx context.Context, tx *store.Tx, ac Actor, e shopdojo.Exam, skill int, text string) error {
	seed := newSeed()
	drawn, err := drawPaper(ctx, &pools{q: tx.Queries, bank: map[string][]drawnItem{}}, e, seed)
	if err != nil {
		return err
	}
	sp, err := encodePaper(drawn)
	if err != nil {
		return err
	}
	id, err := a.newAttempt(ctx, tx, ac, e, "demo-"+ac.PersonID[:8], seed, sp)
	if err != nil {
		return err
	}
	r, err := tx.GetAttempt(ctx, id)
	if err != nil {
		return err
	}
	items, _, err := a.attemptItems(ctx, tx.Queries, id)
	if err != nil {
		return err
	}
	for _, it := range items {
		var q quiz.Question
		if err := json.Unmarshal([]byte(it.Body), &q); err != nil {
			return err
		}
		resp := demoResponse(q, int(it.Pos)*7%10 < skill, text)
		body, _ := json.Marshal(resp)
		if _, err := a.saveOne(ctx, tx, ac, factsOf(r.Attempt), r.Attempt.Device, false, AnswerSave{Pos: int(it.Pos), Seq: 1}, string(body)); err != nil {
			return err
		}
	}
	return a.finishTx(ctx, tx, r.Attempt, "submit")
}

// demoResponse answers q rightly or not, as a learner might.
func demoResponse(q quiz.Question, right bool, text string) quiz.Response {
	k := q.Answer
	switch q.Type {
	case quiz.Short:
		return quiz.Response{Text: text}
	case quiz.Fill:
		var b []string
		for _, acc := range k.Blanks {
			if right && len(acc) > 0 {
				b = append(b, acc[0])
			} else {
				b = append(b, "不清楚")
			}
		}
		return quiz.Response{Blanks: b}
	case quiz.Ordering:
		if right {
			return quiz.Response{Order: k.Order}
		}
		return quiz.Response{Order: optionKeys(q.Options)}
	case quiz.Matching:
		return quiz.Response{Pairs: k.Pairs}
	}
	if right || len(q.Options) == 0 {
		return quiz.Response{Choices: k.Choices}
	}
	for _, o := range q.Options {
		if len(k.Choices) > 0 && o.Key != k.Choices[0] {
			return quiz.Response{Choices: []string{o.Key}}
		}
	}
	if q.Type == quiz.TrueFalse && len(k.Choices) == 1 && k.Choices[0] == "T" {
		return quiz.Response{Choices: []string{"F"}}
	}
	return quiz.Response{Choices: []string{"T"}}
}

func optionKeys(opts []quiz.Option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Key
	}
	return out
}

// seedGrade grades the short answer of a person's attempt at e.
func (a *App) seedGrade(ctx context.Context, tx *store.Tx, grader Actor, e shopdojo.Exam, personID string, points float64) error {
	id, err := tx.OpenAttempt(ctx, sqlq.OpenAttemptParams{ExamID: e.ID, PersonID: personID})
	if err == nil {
		return fmt.Errorf("attempt %s still open", id)
	}
	rows, err := tx.ListPersonAttempts(ctx, personID)
	if err != nil || len(rows) == 0 {
		return firstErr(err, fmt.Errorf("no attempt"))
	}
	r := rows[0]
	items, err := tx.ListAttemptItems(ctx, r.ID)
	if err != nil {
		return err
	}
	for _, it := range items {
		var q quiz.Question
		if json.Unmarshal([]byte(it.Body), &q) != nil || q.Type != quiz.Short {
			continue
		}
		res, err := markItem(it, GradeInput{Pos: int(it.Pos), Points: points})
		if err != nil {
			return err
		}
		body, _ := json.Marshal(res)
		if err := tx.ScoreAttemptItem(ctx, sqlq.ScoreAttemptItemParams{AttemptID: r.ID, Pos: it.Pos, Points: res.Points,
			MaxPoints: res.Max, Result: string(body), GraderID: grader.PersonID,
			Feedback: "处理思路基本对，但补发/退款方案要先让买家选，且不能诱导改评价。"}); err != nil {
			return err
		}
	}
	return a.rescore(ctx, tx, r, e)
}
