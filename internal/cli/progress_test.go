package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressBar(t *testing.T) {
	clock := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	var out bytes.Buffer
	p := newProgressBar(&out, false, "orders.csv", 4<<20, now)
	p.update(1<<20, 1000, false)
	if out.Len() != 0 {
		t.Fatalf("drew before its interval: %q", out.String())
	}
	clock = clock.Add(5 * time.Second)
	p.update(1<<20, 1000, false)
	want := "orders.csv [=======                     ]  25% 1.0 MiB/4.0 MiB · 1000 rows · 5s · 200 rows/s\n"
	if out.String() != want {
		t.Fatalf("got %q\nwant %q", out.String(), want)
	}
	clock = clock.Add(time.Second)
	p.finish(4<<20, 5000)
	if !strings.HasSuffix(out.String(), "[============================] 100% 4.0 MiB/4.0 MiB · 5000 rows · 6s · 833 rows/s\n") {
		t.Fatalf("finish: %q", out.String())
	}
	p.update(4<<20, 6000, true)
	if strings.Count(out.String(), "\n") != 2 {
		t.Fatalf("drew after finish: %q", out.String())
	}

	var tty bytes.Buffer
	q := newProgressBar(&tty, true, "x", 0, now)
	q.update(2048, 3, true)
	q.finish(4096, 4)
	if got := tty.String(); !strings.HasPrefix(got, "\rx 2.0 KiB · 3 rows") || !strings.HasSuffix(got, "\x1b[K\n") || strings.Count(got, "\r") != 2 {
		t.Fatalf("terminal bar: %q", got)
	}
}
