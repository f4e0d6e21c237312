package cli

import (
	"database/sql"
	"os"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// Temporary: time home-page queries and rewrites on a seeded copy.
func TestZZQueries(t *testing.T) {
	path := os.Getenv("PROF_DB")
	if path == "" {
		t.Skip()
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	qs := []struct{ name, q string }{
		{"CountPeopleByStatus", `SELECT status, COUNT(*) AS n FROM people GROUP BY status ORDER BY status`},
		{"CountPeopleHiredSince", `SELECT COUNT(*) FROM people WHERE hire_date >= '2026-11-01' AND status <> 'left'`},
		{"CountPeopleByDepartment", `SELECT COALESCE(d.name, '') AS name, COUNT(*) AS n FROM people p LEFT JOIN departments d ON d.id = p.department_id WHERE p.status <> 'left' GROUP BY d.name ORDER BY n DESC, d.name`},
		{"CountPeopleByPosition", `SELECT COALESCE(ps.name, '') AS name, COUNT(*) AS n FROM people p LEFT JOIN positions ps ON ps.id = p.position_id WHERE p.status <> 'left' GROUP BY ps.name ORDER BY n DESC, ps.name`},
		{"ListDepartments", `SELECT d.id, d.parent_id, d.name, d.code, d.sort_order, d.created_at, d.updated_at, (SELECT COUNT(*) FROM people p WHERE p.department_id = d.id AND p.status <> 'left') AS people FROM departments d ORDER BY d.sort_order, d.name, d.id`},
		{"ListPositions", `SELECT ps.id, ps.name, ps.code, ps.description, ps.created_at, ps.updated_at, (SELECT COUNT(*) FROM people p WHERE p.position_id = ps.id AND p.status <> 'left') AS people FROM positions ps ORDER BY ps.name, ps.id`},
		{"rewrite ByDepartment grouped by id", `SELECT COALESCE(d.name, '') AS name, c.n FROM (SELECT department_id, COUNT(*) AS n FROM people WHERE status <> 'left' GROUP BY department_id) c LEFT JOIN departments d ON d.id = c.department_id ORDER BY c.n DESC, name`},
		{"rewrite ByPosition grouped by id", `SELECT COALESCE(ps.name, '') AS name, c.n FROM (SELECT position_id, COUNT(*) AS n FROM people WHERE status <> 'left' GROUP BY position_id) c LEFT JOIN positions ps ON ps.id = c.position_id ORDER BY c.n DESC, name`},
		{"rewrite CountDepartments", `SELECT COUNT(*) FROM departments`},
		{"rewrite one pass dept,pos,status", `SELECT department_id, position_id, status, COUNT(*) FROM people GROUP BY department_id, position_id, status`},
	}
	for _, q := range qs {
		var n int
		t0 := time.Now()
		for i := 0; i < 30; i++ {
			rows, err := db.Query(q.q)
			if err != nil {
				t.Fatal(q.name, err)
			}
			for rows.Next() {
				n++
			}
			rows.Close()
		}
		t.Logf("%-36s %6.2f ms", q.name, float64(time.Since(t0).Microseconds())/30/1000)
	}
}
