package app

import (
	"context"
	"fmt"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The demo company runs on the built-in starter curriculum, imported by
// its training manager: every position's path is assigned by a rule, new
// hires get onboarding, and people hired earlier have worked through part
// of their paths, so 我的学习 and the course maps show believable progress.

// demoProgress says how far a demo person is along their first path: the
// number of its units done, and whether one more is open.
var demoProgress = map[string]struct {
	done int
	open bool
}{
	"SD1003": {14, true}, "SD1004": {9, false}, "SD1005": {22, true}, "SD1006": {4, true},
	"SD1007": {2, true}, "SD2003": {12, true}, "SD2004": {6, false}, "SD2005": {3, true},
	"SD3002": {16, false}, "SD3003": {7, true}, "SD3004": {1, true}, "SD3005": {5, true},
}

func (a *App) seedCurriculum(ctx context.Context, tx *store.Tx, ids map[string]string) error {
	p, probs := curriculum.Read(curriculum.Builtin())
	if len(probs) > 0 {
		return fmt.Errorf("built-in pack: %d problems, first %s", len(probs), probs[0])
	}
	mgr := Actor{PersonID: ids["SD9001"], Name: "培训经理", Roles: []shopdojo.Role{shopdojo.RoleTrainingManager}}
	var rep ContentReport
	if err := a.importPackTx(ctx, tx, mgr, p, "导入内置入门课程包 Import the built-in starter curriculum", &rep); err != nil {
		return err
	}
	sp := &storedPack{idx: curriculum.NewIndex(p)}
	for _, pa := range p.Paths {
		pos := ids[pa.Position]
		if pa.Onboarding || pos == "" {
			continue
		}
		if err := a.insertPathRule(ctx, tx, mgr, PathRuleInput{PathID: pa.ID, PositionID: pos, DueDays: 90}); err != nil {
			return err
		}
	}
	if _, err := a.applyRulesTx(ctx, tx, sp, ""); err != nil {
		return err
	}
	return a.seedProgress(ctx, tx, sp.idx, ids)
}

// seedProgress marks the first units of each demo person's first path done,
// spread over the past weeks.
func (a *App) seedProgress(ctx context.Context, tx *store.Tx, x *curriculum.Index, ids map[string]string) error {
	rows, err := tx.ListCurriculumMaterials(ctx)
	if err != nil {
		return err
	}
	files := map[string]sqlq.ListCurriculumMaterialsRow{}
	for _, r := range rows {
		files[r.Path] = r
	}
	now := a.now()
	for no, pr := range demoProgress {
		as, err := tx.ListPersonAssignments(ctx, ids[no])
		if err != nil || len(as) == 0 {
			return err
		}
		pathID := as[0].PathID
		for _, a := range as {
			if x.Path(a.PathID) != nil && x.Path(a.PathID).Onboarding {
				pathID = a.PathID
			}
		}
		units := pathUnits(x, x.Path(pathID))
		for i := 0; i < len(units) && i <= pr.done; i++ {
			u := units[i]
			f := files[x.File(u.ID)]
			at := now.Add(-time.Duration(pr.done-i) * 26 * time.Hour).UnixMilli()
			var err error
			if i < pr.done && (u.Kind == curriculum.KindRead || u.Kind == curriculum.KindWatch) {
				_, err = tx.FinishUnit(ctx, sqlq.FinishUnitParams{PersonID: ids[no], UnitID: u.ID, MaterialID: f.ID,
					VersionNo: f.PublishedNo, StartedAt: at})
			} else if i == pr.done && pr.open {
				err = tx.StartUnit(ctx, sqlq.StartUnitParams{PersonID: ids[no], UnitID: u.ID, MaterialID: f.ID,
					VersionNo: f.PublishedNo, StartedAt: at})
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// pathUnits lists a path's units in order, stage by stage.
func pathUnits(x *curriculum.Index, pa *curriculum.Path) []*curriculum.Unit {
	var out []*curriculum.Unit
	if pa == nil {
		return nil
	}
	for _, st := range pa.Stages {
		for _, it := range st.Items {
			out = append(out, x.Units(it.Ref)...)
		}
	}
	return out
}
