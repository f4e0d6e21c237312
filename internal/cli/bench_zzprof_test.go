package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/pprof"
	"sync"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/server"
)

// Temporary: profile the home page in-process against a seeded copy.
func TestZZProfHome(t *testing.T) {
	dir := os.Getenv("PROF_DATA")
	if dir == "" {
		t.Skip()
	}
	ctx := context.Background()
	cfg := config.Default()
	cfg.DataDir = dir
	srv, err := server.Open(ctx, cfg, (&env{io: Stdio{Err: os.Stderr}}).logger(), server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv.Handler)
	defer ts.Close()
	cookie, err := benchLogin(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	path := os.Getenv("PROF_PATH")
	if path == "" {
		path = "/"
	}
	one := func() {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Cookie", cookie)
		w := httptest.NewRecorder()
		srv.Handler.ServeHTTP(w, req)
		if w.Code != 200 {
			t.Fatal(w.Code)
		}
	}
	one()
	t0 := time.Now()
	for i := 0; i < 20; i++ {
		one()
	}
	t.Logf("serial: %v per request", time.Since(t0)/20)
	f, _ := os.Create("/tmp/prof/cpu.out")
	pprof.StartCPUProfile(f)
	t0 = time.Now()
	var wg sync.WaitGroup
	n := 0
	var mu sync.Mutex
	for c := 0; c < 16; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Since(t0) < 5*time.Second {
				one()
				mu.Lock()
				n++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	pprof.StopCPUProfile()
	f.Close()
	t.Logf("parallel: %.1f req/s", float64(n)/time.Since(t0).Seconds())
	_ = http.StatusOK
}
