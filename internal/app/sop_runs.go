package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/blob"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// SOP runs: a learner runs an SOP checklist on real work, ticking each
// step with the evidence it asks for, and submits the run; a mentor, team
// lead or trainer who may read the person signs it off or returns it with
// a note. Signing off marks the SOP and the practice units that run it
// done, with the SOP version that was run.

// Run states.
const (
	RunOpen      = "open"
	RunSubmitted = "submitted"
	RunSigned    = "signed"
	RunReturned  = "returned"
)

// Limits of a run's evidence.
const (
	maxRunNote     = 2000
	maxRunLink     = 500
	maxRunSubject  = 200
	maxFilesOnStep = 6
)

// SOPRun is one run of an SOP with its evidence.
type SOPRun struct {
	ID, PersonID, PersonName, EmployeeNo string
	SOPID, UnitID, Subject, Status       string
	Title, TitleEN                       string
	VersionNo                            int64
	CreatedAt, SubmittedAt, ReviewedAt   time.Time
	ReviewerName, ReviewNote             string
	Steps                                []RunStep
	Mine                                 bool   // the viewer is the runner
	CanReview                            bool   // the viewer may sign it off now
	materialID                           string // the material of the version run
}

// RunStep is one checklist step of a run and its evidence.
type RunStep struct {
	No         int
	Step       curriculum.Step
	Done       bool
	Note, Link string
	Files      []RunFile
}

// HasEvidence reports whether the step carries any proof.
func (s RunStep) HasEvidence() bool { return s.Note != "" || s.Link != "" || len(s.Files) > 0 }

// RunFile is a photo or file attached to a step.
type RunFile struct {
	ID, Name, ContentType string
	Size                  int64
}

// Image reports whether the file can be shown as a picture.
func (f RunFile) Image() bool { return strings.HasPrefix(f.ContentType, "image/") }

// Editable reports whether the runner may still change the run.
func (r SOPRun) Editable() bool { return r.Mine && (r.Status == RunOpen || r.Status == RunReturned) }

// DoneSteps counts the ticked steps.
func (r SOPRun) DoneSteps() int {
	n := 0
	for _, s := range r.Steps {
		if s.Done {
			n++
		}
	}
	return n
}

// StartSOPRun starts a run for the actor of an SOP, of the SOP a practice
// unit runs (unitID set), or of a practice unit without an SOP (sopID ”),
// whose evidence list is then its checklist. It returns their run of the
// same thing that is not submitted yet instead, so a second click does not
// make a second run.
func (a *App) StartSOPRun(ctx context.Context, ac Actor, sopID, unitID, subject string) (string, error) {
	if ac.PersonID == "" {
		return "", shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return "", err
	}
	t, err := runTarget(sp.idx, sopID, unitID)
	if err != nil {
		return "", err
	}
	if subject, err = runSubject(subject); err != nil {
		return "", err
	}
	steps, err := json.Marshal(t.steps)
	if err != nil {
		return "", fmt.Errorf("sop run steps: %w", err)
	}
	f := sp.files[sp.idx.File(t.ref())]
	id := newID()
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		if open, err := openRun(ctx, tx, ac.PersonID, t.ref()); err != nil || open != "" {
			id = open
			return err
		}
		now := a.nowMs()
		if err := tx.InsertSOPRun(ctx, sqlq.InsertSOPRunParams{ID: id, PersonID: ac.PersonID, SopID: t.sop, UnitID: t.unit,
			MaterialID: f.materialID, VersionNo: f.no, Subject: subject, Steps: string(steps), CreatedAt: now}); err != nil {
			return err
		}
		return a.startRunUnits(ctx, tx, sp, ac.PersonID, t.sop, t.unit, now)
	})
	return id, err
}

// target is what a run checks: an SOP (perhaps from a practice unit) or a
// practice unit's own exercise.
type target struct {
	sop, unit string
	steps     []curriculum.Step
}

// ref is the id whose file and progress the run stands for.
func (t target) ref() string {
	if t.sop != "" {
		return t.sop
	}
	return t.unit
}

func runTarget(x *curriculum.Index, sopID, unitID string) (target, error) {
	t := target{sop: sopID, unit: unitID}
	if unitID != "" {
		u := x.Unit(unitID)
		if u == nil || u.Kind != curriculum.KindPractice || (sopID != "" && u.SOP != sopID) {
			return t, shopdojo.ErrNotFound
		}
		t.sop = u.SOP
		if t.sop == "" {
			t.steps = curriculum.PracticeSteps(u)
			return t, nil
		}
	}
	s := x.SOP(t.sop)
	if s == nil {
		return t, shopdojo.ErrNotFound
	}
	t.steps = s.Steps
	return t, nil
}

// openRun is the person's run of ref not yet submitted, if any.
func openRun(ctx context.Context, tx *store.Tx, personID, ref string) (string, error) {
	runs, err := tx.ListPersonSOPRuns(ctx, sqlq.ListPersonSOPRunsParams{PersonID: personID, Ref: ref})
	for _, r := range runs {
		if r.Status == RunOpen || r.Status == RunReturned {
			return r.ID, err
		}
	}
	return "", err
}

// startRunUnits records the SOP (and the unit it came from) as started.
func (a *App) startRunUnits(ctx context.Context, tx *store.Tx, sp *storedPack, personID, sopID, unitID string, now int64) error {
	for _, id := range []string{sopID, unitID} {
		if id == "" {
			continue
		}
		f := sp.files[sp.idx.File(id)]
		if err := tx.StartUnit(ctx, sqlq.StartUnitParams{PersonID: personID, UnitID: id, MaterialID: f.materialID,
			VersionNo: f.no, StartedAt: now}); err != nil {
			return err
		}
	}
	return nil
}

func runSubject(s string) (string, error) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > maxRunSubject {
		return "", &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
			Fields: map[string]string{"subject": "learn.err_too_long"}, FieldArgs: map[string]map[string]any{"subject": {"N": maxRunSubject}}}
	}
	return s, nil
}

// SOPRun returns a run to its runner or to someone who may sign it off;
// to anyone else it does not exist.
func (a *App) SOPRun(ctx context.Context, ac Actor, id string) (SOPRun, error) {
	var v SOPRun
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { v, err = a.loadRun(ctx, q, ac, id); return })
	return v, err
}

func (a *App) loadRun(ctx context.Context, q *store.Queries, ac Actor, id string) (SOPRun, error) {
	r, err := q.GetSOPRun(ctx, id)
	if err != nil {
		return SOPRun{}, err
	}
	v := SOPRun{ID: r.ID, PersonID: r.PersonID, PersonName: r.PersonName, EmployeeNo: r.EmployeeNo, SOPID: r.SopID,
		UnitID: r.UnitID, Subject: r.Subject, Status: r.Status, VersionNo: r.VersionNo, CreatedAt: fromMs(r.CreatedAt),
		SubmittedAt: fromMs(r.SubmittedAt), ReviewedAt: fromMs(r.ReviewedAt), ReviewerName: r.ReviewerName,
		ReviewNote: r.ReviewNote, Mine: r.PersonID == ac.PersonID, materialID: r.MaterialID}
	if !v.Mine {
		if !ac.Can(shopdojo.PermPracticeSignOff) || a.canReadPerson(ctx, q, ac, r.PersonID) != nil {
			return SOPRun{}, shopdojo.ErrNotFound
		}
		v.CanReview = r.Status == RunSubmitted
	}
	if err := a.runSteps(ctx, q, &v, r.Steps); err != nil {
		return SOPRun{}, err
	}
	v.Title, v.TitleEN = a.runTitler(ctx)(v.SOPID, v.UnitID)
	return v, nil
}

// runSteps fills the run's checklist from its snapshot and its evidence.
func (a *App) runSteps(ctx context.Context, q *store.Queries, v *SOPRun, snapshot string) error {
	var steps []curriculum.Step
	if err := json.Unmarshal([]byte(snapshot), &steps); err != nil {
		return fmt.Errorf("sop run %s steps: %w", v.ID, err)
	}
	v.Steps = make([]RunStep, len(steps))
	for i, s := range steps {
		v.Steps[i] = RunStep{No: i + 1, Step: s}
	}
	rows, err := q.ListSOPRunSteps(ctx, v.ID)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if s := v.step(int(r.StepNo)); s != nil {
			s.Done, s.Note, s.Link = r.Done == 1, r.Note, r.Link
		}
	}
	files, err := q.ListSOPRunFiles(ctx, v.ID)
	for _, f := range files {
		if s := v.step(int(f.StepNo)); s != nil {
			s.Files = append(s.Files, RunFile{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size})
		}
	}
	return err
}

func (r *SOPRun) step(no int) *RunStep {
	if no < 1 || no > len(r.Steps) {
		return nil
	}
	return &r.Steps[no-1]
}

// StepInput is what a runner saves on one step.
type StepInput struct {
	Done       bool
	Note, Link string
}

func (in *StepInput) check() error {
	in.Note, in.Link = strings.TrimSpace(in.Note), strings.TrimSpace(in.Link)
	fields, args := map[string]string{}, map[string]map[string]any{}
	if utf8.RuneCountInString(in.Note) > maxRunNote {
		fields["note"], args["note"] = "learn.err_too_long", map[string]any{"N": maxRunNote}
	}
	if in.Link != "" {
		u, err := url.Parse(in.Link)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(in.Link) > maxRunLink {
			fields["link"] = "learn.err_link"
		}
	}
	if len(fields) > 0 {
		return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid", Fields: fields, FieldArgs: args}
	}
	return nil
}

// editRun runs fn on the actor's own run while they may still change it.
func (a *App) editRun(ctx context.Context, ac Actor, id string, fn func(tx *store.Tx, v SOPRun) error) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		v, err := a.loadRun(ctx, tx.Queries, ac, id)
		if err != nil {
			return err
		}
		if !v.Mine {
			return shopdojo.ErrForbidden
		}
		if !v.Editable() {
			return shopdojo.E(shopdojo.KindConflict, "learn.err_run_closed")
		}
		return fn(tx, v)
	})
}

// SaveRunStep saves the tick, note and link of one step of the actor's run.
func (a *App) SaveRunStep(ctx context.Context, ac Actor, id string, no int, in StepInput) error {
	if err := in.check(); err != nil {
		return err
	}
	return a.editRun(ctx, ac, id, func(tx *store.Tx, v SOPRun) error {
		if v.step(no) == nil {
			return shopdojo.ErrNotFound
		}
		done := int64(0)
		if in.Done {
			done = 1
		}
		return tx.UpsertSOPRunStep(ctx, sqlq.UpsertSOPRunStepParams{RunID: id, StepNo: int64(no), Done: done,
			Note: in.Note, Link: in.Link, UpdatedAt: a.nowMs()})
	})
}

// AttachRunFile attaches an uploaded file (kept in the file store as
// evidence) to one step of the actor's run.
func (a *App) AttachRunFile(ctx context.Context, ac Actor, id string, no int, fileID string) error {
	return a.editRun(ctx, ac, id, func(tx *store.Tx, v SOPRun) error {
		s := v.step(no)
		if s == nil {
			return shopdojo.ErrNotFound
		}
		if len(s.Files) >= maxFilesOnStep {
			return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "learn.err_too_many_files", Args: map[string]any{"N": maxFilesOnStep}}
		}
		f, err := tx.GetFile(ctx, fileID)
		if err != nil {
			return err
		}
		if f.OwnerID != ac.PersonID || f.Purpose != PurposeEvidence {
			return shopdojo.ErrNotFound
		}
		return tx.InsertSOPRunFile(ctx, sqlq.InsertSOPRunFileParams{RunID: id, StepNo: int64(no), FileID: fileID, CreatedAt: a.nowMs()})
	})
}

// RemoveRunFile takes a file off the actor's run (the file stays in the
// store; nothing refers to it any more).
func (a *App) RemoveRunFile(ctx context.Context, ac Actor, id, fileID string) error {
	return a.editRun(ctx, ac, id, func(tx *store.Tx, _ SOPRun) error {
		n, err := tx.DeleteSOPRunFile(ctx, sqlq.DeleteSOPRunFileParams{RunID: id, FileID: fileID})
		if err == nil && n == 0 {
			err = shopdojo.ErrNotFound
		}
		return err
	})
}

// SubmitRun sends the actor's run for sign-off. Every step must be ticked
// and carry evidence.
func (a *App) SubmitRun(ctx context.Context, ac Actor, id string) error {
	return a.editRun(ctx, ac, id, func(tx *store.Tx, v SOPRun) error {
		var missing []string
		for _, s := range v.Steps {
			if !s.Done || !s.HasEvidence() {
				missing = append(missing, fmt.Sprint(s.No))
			}
		}
		if len(missing) > 0 {
			return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "learn.err_steps_missing",
				Args: map[string]any{"Steps": strings.Join(missing, ", ")}}
		}
		_, err := tx.SubmitSOPRun(ctx, sqlq.SubmitSOPRunParams{ID: id, SubmittedAt: a.nowMs()})
		return err
	})
}

// ReviewRun signs off (approve) or returns a submitted run. A return needs
// a note saying what to redo. Signing off marks the SOP done with the
// version that was run, and every practice unit that runs the SOP done
// with its current version. Both are audited.
func (a *App) ReviewRun(ctx context.Context, ac Actor, id string, approve bool, note string) error {
	if err := ac.require(shopdojo.PermPracticeSignOff); err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	if !approve && note == "" {
		return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid", Fields: map[string]string{"note": "learn.err_return_note"}}
	}
	if utf8.RuneCountInString(note) > maxRunNote {
		return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
			Fields: map[string]string{"note": "learn.err_too_long"}, FieldArgs: map[string]map[string]any{"note": {"N": maxRunNote}}}
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		v, err := a.loadRun(ctx, tx.Queries, ac, id)
		if err != nil {
			return err
		}
		if v.Mine {
			return shopdojo.E(shopdojo.KindForbidden, "learn.err_own_run")
		}
		return a.reviewTx(ctx, tx, ac, v, approve, note)
	})
}

func (a *App) reviewTx(ctx context.Context, tx *store.Tx, ac Actor, v SOPRun, approve bool, note string) error {
	status, action := RunReturned, "sop_run.return"
	if approve {
		status, action = RunSigned, "sop_run.sign"
	}
	now := a.nowMs()
	n, err := tx.ReviewSOPRun(ctx, sqlq.ReviewSOPRunParams{ID: v.ID, Status: status, ReviewerID: ac.PersonID, ReviewedAt: now, ReviewNote: note})
	if err != nil {
		return err
	}
	if n == 0 {
		return shopdojo.E(shopdojo.KindConflict, "learn.err_run_not_submitted")
	}
	if approve {
		if err := a.signedUnitsTx(ctx, tx, v, now); err != nil {
			return err
		}
	}
	return a.record(ctx, tx, ac, change{Action: action, ObjectType: "sop_run", ObjectID: v.ID,
		ObjectName: v.Title + " · " + v.PersonName,
		Before:     map[string]string{"status": v.Status},
		After:      map[string]string{"status": status, "note": note, "person": v.EmployeeNo, "sop_version": fmt.Sprint(v.VersionNo)}})
}

// signedUnitsTx marks the SOP and its practice units (or the practice unit
// without an SOP) done for the runner.
func (a *App) signedUnitsTx(ctx context.Context, tx *store.Tx, v SOPRun, now int64) error {
	if _, err := tx.FinishUnit(ctx, sqlq.FinishUnitParams{PersonID: v.PersonID, UnitID: runRef(v.SOPID, v.UnitID),
		MaterialID: v.materialID, VersionNo: v.VersionNo, StartedAt: now}); err != nil || v.SOPID == "" {
		return err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	for _, u := range sp.idx.PracticeUnits(v.SOPID) {
		f := sp.files[sp.idx.File(u.ID)]
		if _, err := tx.FinishUnit(ctx, sqlq.FinishUnitParams{PersonID: v.PersonID, UnitID: u.ID,
			MaterialID: f.materialID, VersionNo: f.no, StartedAt: now}); err != nil {
			return err
		}
	}
	return nil
}

// RunBrief is a run in a list.
type RunBrief struct {
	ID, SOPID, UnitID, Title, TitleEN      string
	Subject, Status, ReviewNote            string
	PersonID, PersonName, EmployeeNo, Dept string
	CreatedAt, SubmittedAt                 time.Time
	VersionNo                              int64
}

// MyRuns lists the actor's runs of an SOP or of a practice unit without
// one (” for all), newest first.
func (a *App) MyRuns(ctx context.Context, ac Actor, ref string) ([]RunBrief, error) {
	if ac.PersonID == "" {
		return nil, shopdojo.ErrForbidden
	}
	var rows []sqlq.ListPersonSOPRunsRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		rows, err = q.ListPersonSOPRuns(ctx, sqlq.ListPersonSOPRunsParams{PersonID: ac.PersonID, Ref: ref})
		return
	})
	title := a.runTitler(ctx)
	out := make([]RunBrief, len(rows))
	for i, r := range rows {
		zh, en := title(r.SopID, r.UnitID)
		out[i] = RunBrief{ID: r.ID, SOPID: r.SopID, UnitID: r.UnitID, Title: zh, TitleEN: en, Subject: r.Subject, Status: r.Status,
			CreatedAt: fromMs(r.CreatedAt), SubmittedAt: fromMs(r.SubmittedAt), VersionNo: r.VersionNo}
	}
	return out, err
}

// returnedRuns are the person's runs sent back for changes, newest first.
func (a *App) returnedRuns(ctx context.Context, q *store.Queries, personID string) ([]RunBrief, error) {
	rows, err := q.ListReturnedSOPRuns(ctx, personID)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	title := a.runTitler(ctx)
	out := make([]RunBrief, len(rows))
	for i, r := range rows {
		zh, en := title(r.SopID, r.UnitID)
		out[i] = RunBrief{ID: r.ID, SOPID: r.SopID, UnitID: r.UnitID, Title: zh, TitleEN: en, Subject: r.Subject,
			Status: RunReturned, ReviewNote: r.ReviewNote, CreatedAt: fromMs(r.CreatedAt), VersionNo: r.VersionNo}
	}
	return out, nil
}

// RunsToSignOff is the actor's sign-off queue: submitted runs of the people
// they may read, oldest first.
func (a *App) RunsToSignOff(ctx context.Context, ac Actor) ([]RunBrief, error) {
	if err := ac.require(shopdojo.PermPracticeSignOff); err != nil {
		return nil, err
	}
	lp := a.listParams(ac, PeopleFilter{}, "")
	var rows []sqlq.ListSOPRunsToReviewRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		rows, err = q.ListSOPRunsToReview(ctx, sqlq.ListSOPRunsToReviewParams{ViewerID: ac.PersonID,
			ScopeAll: lp.ScopeAll, ScopeMentees: lp.ScopeMentees, ScopeDept: lp.ScopeDept})
		return
	})
	title := a.runTitler(ctx)
	out := make([]RunBrief, len(rows))
	for i, r := range rows {
		zh, en := title(r.SopID, r.UnitID)
		out[i] = RunBrief{ID: r.ID, SOPID: r.SopID, UnitID: r.UnitID, Title: zh, TitleEN: en, Subject: r.Subject, Status: RunSubmitted,
			PersonID: r.PersonID, PersonName: r.PersonName, EmployeeNo: r.EmployeeNo, Dept: r.DepartmentName,
			SubmittedAt: fromMs(r.SubmittedAt), VersionNo: r.VersionNo}
	}
	return out, err
}

// runRef is what a run stands for: its SOP, else its practice unit.
func runRef(sopID, unitID string) string {
	if sopID != "" {
		return sopID
	}
	return unitID
}

// runTitler looks up the zh and en titles of what runs stand for in the
// published pack (the id itself for an item archived since).
func (a *App) runTitler(ctx context.Context) func(sopID, unitID string) (string, string) {
	sp, err := a.pack(ctx)
	return func(sopID, unitID string) (string, string) {
		ref := runRef(sopID, unitID)
		if err == nil {
			if s := sp.idx.SOP(ref); s != nil {
				return s.Title, s.TitleEN
			}
			if u := sp.idx.Unit(ref); u != nil {
				return u.Title, u.TitleEN
			}
		}
		return ref, ref
	}
}

// OpenRunFile opens evidence of a run for its runner or a reviewer who may
// read the run.
func (a *App) OpenRunFile(ctx context.Context, ac Actor, runID, fileID string) (shopdojo.File, blob.Object, error) {
	var f sqlq.File
	err := a.store.Read(ctx, func(q *store.Queries) error {
		if _, err := a.loadRun(ctx, q, ac, runID); err != nil {
			return err
		}
		var err error
		f, err = q.GetSOPRunFile(ctx, sqlq.GetSOPRunFileParams{RunID: runID, FileID: fileID})
		return err
	})
	if err != nil {
		return shopdojo.File{}, nil, err
	}
	return a.openBlob(ctx, f)
}
