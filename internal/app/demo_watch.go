package app

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The demo's watch unit: a trainer uploads a short training video (slides
// made by demodata/video/make.sh) and adds it to the workbench course of
// the operations specialists' course map; the training manager publishes
// it and moves it to the front. The specialists further along have watched
// it, some are part-way, so the course and the unit page show believable
// figures.

//go:embed demodata/video/workbench-tour.webm
var demoVideo []byte

// demoVideoSeconds is the demo video's length, as ffprobe measures it.
const demoVideoSeconds = 31.5

const demoWatchCourse = "m01-c02"

// demoWatched is how much of the video demo people have watched, in per cent.
var demoWatched = map[string]int{
	"SD1001": 100, "SD1002": 100, "SD1003": 100, "SD1004": 100, "SD1005": 100, "SD1006": 80, "SD1007": 62, "SD1008": 24,
}

var demoWatchUnit = LessonEdit{Kind: curriculum.KindWatch, Title: "千牛工作台快速导览", TitleEN: "A quick tour of the Qianniu workbench",
	Minutes: 5, Level: curriculum.L1, NoSkip: true, VideoSeconds: demoVideoSeconds, Note: "新增工作台导览视频，新人开课第一课",
	Body: "## 看什么\n\n这段短视频带你走一遍千牛工作台的五个区域：首页、交易、商品、客服与售后、规则与店铺体检，" +
		"并给出每天开店时的检查顺序。\n\n## 看的时候想一想\n\n- 你负责的店铺，每天最先要处理的待办是哪几类？\n" +
		"- 哪些操作（改价、改库存、下架）需要两人复核？\n- 规则有变化时，去哪里确认生效日期？\n\n## 看完之后\n\n" +
		"看完九成后本单元自动完成。接着做「每日开店检查」实操，把视频里的顺序用在真实店铺上；有疑问先问带教老师。",
	BodyEN: "## What you will see\n\nThis short video walks through the five areas of the Qianniu workbench: home, orders, " +
		"products, customer service and after-sales, and rules and the store health check, and gives the order to check " +
		"them in when you open the store each day.\n\n## Think about it while you watch\n\n- Which to-dos come first in " +
		"the store you look after?\n- Which changes (prices, stock, delisting) need a second person to check?\n" +
		"- When a rule changes, where do you confirm the date it takes effect?\n\n## Afterwards\n\nThe unit is done once " +
		"you have watched nine tenths of it. Then do the daily opening check practice and use the order from the video " +
		"on a real store; ask your mentor when in doubt."}

// seedWatch adds the watch unit through the editor's own methods, then
// records how far demo people have watched it.
func (a *App) seedWatch(ctx context.Context) error {
	trainer, err := a.demoActor(ctx, "SD9002")
	if err != nil {
		return err
	}
	mgr, err := a.demoActor(ctx, "SD9001")
	if err != nil {
		return err
	}
	f, err := a.UploadVideo(ctx, trainer, "千牛工作台快速导览.webm", bytes.NewReader(demoVideo))
	if err != nil {
		return err
	}
	in := demoWatchUnit
	in.Video, in.Submit = curriculum.VideoFilePrefix+f.ID, true
	id, mid, err := a.CreateUnit(ctx, trainer, demoWatchCourse, in)
	if err != nil {
		return err
	}
	if err := a.ReviewVersion(ctx, mgr, mid, 1, true, ""); err != nil {
		return err
	}
	for range 20 {
		err := a.MoveUnit(ctx, mgr, id, -1)
		if shopdojo.KindOf(err) == shopdojo.KindConflict {
			break // it is first
		}
		if err != nil {
			return err
		}
	}
	return a.seedWatchProgress(ctx, id)
}

// seedWatchProgress stores the demo people's watching as the heartbeats
// would have left it, a few days ago.
func (a *App) seedWatchProgress(ctx context.Context, unitID string) error {
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	u, pf := sp.idx.Unit(unitID), sp.files[sp.idx.File(unitID)]
	if u == nil {
		return fmt.Errorf("demo watch unit %s not published", unitID)
	}
	now, dur := a.now(), int64(demoVideoSeconds*1000)
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		i := 0
		for _, p := range demoPeople {
			pct, ok := demoWatched[p.no]
			if !ok {
				continue
			}
			i++
			personID, err := tx.FindPersonByEmployeeNo(ctx, p.no)
			if err != nil {
				return err
			}
			at := now.Add(-time.Duration(i*7) * time.Hour).UnixMilli()
			watched := dur * int64(pct) / 100
			if err := tx.UpsertWatchProgress(ctx, sqlq.UpsertWatchProgressParams{PersonID: personID, UnitID: u.ID,
				MaterialID: pf.materialID, VersionNo: pf.no, Video: u.Video, WatchedMs: watched, PositionMs: watched,
				DurationMs: dur, BeatAt: at, StartedAt: at - dur}); err != nil {
				return err
			}
			if pct >= 90 {
				_, err = tx.FinishUnit(ctx, sqlq.FinishUnitParams{PersonID: personID, UnitID: u.ID, MaterialID: pf.materialID,
					VersionNo: pf.no, StartedAt: at})
			} else {
				err = tx.StartUnit(ctx, sqlq.StartUnitParams{PersonID: personID, UnitID: u.ID, MaterialID: pf.materialID,
					VersionNo: pf.no, StartedAt: at})
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}
