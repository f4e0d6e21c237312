package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/server"
)

type benchResult struct {
	reqs     int
	errs     int
	rate     float64
	p50, p99 time.Duration
}

func benchPagesCmd(e *env) *cobra.Command {
	var people, conns int
	var dur time.Duration
	c := &cobra.Command{Use: "pages", Short: "Signed-in home page with N people vs a bare net/http JSON handler", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return e.benchPages(cmd.Context(), people, conns, dur) }}
	c.Flags().IntVar(&people, "people", 10000, "people in the database")
	c.Flags().IntVar(&conns, "conns", 64, "concurrent connections")
	c.Flags().DurationVar(&dur, "duration", 5*time.Second, "load duration per target")
	return c
}

func (e *env) benchPages(ctx context.Context, people, conns int, dur time.Duration) error {
	dir, err := os.MkdirTemp("", "shopdojo-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg := config.Default()
	cfg.DataDir = dir
	cfg.DB = e.cfg.DB
	start := time.Now()
	srv, err := server.Open(ctx, cfg, e.logger(), server.Options{})
	if err != nil {
		return err
	}
	defer srv.Close()
	startup := time.Since(start)
	if err := seedBench(ctx, srv.App, people); err != nil {
		return err
	}
	appURL, stopApp, err := listen(srv.Handler)
	if err != nil {
		return err
	}
	defer stopApp()
	bareURL, stopBare, err := listen(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok":true,"service":"bare"}`))
	}))
	if err != nil {
		return err
	}
	defer stopBare()
	cookie, err := benchLogin(appURL)
	if err != nil {
		return err
	}
	runtime.GC()
	time.Sleep(200 * time.Millisecond)
	idle := rssMB()
	bare := load(ctx, bareURL+"/", "", conns, dur)
	home := load(ctx, appURL+"/", cookie, conns, dur)
	fmt.Fprintf(e.io.Out, "bench pages: %d people, %d connections, %s per target, %s, GOMAXPROCS=%d\n",
		people, conns, dur, srv.Store.Dialect, runtime.GOMAXPROCS(0))
	fmt.Fprintf(e.io.Out, "  bare net/http JSON : %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d\n", bare.rate, ms(bare.p50), ms(bare.p99), bare.errs)
	fmt.Fprintf(e.io.Out, "  signed-in home page: %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d\n", home.rate, ms(home.p50), ms(home.p99), home.errs)
	fmt.Fprintf(e.io.Out, "  ratio home/bare    : %.1f%% (target >= 10%%, p99 <= 50 ms)\n", 100*home.rate/bare.rate)
	fmt.Fprintf(e.io.Out, "  idle RSS           : %.1f MB (target <= 80 MB before Chinese search)\n", idle)
	fmt.Fprintf(e.io.Out, "  start-up to ready  : %d ms (open, migrate, build handlers)\n", startup.Milliseconds())
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func seedBench(ctx context.Context, a *app.App, n int) error {
	if _, err := a.Bootstrap(ctx); err != nil {
		return err
	}
	if _, err := a.SeedDemo(ctx); err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("工号,姓名,手机号,部门,岗位,入职日期\n")
	depts := []string{"运营部", "客服部", "推广部", "内容部", "仓储物流部"}
	pos := []string{"运营专员", "客服专员", "推广专员", "内容运营", "仓储物流专员"}
	for i := 0; i < n-30; i++ {
		fmt.Fprintf(&b, "B%06d,员工%d,139%08d,%s,%s,2024-%02d-%02d\n", i, i, i, depts[i%5], pos[i%5], 1+i%12, 1+i%28)
	}
	_, err := a.ImportPeople(ctx, app.SystemActor("bench"), &b, app.ImportOptions{})
	return err
}

func listen(h http.Handler) (string, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(l) }()
	return "http://" + l.Addr().String(), func() { _ = hs.Close() }, nil
}

func benchLogin(base string) (string, error) {
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := url.Values{"login": {"SD9001"}, "password": {app.DemoPassword}}
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if ck.Name == "sd_session" {
			return ck.Name + "=" + ck.Value, nil
		}
	}
	return "", fmt.Errorf("bench sign-in failed: %s", resp.Status)
}

// load runs conns workers against target for dur and collects latencies.
func load(ctx context.Context, target, cookie string, conns int, dur time.Duration) benchResult {
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	deadline := time.Now().Add(dur)
	var mu sync.Mutex
	var lat []time.Duration
	var errs int
	var wg sync.WaitGroup
	for i := 0; i < conns; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t := time.Now()
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
				if cookie != "" {
					req.Header.Set("Cookie", cookie)
				}
				resp, err := client.Do(req)
				if err != nil {
					bad++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					bad++
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	r := benchResult{reqs: len(lat), errs: errs, rate: float64(len(lat)) / dur.Seconds()}
	if len(lat) > 0 {
		r.p50, r.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r
}

// rssMB reads the process's resident set size from /proc (Linux).
func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmRSS:")), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}
