package robot

import (
	"context"
	"strings"
	"sync"
	"time"
)

// Limit is at most N messages in any window of Per.
type Limit struct {
	N   int
	Per time.Duration
}

// DefaultLimits are the platforms' stated limits per robot. Windows roll,
// which is stricter than the platforms' calendar minutes.
var DefaultLimits = map[Kind][]Limit{
	DingTalk: {{20, time.Minute}},
	WeCom:    {{20, time.Minute}},
	Feishu:   {{100, time.Minute}, {5, time.Second}},
	Slack:    {{1, time.Second}},
}

// Limiter spaces the sends of each robot within its platform's limits.
// It counts this process's sends only: run a robot's sends on one node
// (the job queue's leader) when there are several.
type Limiter struct {
	mu     sync.Mutex
	limits map[Kind][]Limit
	sent   map[string][]time.Time // robot → its recent send times, oldest first
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error
}

// NewLimiter returns a Limiter with limits (nil: DefaultLimits).
func NewLimiter(limits map[Kind][]Limit) *Limiter {
	if limits == nil {
		limits = DefaultLimits
	}
	return &Limiter{limits: limits, sent: map[string][]time.Time{}, now: time.Now, sleep: sleepCtx}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// key is the robot without the signature parameters a URL may carry.
func key(r Robot) string {
	return string(r.Kind) + " " + strings.TrimSpace(r.URL)
}

// Wait returns when r may send one more message, and counts it as sent.
func (l *Limiter) Wait(ctx context.Context, r Robot) error {
	for {
		wait := l.reserve(key(r), l.limits[r.Kind])
		if wait <= 0 {
			return nil
		}
		if err := l.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// reserve records a send now and returns 0, or returns how long to wait.
func (l *Limiter) reserve(k string, limits []Limit) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	times := l.sent[k]
	var wait time.Duration
	keep := time.Duration(0)
	for _, lim := range limits {
		keep = max(keep, lim.Per)
		if len(times) >= lim.N {
			if until := times[len(times)-lim.N].Add(lim.Per).Sub(now); until > wait {
				wait = until
			}
		}
	}
	if wait > 0 {
		return wait
	}
	times = append(times, now)
	for len(times) > 0 && now.Sub(times[0]) >= keep {
		times = times[1:]
	}
	l.sent[k] = times
	return 0
}
