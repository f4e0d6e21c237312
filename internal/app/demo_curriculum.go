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
// of their paths, so 我的学习, the course maps and 学习进度 show believable
// progress: the programme started eight weeks ago, a few people are behind
// and overdue, one has passed a stage exam and one is certified.

// demoProgress says how far a demo person is along their first path: the
// number of its units and SOPs done, whether one more is open, and how
// many of its stage exams they passed.
var demoProgress = map[string]struct {
	done  int
	open  bool
	exams int
}{
	"SD1003": {14, true, 0}, "SD1004": {9, false, 0}, "SD1005": {22, true, 1}, "SD1006": {4, true, 0},
	"SD1007": {2, true, 0}, "SD2003": {12, true, 0}, "SD2004": {6, false, 0}, "SD2005": {3, true, 0},
	"SD3002": {16, false, 0}, "SD3003": {7, true, 0}, "SD3004": {1, true, 0}, "SD3005": {5, true, 0},
	"SD4002": {18, true, 1}, "SD4003": {8, true, 0}, "SD5002": {16, false, 1}, "SD3001": {9, true, 0},
	"SD2001": {99, false, 2},
}

// demoAssignedDaysAgo is when the programme's paths were assigned; the
// people in demoBehind were assigned earlier and are now overdue.
const demoAssignedDaysAgo = 56

var demoBehind = map[string]int{"SD1004": 100, "SD2004": 97, "SD5003": 95}

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
	if err := a.backdateAssignments(ctx, tx, sp.idx, ids); err != nil {
		return err
	}
	return a.seedProgress(ctx, tx, sp.idx, ids)
}

// backdateAssignments moves the position paths of everyone hired before
// the programme started to its start (the people behind earlier still),
// keeping each assignment's time to its due date.
func (a *App) backdateAssignments(ctx context.Context, tx *store.Tx, x *curriculum.Index, ids map[string]string) error {
	now := a.now()
	for _, p := range demoPeople {
		if p.hire == "+recent" {
			continue
		}
		days := demoAssignedDaysAgo
		if d, ok := demoBehind[p.no]; ok {
			days = d
		}
		as, err := tx.ListPersonAssignments(ctx, ids[p.no])
		if err != nil {
			return err
		}
		for _, r := range as {
			if pa := x.Path(r.PathID); pa == nil || pa.Onboarding || r.DueAt == 0 {
				continue
			}
			at := now.AddDate(0, 0, -days).UnixMilli()
			if err := tx.SetPathAssignmentDates(ctx, sqlq.SetPathAssignmentDatesParams{PersonID: r.PersonID, PathID: r.PathID,
				AssignedAt: at, DueAt: at + r.DueAt - r.AssignedAt}); err != nil {
				return err
			}
		}
	}
	return nil
}

// seedProgress marks the first units and SOPs of each demo person's first
// path done, spread over the past weeks, and has them pass its first stage
// exams.
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
		steps := pathSteps(x, x.Path(pathID))
		n := min(pr.done, len(steps))
		for i := 0; i < len(steps) && i <= n; i++ {
			if demoRunPending(no, steps[i]) {
				continue // its practice waits for a mentor (see demoRuns)
			}
			f := files[x.File(steps[i])]
			at := now.Add(-time.Duration(n-i) * 26 * time.Hour).UnixMilli()
			var err error
			if i < n {
				_, err = tx.FinishUnit(ctx, sqlq.FinishUnitParams{PersonID: ids[no], UnitID: steps[i], MaterialID: f.ID,
					VersionNo: f.PublishedNo, StartedAt: at})
			} else if pr.open {
				err = tx.StartUnit(ctx, sqlq.StartUnitParams{PersonID: ids[no], UnitID: steps[i], MaterialID: f.ID,
					VersionNo: f.PublishedNo, StartedAt: at})
			}
			if err != nil {
				return err
			}
		}
		if err := a.seedStageExams(ctx, tx, x.Path(pathID), ids[no], pr.exams); err != nil {
			return err
		}
	}
	return nil
}

// demoRunPending reports whether a demo run of the unit waits for sign-off
// or was returned: the unit is not done yet.
func demoRunPending(no, unitID string) bool {
	for _, r := range demoRuns {
		if r.no == no && r.unit == unitID && r.state != RunSigned {
			return true
		}
	}
	return false
}

// seedStageExams has a person pass the first n stage exams of a path.
func (a *App) seedStageExams(ctx context.Context, tx *store.Tx, pa *curriculum.Path, personID string, n int) error {
	ac := Actor{PersonID: personID, Roles: []shopdojo.Role{shopdojo.RoleLearner}}
	for i := 0; i < n && i < len(pa.Stages); i++ {
		id, err := tx.GetCurriculumExam(ctx, stageRef+pa.Stages[i].ID)
		if err != nil {
			return err
		}
		e, err := getExam(ctx, tx.Queries, id)
		if err != nil {
			return err
		}
		if err := a.seedAttempt(ctx, tx, ac, e, 10, ""); err != nil {
			return err
		}
	}
	return nil
}

// pathSteps lists what a path's items stand for in order, stage by stage:
// each course's units, a unit, an SOP itself.
func pathSteps(x *curriculum.Index, pa *curriculum.Path) []string {
	var out []string
	for _, st := range pa.Stages {
		for _, it := range st.Items {
			if x.SOP(it.Ref) != nil {
				out = append(out, it.Ref)
			}
			for _, u := range x.Units(it.Ref) {
				out = append(out, u.ID)
			}
		}
	}
	return out
}
