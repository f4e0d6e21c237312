package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// stormClient sends what exam pages send: starts and answer saves, each
// with its examinee's session and device cookies.
type stormClient struct {
	base, examID string
	questions    int
	client       *http.Client
	dials        atomic.Int64
	acks         *ledger
}

func newStormClient(base, examID string, questions, conns int) *stormClient {
	c := &stormClient{base: base, examID: examID, questions: questions, acks: newLedger()}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	tr := &http.Transport{MaxIdleConnsPerHost: max(conns, 1), MaxConnsPerHost: conns, IdleConnTimeout: time.Minute,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c.dials.Add(1)
			return dialer.DialContext(ctx, network, addr)
		}}
	c.client = &http.Client{Transport: tr, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return c
}

func (c *stormClient) close() { c.client.CloseIdleConnections() }

// do sends what ex's browser would, with its cookies, and returns the
// response with its whole body read.
func (c *stormClient) do(ctx context.Context, method, path string, ex *examinee, ctype, body string) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, strings.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	cookie := "sd_session=" + ex.session
	if ex.device != "" {
		cookie += "; sd_device=" + ex.device
	}
	req.Header.Set("Cookie", cookie)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp, raw, err
}

// start starts (or resumes) ex's attempt as the start button does and
// keeps the attempt id and the device cookie the server set.
func (c *stormClient) start(ctx context.Context, ex *examinee) error {
	resp, _, err := c.do(ctx, http.MethodPost, "/my/exams/"+c.examID+"/start", ex, "application/x-www-form-urlencoded", "")
	if err != nil {
		return err
	}
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/attempts/") {
		return fmt.Errorf("start %s: %s → %q", ex.no, resp.Status, loc)
	}
	ex.attempt = strings.TrimPrefix(loc, "/attempts/")
	for _, ck := range resp.Cookies() {
		if ck.Name == "sd_device" {
			ex.device = ck.Value
		}
	}
	if ex.device == "" {
		return fmt.Errorf("start %s: no device cookie", ex.no)
	}
	return nil
}

// page fetches ex's exam page once, to check it is the real one.
func (c *stormClient) page(ctx context.Context, ex *examinee) error {
	resp, body, err := c.do(ctx, http.MethodGet, "/attempts/"+ex.attempt, ex, "", "")
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK || strings.Count(string(body), "data-q ") != c.questions {
		return fmt.Errorf("exam page of %s: %s, %d questions", ex.no, resp.Status, strings.Count(string(body), "data-q "))
	}
	return nil
}

type saveAck struct {
	Acks []struct {
		Pos int   `json:"pos"`
		Seq int64 `json:"seq"`
	} `json:"acks"`
}

// save sends one answer of ex and records it in the ledger once the
// server acknowledged it.
func (c *stormClient) save(ctx context.Context, ex *examinee, pos int) error {
	seq := atomic.AddInt64(&ex.seq, 1)
	choice := string(rune('A' + rand.IntN(4)))
	body := fmt.Sprintf(`{"answers":[{"pos":%d,"seq":%d,"response":{"choices":[%q]}}]}`, pos, seq, choice)
	resp, raw, err := c.do(ctx, http.MethodPost, "/attempts/"+ex.attempt+"/answers", ex, "application/json", body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("save: %s %s", resp.Status, raw)
	}
	var ack saveAck
	if err := json.Unmarshal(raw, &ack); err != nil || len(ack.Acks) != 1 || ack.Acks[0].Seq != seq || ack.Acks[0].Pos != pos {
		return fmt.Errorf("save: unexpected acknowledgement %s", raw)
	}
	c.acks.put(ex.attempt, pos, seq)
	return nil
}

// add records one request that started (or was due) at t and ended now.
func (r *workerResult) add(err error, t time.Time) {
	if err != nil {
		r.bad++
		if r.firstBad == "" {
			r.firstBad = err.Error()
		}
		return
	}
	r.lat = append(r.lat, time.Since(t))
}

// ledger is every acknowledged answer: per attempt and item, the highest
// acknowledged sequence. The store must hold at least that one.
type ledger struct {
	mu sync.Mutex
	m  map[string]map[int]int64
	n  int64
}

func newLedger() *ledger { return &ledger{m: map[string]map[int]int64{}} }

func (l *ledger) count() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}

func (l *ledger) put(attempt string, pos int, seq int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	items := l.m[attempt]
	if items == nil {
		items = map[int]int64{}
		l.m[attempt] = items
	}
	items[pos] = max(items[pos], seq)
	l.n++
}

// startBurst starts every examinee's attempt at the same moment and
// returns the latencies.
func (c *stormClient) startBurst(ctx context.Context, people []*examinee) loadResult {
	gate := make(chan struct{})
	results := make([]workerResult, len(people))
	var wg sync.WaitGroup
	for i, ex := range people {
		wg.Go(func() {
			<-gate
			t := time.Now()
			if err := c.start(ctx, ex); err != nil {
				results[i] = workerResult{bad: 1, firstBad: err.Error()}
				return
			}
			results[i].lat = []time.Duration{time.Since(t)}
		})
	}
	begin := time.Now()
	close(gate)
	wg.Wait()
	return collect(results, time.Since(begin))
}

// closedLoop saves answers on conns connections, each sending the next as
// soon as the last is acknowledged, for d; worker i answers for the
// examinees i, i+conns, … in turn.
func (c *stormClient) closedLoop(ctx context.Context, people []*examinee, conns int, d time.Duration) loadResult {
	deadline := time.Now().Add(d)
	results := make([]workerResult, conns)
	var wg sync.WaitGroup
	begin := time.Now()
	for w := range conns {
		wg.Go(func() {
			r := &results[w]
			for k := w; ctx.Err() == nil && time.Now().Before(deadline); k += conns {
				ex := people[k%len(people)]
				t := time.Now()
				r.add(c.save(ctx, ex, rand.IntN(c.questions)), t)
			}
		})
	}
	wg.Wait()
	return collect(results, time.Since(begin))
}

// openLoop sends saves at a fixed rate for d, whatever the latency, and
// measures each from the moment it was due (so a slow server cannot hide
// its queue by slowing the sender down).
func (c *stormClient) openLoop(ctx context.Context, people []*examinee, rate float64, d time.Duration) loadResult {
	n := int(rate * d.Seconds())
	results := make([]workerResult, n)
	interval := time.Duration(float64(time.Second) / rate)
	var wg sync.WaitGroup
	begin := time.Now()
	for k := range n {
		due := begin.Add(time.Duration(k) * interval)
		time.Sleep(time.Until(due))
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			ex := people[k%len(people)]
			if err := c.save(ctx, ex, rand.IntN(c.questions)); err != nil {
				results[k] = workerResult{bad: 1, firstBad: err.Error()}
				return
			}
			results[k].lat = []time.Duration{time.Since(due)}
		})
	}
	wg.Wait()
	return collect(results, time.Since(begin))
}

// pacedLoop saves answers at rate on conns connections for d: each
// worker waits for its answer (closed loop) and then for the next request's
// due time, and every latency counts from when the request was due, so a
// server that falls behind shows its queue instead of slowing the sender.
func (c *stormClient) pacedLoop(ctx context.Context, people []*examinee, conns int, rate float64, d time.Duration) loadResult {
	interval := time.Duration(float64(time.Second) / rate)
	n := int64(rate * d.Seconds())
	var next atomic.Int64
	results := make([]workerResult, conns)
	var wg sync.WaitGroup
	begin := time.Now()
	for w := range conns {
		wg.Go(func() {
			r := &results[w]
			for k := next.Add(1) - 1; k < n && ctx.Err() == nil; k = next.Add(1) - 1 {
				due := begin.Add(time.Duration(k) * interval)
				time.Sleep(time.Until(due))
				r.add(c.save(ctx, people[int(k)%len(people)], rand.IntN(c.questions)), due)
			}
		})
	}
	wg.Wait()
	return collect(results, time.Since(begin))
}

// sloRate finds the highest save rate that conns paced connections sustain
// with p99 ≤ slo and no errors, by bisection between 0 and ceiling (the
// closed loop's unpaced rate) in steps runs of d each, with the CPU that
// the server process pid used in each. It returns that
// rate's run (zero if none passed) and every step tried.
func (c *stormClient) sloRate(ctx context.Context, people []*examinee, conns, pid int, ceiling float64, slo time.Duration, steps int, d time.Duration) (best loadResult, bestRate float64, tried []sloStep) {
	lo, hi := 0.0, ceiling
	for i := range steps {
		rate := (lo + hi) / 2
		if i == 0 {
			rate = 0.75 * ceiling // a server at its ceiling queues: start well below
		}
		before := takeCPU(pid)
		r := c.pacedLoop(ctx, people, conns, rate, d)
		r.cpu(before, takeCPU(pid))
		ok := r.bad == 0 && r.ok > 0 && r.pct(99) <= slo && r.rate() >= 0.97*rate
		tried = append(tried, sloStep{rate: rate, p99: r.pct(99), ok: ok})
		if ok {
			lo, best, bestRate = rate, r, rate
		} else {
			hi = rate
		}
		if ctx.Err() != nil {
			break
		}
	}
	return best, bestRate, tried
}

// sloStep is one rate the search tried.
type sloStep struct {
	rate float64
	p99  time.Duration
	ok   bool
}
