package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/server"
)

// benchLoginAs is the demo training manager: the home page shows her the
// whole company's figures, the heaviest version of the page.
const benchLoginAs = "SD9001"

var benchActor = app.SystemActor("bench")

// seedReport says what the database holds after seeding.
type seedReport struct {
	people, active int64
	took           time.Duration
}

// seedBench fills cfg's database with the demo company and then imported
// people up to n in all. The import goes through the same app path as
// `shopdojo import people`, so every row lands in the real tables.
func (e *env) seedBench(ctx context.Context, cfg config.Config, n int) (seedReport, error) {
	start := time.Now()
	inst, err := server.OpenApp(ctx, cfg, e.logger(), server.Options{})
	if err != nil {
		return seedReport{}, fmt.Errorf("open bench database: %w", err)
	}
	defer inst.Close()
	if err := seedDemo(ctx, inst.App); err != nil {
		return seedReport{}, err
	}
	have, _, err := countPeople(ctx, inst.App)
	if err != nil {
		return seedReport{}, err
	}
	if err := importBenchPeople(ctx, inst.App, int(have), n); err != nil {
		return seedReport{}, err
	}
	people, active, err := countPeople(ctx, inst.App)
	return seedReport{people: people, active: active, took: time.Since(start)}, err
}

// seedDemo creates the administrator and the demo company, whose training
// manager the benchmark signs in as.
func seedDemo(ctx context.Context, a *app.App) error {
	// The SQLite file is new; a --db PostgreSQL database might be a real
	// one, which must not get ten thousand made-up people.
	before, _, err := countPeople(ctx, a)
	if err != nil {
		return err
	}
	if before > 0 {
		return fmt.Errorf("bench pages needs an empty database; it holds %d people", before)
	}
	if _, err := a.Bootstrap(ctx); err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	if _, err := a.SeedDemo(ctx); err != nil {
		return fmt.Errorf("seed demo company: %w", err)
	}
	return nil
}

func countPeople(ctx context.Context, a *app.App) (all, active int64, err error) {
	o, err := a.Overview(ctx, benchActor)
	if err != nil {
		return 0, 0, fmt.Errorf("count people: %w", err)
	}
	return o.Active + o.Leaving + o.Left, o.Active, nil
}

// importBenchPeople imports people numbered from..n-1 in rosters of at most
// app.MaxImportRows, spread over the demo departments and hire dates of the
// last three years.
func importBenchPeople(ctx context.Context, a *app.App, from, n int) error {
	for lo := from; lo < n; lo += app.MaxImportRows {
		hi := min(lo+app.MaxImportRows, n)
		rep, err := a.ImportPeople(ctx, benchActor, benchRoster(lo, hi), app.ImportOptions{})
		if err != nil {
			return fmt.Errorf("import bench people %d–%d: %w", lo, hi, err)
		}
		if rep.Created != hi-lo {
			return fmt.Errorf("import bench people %d–%d: %d created, %d problems", lo, hi, rep.Created, len(rep.Problems))
		}
	}
	return nil
}

func benchRoster(lo, hi int) io.Reader {
	depts := []string{"运营部", "客服部", "推广部", "内容部", "仓储物流部"}
	pos := []string{"运营专员", "客服专员", "推广专员", "内容运营", "仓储物流专员"}
	today := time.Now()
	var b bytes.Buffer
	b.WriteString("工号,姓名,手机号,部门,岗位,入职日期\n")
	for i := lo; i < hi; i++ {
		hired := today.AddDate(0, 0, -((i * 7) % 1095)).Format("2006-01-02")
		fmt.Fprintf(&b, "B%06d,员工%d,139%08d,%s,%s,%s\n", i, i, i, depts[i%5], pos[i%5], hired)
	}
	return &b
}

// benchSignIn signs in through the real form and returns the Cookie header
// of the session it created.
func benchSignIn(ctx context.Context, base string) (string, error) {
	client := &http.Client{Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := url.Values{"login": {benchLoginAs}, "password": {app.DemoPassword}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("sign-in request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("sign in as %s: %w", benchLoginAs, err)
	}
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if ck.Name == "sd_session" && ck.Value != "" {
			return ck.Name + "=" + ck.Value, nil
		}
	}
	return "", fmt.Errorf("sign in as %s: %s without a session cookie", benchLoginAs, resp.Status)
}

var statActive = regexp.MustCompile(`data-testid="stat-active">(\d+)<`)

// checkHome fetches the home page once with the session and checks that it
// is the signed-in dashboard counting the seeded people, so the load that
// follows measures the real page and not a redirect or an error page.
func checkHome(ctx context.Context, base, cookie string, wantActive int64) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/", nil)
	if err != nil {
		return 0, fmt.Errorf("home request: %w", err)
	}
	req.Header.Set("Cookie", cookie)
	client := &http.Client{Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("home page: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, fmt.Errorf("read home page: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("home page: %s", resp.Status)
	}
	m := statActive.FindSubmatch(body)
	if m == nil {
		return 0, fmt.Errorf("home page has no active-people figure; not the signed-in dashboard? (%d bytes)", len(body))
	}
	if got, _ := strconv.ParseInt(string(m[1]), 10, 64); got != wantActive {
		return 0, fmt.Errorf("home page shows %d active people, the database holds %d", got, wantActive)
	}
	return len(body), nil
}
