package app

import (
	"sync"
	"time"
)

// memo keeps values that are read on every page (the signed-in actor, the
// dashboard figures) for a short time. An entry is dropped when this
// process commits any write (Store.Gen changes) and after ttl, which bounds
// how long another app node's writes go unseen.
type memo[K comparable, V any] struct {
	mu      sync.Mutex
	ttl     time.Duration
	max     int
	entries map[K]memoEntry[V]
}

type memoEntry[V any] struct {
	val V
	gen uint64
	at  time.Time
}

func newMemo[K comparable, V any](ttl time.Duration, max int) *memo[K, V] {
	return &memo[K, V]{ttl: ttl, max: max, entries: map[K]memoEntry[V]{}}
}

// get returns the value for k if it is still fresh at now under gen.
func (m *memo[K, V]) get(k K, gen uint64, now time.Time) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[k]
	if !ok || e.gen != gen || now.Sub(e.at) >= m.ttl || now.Before(e.at) {
		var zero V
		return zero, false
	}
	return e.val, true
}

// put stores v for k; a full memo is emptied first, which is cheap and
// keeps memory bounded without bookkeeping.
func (m *memo[K, V]) put(k K, v V, gen uint64, now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.entries) >= m.max {
		clear(m.entries)
	}
	m.entries[k] = memoEntry[V]{val: v, gen: gen, at: now}
}
