package app

import (
	"context"
	"fmt"

	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// seedPathDraft has the demo's trainer extend the operations specialist's
// path in the path builder with an extension stage on live selling, and
// submit it: the review queue then holds a course-map change for the
// training manager to compare and publish.
func (a *App) seedPathDraft(ctx context.Context) error {
	trainer, err := a.demoActor(ctx, "SD9002")
	if err != nil {
		return err
	}
	in, err := a.PathForEdit(ctx, trainer, "path-ops-specialist")
	if err != nil {
		return err
	}
	in.Path.Stages = append(in.Path.Stages, demoLiveStage())
	in.Note = "新增直播运营拓展阶段（选修直播带货内容）Added an extension stage on live selling"
	in.Major, in.Submit = true, true
	if _, probs, err := a.SavePath(ctx, trainer, in); err != nil {
		return fmt.Errorf("demo path draft: %w %v", err, probs)
	}
	return nil
}

func demoLiveStage() curriculum.Stage {
	return curriculum.Stage{Title: "拓展：直播带货与复盘", TitleEN: "Extension: live selling and reviews", Level: curriculum.L4,
		Items: []curriculum.PathItem{{Ref: "m03-c03", Required: true},
			{Ref: "m03-sop-live-review", Required: true, After: []string{"m03-c03"}},
			{Ref: "m03-c02", Required: false},
			{Ref: "m04-c02", Required: false, After: []string{"m03-c03"}}},
		Exam: &curriculum.StageExam{Title: "运营专员直播拓展考试", TitleEN: "Operations specialist: live selling extension exam",
			Questions: []string{"m03-q18", "m03-q21", "m03-q22", "m03-q24", "m03-q25"}, PassPercent: 80, Minutes: 20}}
}
