package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/server"
)

// examinee is one person of an exam storm: a session, and once started,
// the attempt and the device cookie that holds it.
type examinee struct {
	no      string
	session string // sd_session cookie value
	device  string // sd_device cookie value, set by the start
	attempt string
	seq     int64 // the last client sequence sent, shared by all items
}

// examSeed is what the exam benchmarks run against.
type examSeed struct {
	examID    string
	people    []*examinee
	questions int
	took      time.Duration
}

// seedExamStorm fills cfg's empty database with the demo company, a bank
// of n questions, an exam of all of them open to everyone (two hours, no
// attempt limit) and people examinees with a session each. Passwords use
// the fast test parameters: signing 3,000 people in through argon2's
// production cost would take minutes and measure nothing of the exam.
func (e *env) seedExamStorm(ctx context.Context, cfg config.Config, people, n int) (examSeed, error) {
	start := time.Now()
	inst, err := server.OpenApp(ctx, cfg, e.logger(), server.Options{FastPasswords: true})
	if err != nil {
		return examSeed{}, fmt.Errorf("open bench database: %w", err)
	}
	defer inst.Close()
	a := inst.App
	if err := seedDemo(ctx, a); err != nil {
		return examSeed{}, err
	}
	examID, err := seedStormExam(ctx, a, n)
	if err != nil {
		return examSeed{}, err
	}
	have, _, err := countPeople(ctx, a)
	if err != nil {
		return examSeed{}, err
	}
	if err := importBenchPeople(ctx, a, int(have), int(have)+people); err != nil {
		return examSeed{}, err
	}
	s := examSeed{examID: examID, questions: n}
	for i := int(have); i < int(have)+people; i++ {
		ex, err := stormSession(ctx, a, fmt.Sprintf("B%06d", i))
		if err != nil {
			return s, err
		}
		s.people = append(s.people, ex)
	}
	s.took = time.Since(start)
	return s, nil
}

func seedStormExam(ctx context.Context, a *app.App, n int) (string, error) {
	p, err := a.PersonByEmployeeNo(ctx, benchActor, "SD9002")
	if err != nil {
		return "", err
	}
	owner, err := a.ActorFor(ctx, p.ID)
	if err != nil {
		return "", err
	}
	bank, err := a.CreateBank(ctx, owner, app.BankInput{Name: "压测题库"})
	if err != nil {
		return "", err
	}
	var qs []shopdojo.PaperQuestion
	for i := range n {
		q := quiz.Question{Type: quiz.Single, Stem: fmt.Sprintf("第 %d 题：天猫 3 分钟响应率按哪个时段统计？", i+1),
			Points: 2.5, Difficulty: 1 + i%5, Explanation: "按 08:00–24:00 统计。",
			Options: []quiz.Option{{Key: "A", Text: "全天 24 小时"}, {Key: "B", Text: "08:00–24:00"},
				{Key: "C", Text: "09:00–18:00"}, {Key: "D", Text: "只统计大促期间"}},
			Answer: quiz.Answer{Choices: []string{"B"}}}
		id, _, err := a.SaveQuestion(ctx, owner, app.QuestionInput{BankID: bank, Question: q})
		if err != nil {
			return "", err
		}
		qs = append(qs, shopdojo.PaperQuestion{QuestionID: id})
	}
	id, err := a.CreateExam(ctx, owner, app.ExamInput{Title: "全员上岗考试（压测）", Mode: shopdojo.ModeExam,
		TimeLimit: 2 * time.Hour, PassPercent: 60, ScoreRelease: shopdojo.ReleaseManual,
		AnswerRelease: shopdojo.ReleaseManual, ShuffleQuestions: true, ShuffleOptions: true, Everyone: true,
		Paper: shopdojo.Paper{Sections: []shopdojo.PaperSection{{Title: "单选题", Questions: qs}}}})
	if err != nil {
		return "", err
	}
	return id, a.SetExamStatus(ctx, owner, id, shopdojo.ExamPublished)
}

func stormSession(ctx context.Context, a *app.App, no string) (*examinee, error) {
	p, err := a.PersonByEmployeeNo(ctx, benchActor, no)
	if err != nil {
		return nil, fmt.Errorf("examinee %s: %w", no, err)
	}
	pw := "bench-" + no
	if err := a.SetPassword(ctx, benchActor, p.ID, pw, false); err != nil {
		return nil, fmt.Errorf("examinee %s password: %w", no, err)
	}
	secret, err := a.Login(ctx, no, pw, app.Client{IP: "127.0.0.1", UserAgent: "shopdojo-bench"})
	if err != nil {
		return nil, fmt.Errorf("examinee %s sign-in: %w", no, err)
	}
	return &examinee{no: no, session: secret}, nil
}
