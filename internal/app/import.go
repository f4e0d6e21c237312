package app

import (
	"context"
	"io"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/auth"
	"github.com/shopdojo/shopdojo/internal/roster"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// MaxImportRows bounds one people import.
const MaxImportRows = 20000

// ImportOptions control a people import.
type ImportOptions struct {
	SkipInvalid    bool // import the good rows and report the rest
	CreateAccounts bool // issue one-time activation codes to new people
}

// Activation is a new person's one-time activation code.
type Activation struct {
	EmployeeNo, Name, Code string
}

// ImportReport says what an import did and which rows were refused.
type ImportReport struct {
	Rows        int
	Created     int
	Updated     int
	Skipped     int
	Problems    []roster.Problem
	Activations []Activation
}

// ImportPeople reads a CSV or XLSX roster. Every row is checked first; when
// any row is bad nothing is imported unless opt.SkipInvalid. A row whose
// employee number exists updates that person; empty cells keep the current
// value. Departments, positions, managers, mentors and stores must exist
// (managers and mentors may also be people in the same file).
func (a *App) ImportPeople(ctx context.Context, ac Actor, r io.Reader, opt ImportOptions) (ImportReport, error) {
	var rep ImportReport
	if err := ac.require(shopdojo.PermPeopleManage); err != nil {
		return rep, err
	}
	if opt.CreateAccounts {
		if err := ac.require(shopdojo.PermAccountsManage); err != nil {
			return rep, err
		}
	}
	rows, probs, err := roster.Parse(r, MaxImportRows)
	if err != nil {
		return rep, shopdojo.Wrap(shopdojo.KindInvalid, "roster.file_invalid", err)
	}
	rep.Rows = len(rows)
	probs = append(probs, roster.Validate(rows)...)
	ref, err := a.importRefs(ctx)
	if err != nil {
		return rep, err
	}
	probs = append(probs, ref.check(rows)...)
	rep.Problems = probs
	good := goodRows(rows, probs)
	if len(probs) > 0 && (!opt.SkipInvalid || hasFileProblem(probs)) {
		return rep, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "import.has_errors", Args: map[string]any{"N": len(probs)}}
	}
	rep.Skipped = len(rows) - len(good)
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := a.importRows(ctx, tx, ac, ref, good, opt, &rep); err != nil {
			return err
		}
		return a.assignByRules(ctx, tx, "")
	})
	return rep, err
}

func hasFileProblem(probs []roster.Problem) bool {
	for _, p := range probs {
		if p.Line == 0 || p.Msg == roster.MsgMissingColumn || p.Msg == roster.MsgTooManyRows {
			return true
		}
	}
	return false
}

func goodRows(rows []roster.Row, probs []roster.Problem) []roster.Row {
	bad := map[int]bool{}
	for _, p := range probs {
		bad[p.Line] = true
	}
	out := make([]roster.Row, 0, len(rows))
	for _, r := range rows {
		if !bad[r.Line] {
			out = append(out, r)
		}
	}
	return out
}

// importRefs is what import rows may refer to, by name or employee number.
type importRefs struct {
	depts, positions, stores map[string]string // name → id
	people                   map[string]string // employee no → id
}

func (a *App) importRefs(ctx context.Context) (importRefs, error) {
	ref := importRefs{depts: map[string]string{}, positions: map[string]string{}, stores: map[string]string{}, people: map[string]string{}}
	err := a.store.Read(ctx, func(q *store.Queries) error {
		ds, err := q.ListDepartments(ctx)
		for _, d := range ds {
			ref.depts[d.Name] = d.ID
		}
		if err != nil {
			return err
		}
		ps, err := q.ListPositions(ctx)
		for _, p := range ps {
			ref.positions[p.Name] = p.ID
		}
		if err != nil {
			return err
		}
		ss, err := q.ListStores(ctx)
		for _, s := range ss {
			ref.stores[s.Name] = s.ID
		}
		if err != nil {
			return err
		}
		return a.eachPerson(ctx, q, func(no, id string) { ref.people[no] = id })
	})
	return ref, err
}

func (a *App) eachPerson(ctx context.Context, q *store.Queries, fn func(no, id string)) error {
	p := a.listParams(SystemActor("import"), PeopleFilter{Limit: 500}, "")
	for {
		rows, err := q.ListPeople(ctx, p)
		if err != nil {
			return err
		}
		for _, r := range rows {
			fn(r.EmployeeNo, r.ID)
		}
		if len(rows) < int(p.Lim) {
			return nil
		}
		p.After = rows[len(rows)-1].EmployeeNo
	}
}

func (ref importRefs) check(rows []roster.Row) []roster.Problem {
	inFile := map[string]bool{}
	for _, r := range rows {
		inFile[r.EmployeeNo] = true
	}
	var out []roster.Problem
	add := func(r roster.Row, field, msg, value string) {
		out = append(out, roster.Problem{Line: r.Line, Field: field, Msg: msg, Args: map[string]any{"Value": value}})
	}
	for _, r := range rows {
		if r.Department != "" && ref.depts[r.Department] == "" {
			add(r, roster.ColDepartment, "import.department_unknown", r.Department)
		}
		if r.Position != "" && ref.positions[r.Position] == "" {
			add(r, roster.ColPosition, "import.position_unknown", r.Position)
		}
		for field, no := range map[string]string{roster.ColManager: r.Manager, roster.ColMentor: r.Mentor} {
			if no != "" && ref.people[no] == "" && !inFile[no] {
				add(r, field, "import.person_unknown", no)
			}
		}
		for _, s := range r.StoreNames() {
			if ref.stores[s] == "" {
				add(r, roster.ColStores, "import.store_unknown", s)
			}
		}
	}
	return out
}

func (a *App) importRows(ctx context.Context, tx *store.Tx, ac Actor, ref importRefs, rows []roster.Row, opt ImportOptions, rep *ImportReport) error {
	// Two passes: people first, then managers and mentors, which may be
	// people created by this same file.
	for _, r := range rows {
		if err := a.importRow(ctx, tx, ac, ref, r, opt, rep); err != nil {
			return err
		}
	}
	for _, r := range rows {
		if r.Manager == "" && r.Mentor == "" {
			continue
		}
		if err := a.linkRow(ctx, tx, ref, r); err != nil {
			return err
		}
	}
	return a.record(ctx, tx, ac, change{Action: "person.import", ObjectType: "person",
		ObjectName: itoa(int64(rep.Created)) + "+" + itoa(int64(rep.Updated)),
		After:      map[string]string{"created": itoa(int64(rep.Created)), "updated": itoa(int64(rep.Updated)), "skipped": itoa(int64(rep.Skipped))}})
}

func (a *App) importRow(ctx context.Context, tx *store.Tx, ac Actor, ref importRefs, r roster.Row, opt ImportOptions, rep *ImportReport) error {
	id, exists := ref.people[r.EmployeeNo]
	in := PersonInput{}
	if exists {
		cur, err := a.loadPerson(ctx, tx.Queries, id)
		if err != nil {
			return err
		}
		in = inputOf(cur)
	}
	mergeRow(&in, r, ref)
	if !exists {
		id = newID()
		ref.people[r.EmployeeNo] = id
		in.ManagerID, in.MentorID = "", ""
		if err := a.insertPerson(ctx, tx, id, in); err != nil {
			return rowErr(r, err)
		}
		rep.Created++
		if opt.CreateAccounts {
			code := auth.ActivationCode()
			if err := a.issueActivation(ctx, tx, ac, id, code); err != nil {
				return err
			}
			rep.Activations = append(rep.Activations, Activation{EmployeeNo: in.EmployeeNo, Name: in.Name, Code: code})
		}
		return a.record(ctx, tx, ac, change{Action: "person.create", ObjectType: "person", ObjectID: id, ObjectName: in.Name, After: in.fields()})
	}
	rep.Updated++
	return a.updateImported(ctx, tx, ac, id, in)
}

func (a *App) updateImported(ctx context.Context, tx *store.Tx, ac Actor, id string, in PersonInput) error {
	old, err := a.loadPerson(ctx, tx.Queries, id)
	if err != nil {
		return err
	}
	if err := tx.UpdatePerson(ctx, updateParams(id, in, a.nowMs())); err != nil {
		return uniquePersonErr(err)
	}
	if err := setLinks(ctx, tx, id, in); err != nil {
		return err
	}
	return a.record(ctx, tx, ac, change{Action: "person.update", ObjectType: "person", ObjectID: id,
		ObjectName: in.Name, Before: inputOf(old).fields(), After: in.fields()})
}

func (a *App) linkRow(ctx context.Context, tx *store.Tx, ref importRefs, r roster.Row) error {
	id := ref.people[r.EmployeeNo]
	cur, err := a.loadPerson(ctx, tx.Queries, id)
	if err != nil {
		return err
	}
	in := inputOf(cur)
	if r.Manager != "" {
		in.ManagerID = ref.people[r.Manager]
	}
	if r.Mentor != "" {
		in.MentorID = ref.people[r.Mentor]
	}
	return tx.UpdatePerson(ctx, updateParams(id, in, a.nowMs()))
}

// mergeRow overlays the row's non-empty cells on in.
func mergeRow(in *PersonInput, r roster.Row, ref importRefs) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&in.EmployeeNo, r.EmployeeNo)
	set(&in.Name, r.Name)
	set(&in.Mobile, r.Mobile)
	set(&in.Email, r.Email)
	set(&in.HireDate, r.HireDate)
	set(&in.DingTalkID, r.DingTalkID)
	set(&in.WeComID, r.WeComID)
	set(&in.FeishuID, r.FeishuID)
	set(&in.DepartmentID, ref.depts[r.Department])
	set(&in.PositionID, ref.positions[r.Position])
	if r.Status != "" {
		in.Status = shopdojo.PersonStatus(r.Status)
	}
	if r.Roles != "" {
		in.Roles = nil
		for _, role := range strings.Split(r.Roles, ",") {
			in.Roles = append(in.Roles, shopdojo.Role(role))
		}
	}
	if names := r.StoreNames(); len(names) > 0 {
		in.StoreIDs = nil
		for _, s := range names {
			in.StoreIDs = append(in.StoreIDs, ref.stores[s])
		}
	}
}

func rowErr(r roster.Row, err error) error {
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "import.row_conflict", Args: map[string]any{"Line": r.Line}, Err: err}
	}
	return err
}

func updateParams(id string, in PersonInput, now int64) sqlq.UpdatePersonParams {
	return sqlq.UpdatePersonParams{ID: id, EmployeeNo: in.EmployeeNo, Name: in.Name,
		Mobile: in.Mobile, Email: in.Email, DingtalkID: in.DingTalkID, WecomID: in.WeComID,
		FeishuID: in.FeishuID, DepartmentID: nullStr(in.DepartmentID), PositionID: nullStr(in.PositionID),
		ManagerID: nullStr(in.ManagerID), MentorID: nullStr(in.MentorID), HireDate: in.HireDate,
		Status: string(in.Status), SearchText: searchText(in), UpdatedAt: now}
}
