package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/auth"
	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/server"
)

// benchLearner is one seeded learner: a session, and what 我的学习 must
// show them.
type benchLearner struct {
	no, id, position string
	session          string   // sd_session cookie value
	pathIDs          []string // in the order their units come in the progress rows
	paths            map[string]pathWant
}

// pathWant is a path tile as the learner's progress makes it.
type pathWant struct {
	title, titleEN string
	done, units    int
}

// learnerSeed is what `bench learner` runs against.
type learnerSeed struct {
	pack                 string // id and version of the built-in pack
	imp                  app.ContentReport
	importTook           time.Duration
	learners             []*benchLearner
	rows                 int64 // progress rows written
	packRows, retired    int   // per learner: on units and SOPs of the pack, on units it no longer has
	assignments          int
	people, paths, total time.Duration
	sessions, progress   time.Duration
}

// seedLearners fills cfg's empty database. The built-in pack is imported
// first, on the fresh database, and timed; then the demo company (whose own
// import of the pack then changes nothing), o.learners people by the app's
// roster import (its rules give each their position's path), the
// onboarding path to everyone and a second position's path to every fourth
// by hand, and finally a session and o.units progress rows per learner.
func (e *env) seedLearners(ctx context.Context, cfg config.Config, o learnerOpts) (learnerSeed, error) {
	start := time.Now()
	var s learnerSeed
	inst, err := server.OpenApp(ctx, cfg, e.logger(), server.Options{FastPasswords: true})
	if err != nil {
		return s, fmt.Errorf("open bench database: %w", err)
	}
	defer inst.Close()
	a := inst.App
	admin, err := e.importForBench(ctx, a, &s)
	if err != nil {
		return s, err
	}
	if _, err := a.SeedDemo(ctx); err != nil {
		return s, fmt.Errorf("seed demo company: %w", err)
	}
	e.say("learner", "importing %d learners …", o.learners)
	t := time.Now()
	have, _, err := countPeople(ctx, a)
	if err != nil {
		return s, err
	}
	if err := importBenchPeople(ctx, a, int(have), int(have)+o.learners); err != nil {
		return s, err
	}
	if s.learners, err = listLearners(ctx, a, int(have), o.learners); err != nil {
		return s, err
	}
	s.people, t = time.Since(t), time.Now()
	p, err := storedPack(ctx, a, admin)
	if err != nil {
		return s, err
	}
	x := curriculum.NewIndex(p)
	if s.assignments, err = assignLearnerPaths(ctx, a, admin, x, s.learners); err != nil {
		return s, err
	}
	s.paths, t = time.Since(t), time.Now()
	e.say("learner", "signing in %d learners …", o.learners)
	if err := seedSessions(ctx, inst, s.learners); err != nil {
		return s, err
	}
	s.sessions, t = time.Since(t), time.Now()
	if err := e.seedProgress(ctx, inst, admin, x, o.units, &s); err != nil {
		return s, err
	}
	s.progress, s.total = time.Since(t), time.Since(start)
	return s, nil
}

// storedPack is the curriculum as the app serves it: the demo adds a unit
// to the built-in pack and reorders a course, which renames its files.
func storedPack(ctx context.Context, a *app.App, admin app.Actor) (curriculum.Pack, error) {
	files, _, err := a.ContentFiles(ctx, admin)
	if err != nil {
		return curriculum.Pack{}, fmt.Errorf("read the stored curriculum: %w", err)
	}
	fsys := fstest.MapFS{}
	for name, b := range files {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	p, _ := curriculum.Read(fsys)
	return p, nil
}

// importForBench bootstraps the empty database and imports the built-in
// pack as its administrator, timing only the import; it returns the
// administrator, who also does the rest of the seeding.
func (e *env) importForBench(ctx context.Context, a *app.App, s *learnerSeed) (app.Actor, error) {
	// The SQLite file is new; a --db PostgreSQL database might be a real one.
	if before, _, err := countPeople(ctx, a); err != nil || before > 0 {
		if err == nil {
			err = fmt.Errorf("bench learner needs an empty database; it holds %d people", before)
		}
		return app.Actor{}, err
	}
	if _, err := a.Bootstrap(ctx); err != nil {
		return app.Actor{}, fmt.Errorf("bootstrap: %w", err)
	}
	p, err := a.PersonByEmployeeNo(ctx, benchActor, "admin")
	if err != nil {
		return app.Actor{}, err
	}
	admin, err := a.ActorFor(ctx, p.ID)
	if err != nil {
		return app.Actor{}, err
	}
	e.say("learner", "importing the built-in curriculum into the fresh database …")
	t := time.Now()
	s.imp, err = a.ImportContent(ctx, admin, curriculum.Builtin(), "bench learner: import the built-in pack")
	s.importTook = time.Since(t)
	if err != nil {
		return admin, fmt.Errorf("import the built-in pack: %w", err)
	}
	pack, _ := curriculum.Read(curriculum.Builtin())
	s.pack = pack.ID + " " + pack.Version
	return admin, nil
}

// listLearners finds the n people numbered from `from` on, as
// importBenchPeople numbered them.
func listLearners(ctx context.Context, a *app.App, from, n int) ([]*benchLearner, error) {
	want := make(map[string]int, n)
	for i := range n {
		want[fmt.Sprintf("B%06d", from+i)] = i
	}
	out := make([]*benchLearner, n)
	f := app.PeopleFilter{Limit: 500}
	for {
		page, err := a.People(ctx, benchActor, f)
		if err != nil {
			return nil, fmt.Errorf("list learners: %w", err)
		}
		for _, p := range page.People {
			if i, ok := want[p.EmployeeNo]; ok {
				out[i] = &benchLearner{no: p.EmployeeNo, id: p.ID, position: p.PositionName, paths: map[string]pathWant{}}
			}
		}
		if page.Next == "" {
			break
		}
		f.After = page.Next
	}
	for i, l := range out {
		if l == nil {
			return nil, fmt.Errorf("learner B%06d was not imported", from+i)
		}
	}
	return out, nil
}

// setPathIDs gives each learner their paths: onboarding (by hand,
// everyone), their position's (by the demo's rules) and for every fourth
// the next position's (by hand, cross-training).
func setPathIDs(x *curriculum.Index, ls []*benchLearner) error {
	var positions []string
	byPosition := map[string]string{}
	for _, pa := range x.Pack.Paths {
		if !pa.Onboarding {
			positions = append(positions, pa.Position)
			byPosition[pa.Position] = pa.ID
		}
	}
	onb := x.Onboarding()
	if onb == nil || len(positions) < 2 {
		return fmt.Errorf("the built-in pack has no onboarding path or fewer than two position paths")
	}
	for i, l := range ls {
		own, ok := byPosition[l.position]
		if !ok {
			return fmt.Errorf("learner %s: no path for position %q", l.no, l.position)
		}
		ids := []string{onb.ID, own}
		if i%4 == 0 {
			k := 0
			for positions[k] != l.position {
				k++
			}
			ids = append(ids, byPosition[positions[(k+1)%len(positions)]])
		}
		l.pathIDs = ids
	}
	return nil
}

// assignLearnerPaths gives the learners the paths rules did not, through
// the same app call as the path admin page.
func assignLearnerPaths(ctx context.Context, a *app.App, admin app.Actor, x *curriculum.Index, ls []*benchLearner) (int, error) {
	if err := setPathIDs(x, ls); err != nil {
		return 0, err
	}
	byPath := map[string][]string{}
	n := 0
	for _, l := range ls {
		for j, id := range l.pathIDs {
			if j != 1 { // the position's path came with the import, by rule
				byPath[id] = append(byPath[id], l.no)
			}
			pa := x.Path(id)
			l.paths[id] = pathWant{title: pa.Title, titleEN: pa.TitleEN}
			n++
		}
	}
	// In lists of a thousand, as a manager pastes them: AssignPath takes
	// a bounded number at a time.
	for _, pa := range x.Pack.Paths {
		nos := byPath[pa.ID]
		for lo := 0; lo < len(nos); lo += 1000 {
			if _, err := a.AssignPath(ctx, admin, pa.ID, nos[lo:min(lo+1000, len(nos))], 0); err != nil {
				return n, fmt.Errorf("assign %s: %w", pa.ID, err)
			}
		}
	}
	return n, nil
}

// The rest is written in bulk with Store.Exec, the door for maintenance
// tools: the app has no bulk path for sessions or progress (a learner
// makes their own, a row per click), and two million rows through it
// would take hours. Each statement is one transaction of benchBatch rows.
const benchBatch = 2000

// placeholder is the n-th (1-based) parameter of a statement for Exec:
// PostgreSQL's $n, and on SQLite a bare ?, bound in order. Exec would turn
// $n into SQLite's numbered ?n, which modernc's driver binds in time
// quadratic in their number: 5,000 rows/s in statements of 2,000 rows,
// against 280,000 with bare ones.
func placeholder(inst *server.Instance, n int) string {
	if inst.Store.Dialect == "postgres" {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}

// bulkInsert inserts rows (each of width values) into table(cols) in
// statements of benchBatch rows.
func bulkInsert(ctx context.Context, inst *server.Instance, table, cols string, width int, rows [][]any, done func(int)) error {
	for lo := 0; lo < len(rows); lo += benchBatch {
		batch := rows[lo:min(lo+benchBatch, len(rows))]
		var q strings.Builder
		fmt.Fprintf(&q, "INSERT INTO %s (%s) VALUES ", table, cols)
		args := make([]any, 0, len(batch)*width)
		for i, r := range batch {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteByte('(')
			for j := range width {
				if j > 0 {
					q.WriteByte(',')
				}
				q.WriteString(placeholder(inst, len(args)+j+1))
			}
			q.WriteByte(')')
			args = append(args, r...)
		}
		if err := inst.Store.Exec(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("insert %s: %w", table, err)
		}
		if done != nil {
			done(lo + len(batch))
		}
	}
	return nil
}

// seedSessions gives every learner a session, stored as the app stores
// one made at sign-in (the hash of a random secret), and clears the
// must-change flag the roster import sets, which would send every request
// to the password form.
func seedSessions(ctx context.Context, inst *server.Instance, ls []*benchLearner) error {
	now := time.Now()
	rows := make([][]any, len(ls))
	for i, l := range ls {
		l.session = auth.Token("", 32)
		rows[i] = []any{auth.HashToken(l.session), l.id, now.UnixMilli(), now.UnixMilli(),
			now.Add(7 * 24 * time.Hour).UnixMilli(), "127.0.0.1", "shopdojo-bench"}
	}
	for lo := 0; lo < len(ls); lo += benchBatch {
		batch := ls[lo:min(lo+benchBatch, len(ls))]
		marks := make([]string, len(batch))
		args := make([]any, len(batch))
		for i, l := range batch {
			marks[i], args[i] = placeholder(inst, i+1), l.id
		}
		q := "UPDATE accounts SET must_change = FALSE WHERE person_id IN (" + strings.Join(marks, ",") + ")"
		if err := inst.Store.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("accounts: %w", err)
		}
	}
	return bulkInsert(ctx, inst, "sessions", "id_hash, person_id, created_at, last_seen_at, expires_at, ip, user_agent", 7, rows, nil)
}

// progressItem is a unit (or SOP) progress can be on, with the stored
// file version a learner would have read.
type progressItem struct {
	id, materialID string
	versionNo      int64
}

// progressItems lists what a learner's progress rows are on, their paths'
// units and SOPs first, in path order, then the pack's other units and
// SOPs, then units the pack no longer has: progress is kept per unit, so a
// learner of some years carries rows of units a later pack dropped. The
// pack has fewer than 200 units, so such rows make up the count.
func progressItems(x *curriculum.Index, files map[string]progressItem, pathIDs []string, n int) (items []progressItem, fromPack int) {
	seen := map[string]bool{}
	add := func(id string) {
		if f, ok := files[id]; ok && !seen[id] && len(items) < n {
			seen[id] = true
			items = append(items, progressItem{id: id, materialID: f.materialID, versionNo: f.versionNo})
		}
	}
	for _, id := range pathIDs {
		for _, st := range x.Path(id).Stages {
			for _, it := range st.Items {
				if x.Kind(it.Ref) == "sop" {
					add(it.Ref)
				}
				for _, u := range x.Units(it.Ref) {
					add(u.ID)
				}
			}
		}
	}
	for _, m := range x.Pack.Modules {
		for _, c := range m.Courses {
			for _, u := range c.Units {
				add(u.ID)
			}
		}
		for _, sp := range m.SOPs {
			add(sp.ID)
		}
	}
	fromPack = len(items)
	for k := 0; len(items) < n; k++ {
		// A retired unit's own file would be archived; the page reads no
		// material of a row, so it borrows a live one.
		f := items[k%fromPack]
		items = append(items, progressItem{id: fmt.Sprintf("retired-unit-%03d", k+1), materialID: f.materialID, versionNo: f.versionNo})
	}
	return items, fromPack
}

// packFiles finds the stored material and published version of each unit
// and SOP file of the pack.
func packFiles(ctx context.Context, a *app.App, admin app.Actor, x *curriculum.Index) (map[string]progressItem, error) {
	out := map[string]progressItem{}
	add := func(id string) error {
		v, ok, err := a.MaterialFor(ctx, admin, app.KindCurriculum, x.File(id))
		if err != nil || !ok || v.Material.PublishedNo == 0 {
			return fmt.Errorf("stored file of %s (%s): found %v, %v", id, x.File(id), ok, err)
		}
		out[id] = progressItem{id: id, materialID: v.Material.ID, versionNo: v.Material.PublishedNo}
		return nil
	}
	for _, m := range x.Pack.Modules {
		for _, c := range m.Courses {
			for _, u := range c.Units {
				if err := add(u.ID); err != nil {
					return nil, err
				}
			}
		}
		for _, sp := range m.SOPs {
			if err := add(sp.ID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// seedProgress writes `units` progress rows per learner: each learner is
// done with a share of 55–95 % of them (seeded, so every run is the same)
// and has started the rest, over the past year; it works out each path
// tile the page must then show.
func (e *env) seedProgress(ctx context.Context, inst *server.Instance, admin app.Actor, x *curriculum.Index, units int, s *learnerSeed) error {
	files, err := packFiles(ctx, inst.App, admin, x)
	if err != nil {
		return err
	}
	total := len(s.learners) * units
	e.say("learner", "writing %d progress rows (%d learners × %d) …", total, len(s.learners), units)
	now := time.Now().UnixMilli()
	year := (365 * 24 * time.Hour).Milliseconds()
	const cols = "person_id, unit_id, material_id, version_no, status, started_at, done_at, updated_at"
	// A few thousand learners at a time, so memory stays bounded.
	per := max(1, 20*benchBatch/max(units, 1))
	next := total / 10
	for lo := 0; lo < len(s.learners); lo += per {
		var rows [][]any
		for i := lo; i < min(lo+per, len(s.learners)); i++ {
			l := s.learners[i]
			items, fromPack := progressItems(x, files, l.pathIDs, units)
			s.packRows, s.retired = fromPack, len(items)-fromPack
			rng := rand.New(rand.NewPCG(uint64(i), 0x5eed))
			share := 0.55 + 0.4*rng.Float64()
			done := map[string]bool{}
			for _, it := range items {
				started := now - rng.Int64N(year)
				row := []any{l.id, it.id, it.materialID, it.versionNo, app.StateStarted, started, int64(0), started}
				if rng.Float64() < share {
					at := min(now, started+rng.Int64N(3*24*time.Hour.Milliseconds()))
					row[4], row[6], row[7] = app.StateDone, at, at
					done[it.id] = true
				}
				rows = append(rows, row)
			}
			wantTiles(x, l, done)
		}
		base := int64(lo * units)
		err := bulkInsert(ctx, inst, "unit_progress", cols, 8, rows, func(n int) {
			s.rows = base + int64(n)
			if s.rows >= int64(next) && next > 0 {
				e.say("learner", "  %d / %d rows", s.rows, total)
				next += total / 10
			}
		})
		if err != nil {
			return err
		}
	}
	e.say("learner", "  rebuilding the learner_states read model from the bulk-loaded rows …")
	return inst.Store.RebuildLearnerStates(ctx)
}

// wantTiles works out the done and unit counts of a learner's path tiles
// as 我的学习 counts them: a course or unit item counts its units, an SOP
// one unit.
func wantTiles(x *curriculum.Index, l *benchLearner, done map[string]bool) {
	for id, w := range l.paths {
		w.done, w.units = 0, 0
		for _, st := range x.Path(id).Stages {
			for _, it := range st.Items {
				switch x.Kind(it.Ref) {
				case "sop":
					w.units++
					if done[it.Ref] {
						w.done++
					}
				case "course", "unit":
					for _, u := range x.Units(it.Ref) {
						w.units++
						if done[u.ID] {
							w.done++
						}
					}
				}
			}
		}
		l.paths[id] = w
	}
}
