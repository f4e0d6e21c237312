package app

import (
	"context"
	"fmt"
)

// The demo's curriculum editor at work: the trainer 邓超 (SD9002) has
// drafted a new course of the campaigns module with a quiz picked from its
// bank, both waiting in the training manager's review queue, so the
// editor's "new items" list and the review of a new course have something
// to show.

// demoDraftModule is the module the demo's draft course is added to.
const demoDraftModule = "m05"

func (a *App) seedDraftCourse(ctx context.Context) error {
	trainer, err := a.demoActor(ctx, "SD9002")
	if err != nil {
		return err
	}
	course, _, err := a.CreateCourse(ctx, trainer, CourseInput{ModuleID: demoDraftModule,
		Title: "大促后的数据复盘", TitleEN: "Reviewing a big sale with data", Level: "L3",
		Body: "大促结束后一周内，用同一套口径把活动的成交、流量、利润和售后拆开看：哪些目标达成了、钱花在哪里、哪些问题下次必须提前处理。" +
			"本课讲复盘数据的取数口径、与去年同期和日常的对比方法、利润核算（含券、赠品和退货），以及怎样把结论写成下一次大促的检查项。\n\n学完后学员应能独立完成一次店铺级大促复盘，并在复盘会上讲清三条最重要的改进。",
		BodyEN: "Within a week of a big sale, look at its sales, traffic, profit and after-sales on one set of definitions: which goals were met, where the money went and which problems must be handled earlier next time. " +
			"The course covers where the review figures come from, comparing with last year and with ordinary days, working out profit (coupons, gifts and returns included) and turning the findings into checks for the next big sale.\n\n" +
			"Afterwards learners can run a store-level review of a big sale on their own and present its three most important improvements at the review meeting.",
		Note: "新增大促复盘课程，双十一后第一周使用", Submit: true})
	if err != nil {
		return fmt.Errorf("demo draft course: %w", err)
	}
	_, _, err = a.CreateTestUnit(ctx, trainer, course, TestUnitInput{Title: "小测：大促复盘", TitleEN: "Quiz: reviewing a big sale",
		Minutes: 10, Level: "L3", Quiz: []string{"m05-q01", "m05-q04", "m05-q06"}, PassPercent: 80,
		Note: "新增复盘课小测", Submit: true})
	if err != nil {
		return fmt.Errorf("demo draft quiz: %w", err)
	}
	return nil
}
