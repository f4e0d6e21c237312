package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo/internal/config"
)

// TestBenchLearner runs the whole benchmark small, with both servers in
// the test process: the seeding must write every row and give every
// learner a page that shows their progress, and the load must get 200s.
func TestBenchLearner(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds a database and loads a server for a few seconds")
	}
	var out, errOut bytes.Buffer
	e := &env{cfg: config.Default(), io: Stdio{Out: &out, Err: &errOut}, getenv: func(string) string { return "" }}
	o := learnerOpts{learners: 20, units: 200, conns: 4, sample: 20, warmup: 200 * time.Millisecond, dur: time.Second, inProcess: true}
	res, err := e.runLearnerBench(context.Background(), o)
	if err != nil {
		t.Fatalf("bench learner: %v\n%s", err, errOut.String())
	}
	s := res.seed
	if len(s.learners) != 20 || s.rows != 20*200 || s.packRows+s.retired != 200 || s.packRows < 100 {
		t.Errorf("seeded %d learners, %d rows (%d from the pack, %d retired)", len(s.learners), s.rows, s.packRows, s.retired)
	}
	if s.assignments < 40 || s.importTook <= 0 || s.imp.Files == 0 || s.imp.Created != s.imp.Files {
		t.Errorf("import %+v in %s, %d assignments", s.imp, s.importTook, s.assignments)
	}
	if res.checked != 20 || res.avgBytes < 1000 {
		t.Errorf("checked %d pages of %d bytes on average", res.checked, res.avgBytes)
	}
	for name, r := range map[string]loadResult{"bare": res.bare, "learn": res.learn} {
		if r.ok < 10 || r.bad != 0 || r.pct(50) <= 0 || r.pct(99) < r.pct(50) || r.rate() <= 0 {
			t.Errorf("%s: %d ok, %d failed (%s), p50 %s, p99 %s", name, r.ok, r.bad, r.firstBad, r.pct(50), r.pct(99))
		}
	}
	e.printLearner(res)
	t.Log(out.String())
	for _, want := range []string{"learn/bare throughput", "learn p99 latency", "built-in content import", "4000 rows in all"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

// A page that shows other counts than were seeded must fail the check.
func TestCheckTiles(t *testing.T) {
	l := &benchLearner{no: "B000001", paths: map[string]pathWant{
		"p1": {title: "新人入职第一周：入门速成", titleEN: "Onboarding", done: 3, units: 24}}}
	page := func(done string) []byte {
		return []byte(`<span class="path-tile-title">新人入职第一周：入门速成</span></div>
<div class="progress-label"><span>已完成 ` + done + `/24 个单元</span><span>12%</span></div>`)
	}
	if err := checkTiles(l, page("3")); err != nil {
		t.Errorf("matching page: %v", err)
	}
	if err := checkTiles(l, page("4")); err == nil {
		t.Error("a page with 4 done passed for 3 seeded")
	}
	en := []byte(`<span class="path-tile-title">Onboarding</span><span>3 of 24 units done</span>`)
	if err := checkTiles(l, en); err != nil {
		t.Errorf("English page: %v", err)
	}
	if err := checkTiles(l, []byte("<html>sign in</html>")); err == nil {
		t.Error("a page without tiles passed")
	}
}
