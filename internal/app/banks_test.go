package app_test

import (
	"fmt"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

func single(stem string) quiz.Question {
	return quiz.Question{Type: quiz.Single, Stem: stem, Points: 2, Difficulty: 2,
		Options: []quiz.Option{{Key: "A", Text: "每天 24 小时"}, {Key: "B", Text: "08:00–24:00"}, {Key: "C", Text: "09:00–18:00"}},
		Answer:  quiz.Answer{Choices: []string{"B"}}, Explanation: "天猫按 08:00–24:00 统计。", Tags: []string{"Module:客服", "platform:tmall"}}
}

func TestBankRights(t *testing.T) {
	e := newEnv(t)
	_, owner := e.person("T1", "程讲师", "", shopdojo.RoleTrainer)
	_, other := e.person("T2", "邓讲师", "", shopdojo.RoleTrainer)
	_, mgr := e.person("M1", "许晴", "", shopdojo.RoleTrainingManager)
	_, learner := e.person("L1", "李娜", "", shopdojo.RoleLearner)
	if _, err := e.app.CreateBank(e.ctx, learner, app.BankInput{Name: "客服题库"}); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner made a bank: %v", err)
	}
	bank, err := e.app.CreateBank(e.ctx, owner, app.BankInput{Name: "客服题库"})
	e.must(err)
	// A private bank is invisible to another trainer, visible to a manager.
	if _, err := e.app.Bank(e.ctx, other, bank); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("other trainer saw a private bank: %v", err)
	}
	if b, err := e.app.Bank(e.ctx, mgr, bank); err != nil || !b.CanEdit {
		t.Fatalf("manager: %+v %v", b, err)
	}
	// Shared: others see it but cannot add questions.
	e.must(e.app.UpdateBank(e.ctx, owner, bank, app.BankInput{Name: "客服题库", Shared: true}))
	if b, err := e.app.Bank(e.ctx, other, bank); err != nil || b.CanEdit {
		t.Fatalf("shared bank for another trainer: %+v %v", b, err)
	}
	if _, _, err := e.app.SaveQuestion(e.ctx, other, app.QuestionInput{BankID: bank, Question: single("问")}); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("viewer added a question: %v", err)
	}
	// Learners cannot be members: banks hold the keys.
	if err := e.app.ShareBank(e.ctx, owner, bank, "L1", false); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("shared with a learner: %v", err)
	}
	e.must(e.app.ShareBank(e.ctx, owner, bank, "T2", true))
	if _, _, err := e.app.SaveQuestion(e.ctx, other, app.QuestionInput{BankID: bank, Question: single("天猫 3 分钟响应率统计哪个时段？")}); err != nil {
		t.Fatalf("member editor: %v", err)
	}
	banks, err := e.app.Banks(e.ctx, other)
	e.must(err)
	if len(banks) != 1 || banks[0].Questions != 1 {
		t.Fatalf("banks %+v", banks)
	}
}

func TestQuestionVersions(t *testing.T) {
	e := newEnv(t)
	_, owner := e.person("T1", "程讲师", "", shopdojo.RoleTrainer)
	bank, err := e.app.CreateBank(e.ctx, owner, app.BankInput{Name: "客服题库"})
	e.must(err)
	// Validation problems come back per field, with their arguments.
	bad := single("")
	bad.Options = bad.Options[:1]
	_, _, err = e.app.SaveQuestion(e.ctx, owner, app.QuestionInput{BankID: bank, Question: bad})
	de, ok := err.(*shopdojo.Error)
	if !ok || de.Fields["stem"] != "quiz.stem_required" || de.Fields["options"] != "quiz.options_too_few" || de.FieldArgs["options"]["Min"] != 2 {
		t.Fatalf("problems: %#v", err)
	}
	id, no, err := e.app.SaveQuestion(e.ctx, owner, app.QuestionInput{BankID: bank, Question: single("天猫 3 分钟响应率统计哪个时段？")})
	e.must(err)
	if no != 1 {
		t.Fatalf("first version %d", no)
	}
	edited := single("天猫 3 分钟响应率统计的是哪个时段？")
	edited.Answer.Choices = []string{"B"}
	edited.Difficulty = 3
	if _, _, err := e.app.SaveQuestion(e.ctx, owner, app.QuestionInput{QuestionID: id, BaseNo: 1, Question: edited}); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("edit without a note: %v", err)
	}
	_, no, err = e.app.SaveQuestion(e.ctx, owner, app.QuestionInput{QuestionID: id, BaseNo: 1, Question: edited, Note: "题干更清楚"})
	e.must(err)
	v1, err := e.app.Question(e.ctx, owner, id, 1)
	e.must(err)
	v2, err := e.app.Question(e.ctx, owner, id, 0)
	e.must(err)
	if no != 2 || v1.Question.Stem == v2.Question.Stem || v2.Summary.Difficulty != 3 || v2.Version.Status != shopdojo.VersionPublished ||
		v1.Version.Status != shopdojo.VersionRetired || fmt.Sprint(v2.Summary.Tags) != "[module:客服 platform:tmall]" {
		t.Fatalf("v1 %+v\nv2 %+v", v1.Version, v2)
	}
	// Lists filter by tag and page with a cursor.
	for i := 0; i < 3; i++ {
		q := single(fmt.Sprintf("推广题 %d", i))
		q.Tags = []string{"module:推广"}
		_, _, err := e.app.SaveQuestion(e.ctx, owner, app.QuestionInput{BankID: bank, Question: q})
		e.must(err)
		e.now = e.now.Add(1e9)
	}
	page, err := e.app.Questions(e.ctx, owner, bank, app.QuestionFilter{Tag: "module:推广", Limit: 2})
	e.must(err)
	if len(page.Questions) != 2 || page.Questions[0].StemText != "推广题 2" || page.Next == "" {
		t.Fatalf("page 1 %+v", page)
	}
	page, err = e.app.Questions(e.ctx, owner, bank, app.QuestionFilter{Tag: "module:推广", Limit: 2, After: page.Next})
	e.must(err)
	if len(page.Questions) != 1 || page.Questions[0].StemText != "推广题 0" {
		t.Fatalf("page 2 %+v", page)
	}
	e.must(e.app.ArchiveQuestion(e.ctx, owner, id, true))
	page, err = e.app.Questions(e.ctx, owner, bank, app.QuestionFilter{Type: "single"})
	e.must(err)
	if len(page.Questions) != 3 {
		t.Fatalf("archived question still listed: %d", len(page.Questions))
	}
	// The versions are material versions: the shared history works for them.
	vs, err := e.app.Versions(e.ctx, owner, v2.Summary.MaterialID)
	e.must(err)
	if len(vs) != 2 || vs[0].Note != "题干更清楚" {
		t.Fatalf("history %+v", vs)
	}
}
