package app

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Paths reach people by rules (position, department, store platform, hired
// within the last N days) and by hand. Rules are applied when a rule is
// made, when a person is added or changes position or department, and
// daily for new hires coming of age; an assignment made by a rule that no
// longer matches is withdrawn (progress stays: it is kept per unit, so a
// later assignment finds it). Manual assignments stay until removed.

// PathRuleInput is a rule that assigns a path.
type PathRuleInput struct {
	PathID                 string
	PositionID, Department string
	Platform               string
	NewHireDays, DueDays   int
}

// PathRule is a stored rule with the names of what it matches, who made
// it, and how many assignments it holds now.
type PathRule struct {
	ID string
	PathRuleInput
	PositionName, DepartmentName string
	CreatedAt                    time.Time
	CreatorName                  string
	Assigned                     int64
}

func (in *PathRuleInput) check(sp *storedPack) error {
	var v shopdojo.Validation
	v.Check(in.PathID != "", "path_id", "error.required")
	v.Check(in.PathID == "" || sp.idx.Path(in.PathID) != nil, "path_id", "error.out_of_range")
	v.Check(in.NewHireDays >= 0 && in.NewHireDays <= 3650, "new_hire_days", "error.out_of_range")
	v.Check(in.DueDays >= 0 && in.DueDays <= 3650, "due_days", "error.out_of_range")
	in.Platform = strings.TrimSpace(in.Platform)
	v.Check(in.Platform == "" || slices.Contains(shopdojo.Platforms, shopdojo.Platform(in.Platform)), "platform", "error.out_of_range")
	v.Check(in.PositionID != "" || in.Department != "" || in.Platform != "" || in.NewHireDays > 0, "position_id", "path.err_rule_empty")
	return v.Err()
}

// PathRules lists the assignment rules.
func (a *App) PathRules(ctx context.Context, ac Actor) ([]PathRule, error) {
	if err := ac.require(shopdojo.PermPeopleManage); err != nil {
		return nil, err
	}
	var out []PathRule
	err := a.store.Read(ctx, func(q *store.Queries) error {
		rows, err := q.ListPathRulesAdmin(ctx)
		for _, r := range rows {
			out = append(out, PathRule{ID: r.ID, PositionName: r.PositionName, DepartmentName: r.DepartmentName,
				PathRuleInput: PathRuleInput{PathID: r.PathID, PositionID: r.PositionID, Department: r.DepartmentID,
					Platform: r.Platform, NewHireDays: int(r.NewHireDays), DueDays: int(r.DueDays)},
				CreatedAt: fromMs(r.CreatedAt), CreatorName: r.CreatorName, Assigned: r.Assigned})
		}
		return err
	})
	return out, err
}

// CreatePathRule stores a rule and assigns its path to everyone it
// matches; it returns how many got the path.
func (a *App) CreatePathRule(ctx context.Context, ac Actor, in PathRuleInput) (int, error) {
	if err := ac.require(shopdojo.PermPeopleManage); err != nil {
		return 0, err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return 0, err
	}
	if err := in.check(sp); err != nil {
		return 0, err
	}
	var n int
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := a.insertPathRule(ctx, tx, ac, in); err != nil {
			return err
		}
		n, err = a.applyRulesTx(ctx, tx, sp, "")
		return err
	})
	return n, err
}

func (a *App) insertPathRule(ctx context.Context, tx *store.Tx, ac Actor, in PathRuleInput) error {
	if in.PositionID != "" {
		if _, err := tx.GetPosition(ctx, in.PositionID); err != nil {
			return err
		}
	}
	if in.Department != "" {
		if _, err := tx.GetDepartment(ctx, in.Department); err != nil {
			return err
		}
	}
	id := newID()
	if err := tx.InsertPathRule(ctx, sqlq.InsertPathRuleParams{ID: id, PathID: in.PathID, PositionID: in.PositionID,
		DepartmentID: in.Department, Platform: in.Platform, NewHireDays: int64(in.NewHireDays),
		DueDays: int64(in.DueDays), CreatedAt: a.nowMs(), CreatedBy: ac.PersonID}); err != nil {
		return err
	}
	return a.record(ctx, tx, ac, change{Action: "path_rule.create", ObjectType: "path_rule", ObjectID: id,
		ObjectName: in.PathID, After: in.fields()})
}

func (in PathRuleInput) fields() map[string]string {
	return map[string]string{"path": in.PathID, "position": in.PositionID, "department": in.Department,
		"platform": in.Platform, "new_hire_days": itoa(int64(in.NewHireDays)), "due_days": itoa(int64(in.DueDays))}
}

// DeletePathRule removes a rule and withdraws what it assigned.
func (a *App) DeletePathRule(ctx context.Context, ac Actor, id string) error {
	if err := ac.require(shopdojo.PermPeopleManage); err != nil {
		return err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		r, err := tx.GetPathRule(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.DeletePathRule(ctx, id); err != nil {
			return err
		}
		if _, err := a.applyRulesTx(ctx, tx, sp, ""); err != nil {
			return err
		}
		in := PathRuleInput{PathID: r.PathID, PositionID: r.PositionID, Department: r.DepartmentID, Platform: r.Platform,
			NewHireDays: int(r.NewHireDays), DueDays: int(r.DueDays)}
		return a.record(ctx, tx, ac, change{Action: "path_rule.delete", ObjectType: "path_rule", ObjectID: id,
			ObjectName: r.PathID, Before: in.fields()})
	})
}

// ApplyPathRules applies every rule to everyone ("apply rules now"); it
// returns how many assignments it made.
func (a *App) ApplyPathRules(ctx context.Context, ac Actor) (int, error) {
	if err := ac.require(shopdojo.PermPeopleManage); err != nil {
		return 0, err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = a.store.Tx(ctx, func(tx *store.Tx) (err error) {
		if n, err = a.applyRulesTx(ctx, tx, sp, ""); err != nil {
			return err
		}
		return a.recordApply(ctx, tx, ac, n)
	})
	return n, err
}

func (a *App) recordApply(ctx context.Context, tx *store.Tx, ac Actor, n int) error {
	return a.record(ctx, tx, ac, change{Action: "path_rule.apply", ObjectType: "path_rule", ObjectID: "*",
		After: map[string]string{"assigned": itoa(int64(n))}})
}

// candidate is a person as rules see them.
type candidate struct {
	id, position, department, hire string
	platforms                      []string
}

// applyRulesTx brings rule assignments in line with the rules for one
// person (or everyone when personID is ""): missing ones are made, ones
// whose rule no longer matches are withdrawn. It returns how many it made.
func (a *App) applyRulesTx(ctx context.Context, tx *store.Tx, sp *storedPack, personID string) (int, error) {
	rules, err := tx.ListPathRules(ctx)
	if err != nil {
		return 0, err
	}
	people, err := ruleCandidates(ctx, tx, personID)
	if err != nil {
		return 0, err
	}
	today := a.now().In(a.opt.Location)
	made := 0
	for _, p := range people {
		n, err := a.applyRulesFor(ctx, tx, sp, rules, p, today)
		if err != nil {
			return made, err
		}
		made += n
	}
	return made, nil
}

func ruleCandidates(ctx context.Context, tx *store.Tx, personID string) ([]candidate, error) {
	rows, err := tx.ListRuleCandidates(ctx)
	if err != nil {
		return nil, err
	}
	plats, err := tx.ListPeoplePlatforms(ctx)
	if err != nil {
		return nil, err
	}
	byPerson := map[string][]string{}
	for _, p := range plats {
		byPerson[p.PersonID] = append(byPerson[p.PersonID], p.Platform)
	}
	var out []candidate
	for _, r := range rows {
		if personID == "" || r.ID == personID {
			out = append(out, candidate{id: r.ID, position: r.PositionID, department: r.DepartmentID, hire: r.HireDate,
				platforms: byPerson[r.ID]})
		}
	}
	return out, nil
}

func (a *App) applyRulesFor(ctx context.Context, tx *store.Tx, sp *storedPack, rules []sqlq.ListPathRulesRow,
	p candidate, today time.Time) (int, error) {
	have, err := tx.ListPersonAssignments(ctx, p.id)
	if err != nil {
		return 0, err
	}
	// A rule's hire-date window only decides who gets a path: leaving the
	// window does not take it away again, a change of position does.
	want, keep := map[string]sqlq.ListPathRulesRow{}, map[string]bool{}
	for _, r := range rules {
		if sp.idx.Path(r.PathID) == nil {
			continue
		}
		if _, dup := want[r.PathID]; !dup && ruleMatches(r, p, today, true) {
			want[r.PathID] = r
		}
		keep[r.PathID] = keep[r.PathID] || ruleMatches(r, p, today, false)
	}
	for _, h := range have {
		if h.Source == "rule" && !keep[h.PathID] {
			if _, err := tx.DeletePathAssignment(ctx, sqlq.DeletePathAssignmentParams{PersonID: p.id, PathID: h.PathID}); err != nil {
				return 0, err
			}
		}
	}
	made := 0
	for _, pathID := range slices.Sorted(maps.Keys(want)) {
		n, err := a.assignTx(ctx, tx, sp, p.id, pathID, "rule", want[pathID].ID, "", int(want[pathID].DueDays))
		if err != nil {
			return made, err
		}
		made += n
	}
	return made, nil
}

// ruleMatches reports whether r applies to p (hire: including the rule's
// hire-date window).
func ruleMatches(r sqlq.ListPathRulesRow, p candidate, today time.Time, hire bool) bool {
	if (r.PositionID != "" && r.PositionID != p.position) || (r.DepartmentID != "" && r.DepartmentID != p.department) {
		return false
	}
	if r.Platform != "" && !slices.Contains(p.platforms, r.Platform) {
		return false
	}
	if hire && r.NewHireDays > 0 {
		hired, err := time.ParseInLocation(time.DateOnly, p.hire, today.Location())
		if err != nil || today.Sub(hired) > time.Duration(r.NewHireDays)*24*time.Hour {
			return false
		}
	}
	return true
}

// assignTx gives personID the path unless they have it; due is days from
// now (0: the path's own due_days). It returns 1 when it assigned.
func (a *App) assignTx(ctx context.Context, tx *store.Tx, sp *storedPack, personID, pathID, source, ruleID, by string, due int) (int, error) {
	if due == 0 {
		due = sp.idx.Path(pathID).DueDays
	}
	now := a.now()
	var dueAt int64
	if due > 0 {
		dueAt = now.In(a.opt.Location).AddDate(0, 0, due).UnixMilli()
	}
	n, err := tx.AssignPath(ctx, sqlq.AssignPathParams{PersonID: personID, PathID: pathID, Source: source, RuleID: ruleID,
		AssignedBy: by, AssignedAt: now.UnixMilli(), DueAt: dueAt})
	return int(n), err
}

// AssignResult is what a manual assignment did.
type AssignResult struct {
	Assigned int      // people who got the path now
	Had      int      // people who had it already
	Unknown  []string // employee numbers that name nobody
}

// AssignPath gives people (by employee number) a path by hand, due in
// dueDays (0: the path's own). Numbers that name nobody are reported, the
// others assigned.
func (a *App) AssignPath(ctx context.Context, ac Actor, pathID string, employeeNos []string, dueDays int) (AssignResult, error) {
	var res AssignResult
	if err := ac.require(shopdojo.PermPeopleManage); err != nil {
		return res, err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return res, err
	}
	var nos []string
	for _, no := range employeeNos {
		if no = strings.TrimSpace(no); no != "" && !slices.Contains(nos, no) {
			nos = append(nos, no)
		}
	}
	var v shopdojo.Validation
	v.Check(pathID != "", "path_id", "error.required")
	v.Check(pathID == "" || sp.idx.Path(pathID) != nil, "path_id", "error.out_of_range")
	v.Check(len(nos) > 0, "employee_nos", "error.required")
	v.Check(len(nos) <= 2000, "employee_nos", "error.out_of_range")
	v.Check(dueDays >= 0 && dueDays <= 3650, "due_days", "error.out_of_range")
	if err := v.Err(); err != nil {
		return res, err
	}
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		res = AssignResult{}
		var found []string
		for _, no := range nos {
			pid, err := tx.FindPersonByEmployeeNo(ctx, no)
			if shopdojo.KindOf(store.MapErr(err)) == shopdojo.KindNotFound {
				res.Unknown = append(res.Unknown, no)
				continue
			} else if err != nil {
				return err
			}
			k, err := a.assignTx(ctx, tx, sp, pid, pathID, "manual", "", ac.PersonID, dueDays)
			if err != nil {
				return err
			}
			res.Assigned += k
			res.Had += 1 - k
			found = append(found, no)
		}
		if len(found) == 0 {
			return nil
		}
		return a.record(ctx, tx, ac, change{Action: "path.assign", ObjectType: "path", ObjectID: pathID,
			ObjectName: sp.idx.Path(pathID).Title, After: map[string]string{"people": strings.Join(found, ","),
				"due_days": itoa(int64(dueDays)), "assigned": itoa(int64(res.Assigned))}})
	})
	return res, err
}

// assignByRules applies the rules to one person ("" = everyone) inside a
// caller's transaction: after a person is added, changed or imported.
func (a *App) assignByRules(ctx context.Context, tx *store.Tx, personID string) error {
	sp, err := a.pack(ctx)
	if err != nil || len(sp.idx.Pack.Paths) == 0 {
		return err
	}
	_, err = a.applyRulesTx(ctx, tx, sp, personID)
	return err
}
