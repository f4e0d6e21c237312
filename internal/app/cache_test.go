package app

import (
	"testing"
	"time"
)

func TestMemo(t *testing.T) {
	m := newMemo[string, int](2*time.Second, 2)
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	m.put("a", 1, 7, t0)
	if v, ok := m.get("a", 7, t0.Add(time.Second)); !ok || v != 1 {
		t.Fatal("fresh entry missed")
	}
	if _, ok := m.get("a", 8, t0.Add(time.Second)); ok {
		t.Fatal("entry survived a write")
	}
	if _, ok := m.get("a", 7, t0.Add(2*time.Second)); ok {
		t.Fatal("entry outlived its ttl")
	}
	if _, ok := m.get("a", 7, t0.Add(-time.Second)); ok {
		t.Fatal("entry from the future (clock moved back) was used")
	}
	m.put("b", 2, 7, t0)
	m.put("c", 3, 7, t0)
	if _, ok := m.get("a", 7, t0); ok || len(m.entries) != 1 {
		t.Fatalf("memo grew past its bound: %d", len(m.entries))
	}
}
