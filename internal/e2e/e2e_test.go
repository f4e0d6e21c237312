// Package e2e drives the real server in headless Chromium (Debian's
// chromium package) the way a person would. Tests skip when Chromium is
// absent. Set SHOPDOJO_SCREENSHOTS=DIR to keep screenshots.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/search"
	"github.com/shopdojo/shopdojo/internal/server"
	"github.com/shopdojo/shopdojo/internal/store/storetest"
)

// The demo, seeded once per test binary (it takes seconds) into a data
// directory and, on PostgreSQL, a database; start gives every test its own
// copy of both, so tests still never share state.
type demoTemplate struct {
	dir, db, adminPW string
	err              error
}

var (
	demoOnce sync.Once
	demo     demoTemplate
	// segmenter is shared by every server the tests start: each would
	// otherwise load the search dictionary (over a second of CPU and
	// 130 MB) for itself.
	segmenter = search.NewSegmenter()
)

func TestMain(m *testing.M) {
	code := m.Run()
	if demo.dir != "" {
		_ = os.RemoveAll(demo.dir)
	}
	if demo.db != "" {
		storetest.Drop(os.Getenv("SHOPDOJO_TEST_PG"), demo.db)
	}
	os.Exit(code)
}

// seedDemoTemplate bootstraps and seeds the demo, runs what serve's
// attempt job does first (the demo learner's mistake deck, so no test
// races it) and the search index, and closes the server, leaving the data
// to copy.
func seedDemoTemplate() (d demoTemplate) {
	ctx := context.Background()
	cfg := config.Default()
	if d.dir, d.err = os.MkdirTemp("", "shopdojo-e2e-demo-"); d.err != nil {
		return d
	}
	cfg.DataDir = d.dir
	if pg := os.Getenv("SHOPDOJO_TEST_PG"); pg != "" {
		if d.db, cfg.DB, d.err = storetest.Persistent(pg); d.err != nil {
			return d
		}
	}
	srv, err := server.Open(ctx, cfg, slog.New(slog.DiscardHandler), server.Options{FastPasswords: true, Segmenter: segmenter})
	if err != nil {
		d.err = err
		return d
	}
	defer srv.Close()
	if d.adminPW, d.err = srv.App.Bootstrap(ctx); d.err != nil {
		return d
	}
	if _, d.err = srv.App.SeedDemo(ctx); d.err != nil {
		return d
	}
	if _, _, d.err = srv.App.RunAttemptJobs(ctx); d.err != nil {
		return d
	}
	// The index and its stamps travel with the copies, so a test's server
	// finds every source indexed instead of segmenting the demo again.
	_, d.err = srv.App.EnsureSearchIndex(ctx, false)
	return d
}

// parallel lets browser tests overlap (go test's -parallel, GOMAXPROCS by
// default, says how many): much of a flow is waiting for the browser.
// Each test has its own server, database and browser. Called from start,
// once per test even when a test starts two sites.
func parallel(t *testing.T) {
	if _, again := parallelTests.LoadOrStore(t, true); !again {
		t.Parallel()
	}
}

var parallelTests sync.Map

// storeID is the id of the demo store with this name.
func (s *site) storeID(t *testing.T, name string) string {
	t.Helper()
	stores, err := s.srv.App.Stores(context.Background(), app.SystemActor("test"))
	must(t, err)
	for _, st := range stores {
		if st.Name == name {
			return st.ID
		}
	}
	t.Fatalf("no demo store %s", name)
	return ""
}

type site struct {
	url      string
	adminPW  string
	srv      *server.Server
	shotsDir string
}

func chromium(t *testing.T) string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	t.Skip("chromium not installed (apt-get install chromium)")
	return ""
}

func start(t *testing.T) *site {
	t.Helper()
	parallel(t)
	demoOnce.Do(func() { demo = seedDemoTemplate() })
	if demo.err != nil {
		t.Fatalf("demo template: %v", demo.err)
	}
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	if err := os.CopyFS(cfg.DataDir, os.DirFS(demo.dir)); err != nil {
		t.Fatal(err)
	}
	if demo.db != "" {
		cfg.DB = storetest.Clone(t, os.Getenv("SHOPDOJO_TEST_PG"), demo.db)
	}
	ctx, cancel := context.WithCancel(context.Background())
	// The server's log is shown when the test fails: a page that never
	// comes is often a 500 that only the log explains.
	var logBuf syncBuffer
	log := slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelWarn}))
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", logBuf.String())
		}
	})
	srv, err := server.Open(ctx, cfg, log, server.Options{FastPasswords: true, Segmenter: segmenter})
	if err != nil {
		t.Fatal(err)
	}
	pw := demo.adminPW
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = srv.Serve(ctx, l); close(done) }()
	t.Cleanup(func() { cancel(); <-done; srv.Close() })
	shots := os.Getenv("SHOPDOJO_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	return &site{url: "http://" + l.Addr().String(), adminPW: pw, srv: srv, shotsDir: shots}
}

// browser opens a fresh headless Chromium tab sized w×h.
func browser(t *testing.T, w, h int, mobile bool) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("lang", "zh-CN"), chromedp.WindowSize(w, h),
		chromedp.UserDataDir(t.TempDir()))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	// A guard against a hung browser, not a speed target: under CI, with
	// the other packages' tests on the same two cores, a long flow took 100 s.
	ctx, cancel3 := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(cancel3)
	if mobile {
		do(t, ctx, chromedp.EmulateViewport(int64(w), int64(h), chromedp.EmulateScale(2), chromedp.EmulateMobile))
	}
	watchErrors(t, ctx)
	return ctx
}

// watchErrors fails the test, when it ends, if the page threw a script
// error or the browser reported a Content-Security-Policy violation: every
// flow is also a check that the front end runs under the strict CSP.
func watchErrors(t *testing.T, ctx context.Context) {
	var mu sync.Mutex
	var problems []string
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError && strings.Contains(e.Entry.Text, "Content Security Policy") {
				problems = append(problems, e.Entry.Text)
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + strings.SplitN(d.Exception.Description, "\n", 2)[0]
			}
			problems = append(problems, msg+" ("+d.URL+")")
		}
	})
	if err == nil {
		_, err = chromedp.Call(ctx, cdplog.Enable, cdp.Empty{})
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("browser reported: %s", p)
		}
	})
}

type css = chromedp.CSS

// shot saves a full-page screenshot, after checking that nothing pushes the
// page wider than the window (wide tables scroll inside their card).
func (s *site) shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err == nil && wide > 0 {
		t.Errorf("%s: the page is %d px wider than the window", name, wide)
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(s.shotsDir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// do runs the steps and fails the test with the page's address on error.
// syncBuffer is a bytes.Buffer for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// toLocale switches the page's language: it picks the language in the
// select and submits its form, as the select's change handler does, in one
// script. Two protocol calls (set the value, fire the change) raced the
// reload they cause, and a change fired before the page's script had
// attached its handler was lost.
func toLocale(locale string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const s = document.querySelector('#locale-switch');
		s.value = %q; s.form.requestSubmit(); })()`, locale))
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("at %s: %v", loc, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func signIn(t *testing.T, ctx context.Context, s *site, login, password string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(s.url+"/login"),
		chromedp.WaitVisible(css("#login")),
		chromedp.SendKeys(css("#login"), login),
		chromedp.SendKeys(css("#password"), password),
		chromedp.Click(css("form.form button[type=submit]")))
}

// waitText waits until the element sel contains want, e.g. after a form
// post whose result replaces a page that looked alike. It polls from Go
// because a navigation cancels an in-page poll.
func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	js := fmt.Sprintf(`document.querySelector(%q)?.textContent || ""`, sel)
	var got string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js)); err == nil {
			if got = s; strings.Contains(s, want) {
				return
			}
		}
	}
	t.Fatalf("waiting for %q in %s: has %q", want, sel, got)
}

// value is the current value of a form control.
func value(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Value(css(sel)))
	if err != nil {
		t.Fatalf("value of %s: %v", sel, err)
	}
	return s
}
