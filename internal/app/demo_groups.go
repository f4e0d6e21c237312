package app

import (
	"context"
	"fmt"

	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// demoGroups are the demo company's cross-department groups, by employee
// number. The first is this month's intake: its name gets the month of the
// demo's recent hires.
var demoGroups = []struct {
	name, desc string
	members    []string
}{
	{"%d 年 %d 月入职新人", "本月新入职的运营、客服、推广同学，入职第一周集中入门速成。",
		[]string{"SD1007", "SD2006", "SD3004"}},
	{"双11 大促作战小组", "大促期间 24 小时值班：运营盯活动与库存，客服盯响应率，推广盯预算与 ROI。",
		[]string{"SD1001", "SD1002", "SD1003", "SD2001", "SD2002", "SD2003", "SD3001", "SD3002", "SD5001"}},
	{"内部讲师储备池", "有意向成为内部讲师的骨干，完成讲师认证前在这里跟进。",
		[]string{"SD1002", "SD2002", "SD3002", "SD4002"}},
	{"直播间轮岗", "内容部牵头的抖音直播间轮岗排班，运营与客服同学每月轮值一次。",
		[]string{"SD4001", "SD4003", "SD1004", "SD2004"}},
}

func (a *App) seedGroups(ctx context.Context, tx *store.Tx, ac Actor, ids map[string]string) error {
	now := a.nowMs()
	hired := a.now().In(a.opt.Location).AddDate(0, 0, -9)
	for i, g := range demoGroups {
		id := newID()
		if i == 0 {
			g.name = fmt.Sprintf(g.name, hired.Year(), hired.Month())
		}
		if err := tx.InsertGroup(ctx, sqlq.InsertGroupParams{ID: id, Name: g.name, Description: g.desc,
			CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		for _, no := range g.members {
			if _, err := tx.AddGroupMember(ctx, sqlq.AddGroupMemberParams{GroupID: id, PersonID: ids[no]}); err != nil {
				return err
			}
		}
		in := GroupInput{Name: g.name, Description: g.desc}
		if err := a.record(ctx, tx, ac, change{Action: "group.create", ObjectType: "group", ObjectID: id,
			ObjectName: g.name, After: in.fields()}); err != nil {
			return err
		}
	}
	return nil
}
