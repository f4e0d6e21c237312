package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// loadSpec is one closed-loop load run: conns workers, each with its own
// keep-alive connection, send the next request as soon as the last answers.
type loadSpec struct {
	url    string
	cookie string // Cookie header, "" for none
	conns  int
	warmup time.Duration // run first and thrown away: opens the connections, fills caches and the heap
	dur    time.Duration // measured; requests in flight at the end are waited for and counted
	pid    int           // server process, for its CPU time
	// suffixes, if set, are appended to url in turn (query-escaped), each
	// worker starting at its own offset: a mix of requests, such as the
	// search bench's queries.
	suffixes []string
}

// target is the URL of a worker's nth request.
func (s loadSpec) target(worker, n int) string {
	if len(s.suffixes) == 0 {
		return s.url
	}
	return s.url + url.QueryEscape(s.suffixes[(worker+n)%len(s.suffixes)])
}

// loadResult is what one measured run saw.
type loadResult struct {
	ok, bad    int             // 200 responses; anything else (status, transport error)
	firstBad   string          // the first failure, to show what went wrong
	elapsed    time.Duration   // from start until the last in-flight request ended
	lat        []time.Duration // latencies of the 200 responses, sorted
	dials      int64           // TCP connections opened, warm-up included
	serverCPU  time.Duration   // CPU time of the server process while measured
	clientCPU  time.Duration   // CPU time of this process (the load generator)
	otherShare float64         // share of all CPUs that other processes used while measured
}

func (r loadResult) rate() float64 { return float64(r.ok) / r.elapsed.Seconds() }

// pct returns the p-th percentile latency (nearest rank).
func (r loadResult) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	i := int(math.Ceil(p/100*float64(len(r.lat)))) - 1
	return r.lat[max(i, 0)]
}

// runLoad warms up, then measures one target.
func runLoad(ctx context.Context, s loadSpec) (loadResult, error) {
	var dials atomic.Int64
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{MaxIdleConnsPerHost: s.conns, MaxConnsPerHost: s.conns, IdleConnTimeout: time.Minute,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dials.Add(1)
			return dialer.DialContext(ctx, network, addr)
		}}
	defer tr.CloseIdleConnections()
	// Redirects are not followed: a lost session would otherwise turn into
	// fast 200s of the sign-in page and look like a good result.
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if _, err := runPhase(ctx, client, s, s.warmup); err != nil {
		return loadResult{}, err
	}
	before := takeCPU(s.pid)
	r, err := runPhase(ctx, client, s, s.dur)
	if err != nil {
		return loadResult{}, err
	}
	r.cpu(before, takeCPU(s.pid))
	r.dials = dials.Load()
	return r, nil
}

// cpu records the CPU used between two snapshots. Whatever the machine
// did beyond the server and the load generator was other processes, and
// a large share of it makes the run unreliable.
func (r *loadResult) cpu(a, b cpuSnapshot) {
	if a.err != nil || b.err != nil {
		return
	}
	r.serverCPU, r.clientCPU = b.server-a.server, b.client-a.client
	if total := b.total - a.total; total > 0 {
		r.otherShare = float64(b.busy-a.busy-r.serverCPU-r.clientCPU) / float64(total)
	}
}

// workerResult is what one connection's worker collected.
type workerResult struct {
	lat      []time.Duration
	bad      int
	firstBad string
}

func runPhase(ctx context.Context, client *http.Client, s loadSpec, d time.Duration) (loadResult, error) {
	start := time.Now()
	deadline := start.Add(d)
	results := make([]workerResult, s.conns)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() { results[i] = worker(ctx, client, s, i, deadline) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return loadResult{}, fmt.Errorf("load on %s: %w", s.url, err)
	}
	return collect(results, time.Since(start)), nil
}

// collect merges the workers' results of one run.
func collect(results []workerResult, elapsed time.Duration) loadResult {
	r := loadResult{elapsed: elapsed}
	for _, w := range results {
		r.lat = append(r.lat, w.lat...)
		r.bad += w.bad
		if r.firstBad == "" {
			r.firstBad = w.firstBad
		}
	}
	r.ok = len(r.lat)
	slices.Sort(r.lat)
	return r
}

// worker sends requests one after another until the deadline.
func worker(ctx context.Context, client *http.Client, s loadSpec, id int, deadline time.Time) workerResult {
	var w workerResult
	for n := 0; ctx.Err() == nil && time.Now().Before(deadline); n++ {
		t := time.Now()
		err := get(ctx, client, s.target(id, n), s.cookie)
		if err != nil {
			w.bad++
			if w.firstBad == "" {
				w.firstBad = err.Error()
			}
			continue
		}
		w.lat = append(w.lat, time.Since(t))
	}
	return w
}

// get fetches url and reads the whole body, as a browser would.
func get(ctx context.Context, client *http.Client, url, cookie string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("request %s: %w", url, err)
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return fmt.Errorf("read %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return nil
}
