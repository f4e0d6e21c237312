package checkin

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

func codes(t *testing.T, seed byte) *Codes {
	t.Helper()
	c, err := New(bytes.Repeat([]byte{seed}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRotationAndExpiry(t *testing.T) {
	c := codes(t, 7)
	t0 := time.Date(2026, 12, 8, 2, 0, 10, 0, time.UTC) // 10:00:10 in Beijing
	code, next := c.Code("sess-1", t0)
	if !next.Equal(time.Date(2026, 12, 8, 2, 0, 30, 0, time.UTC)) {
		t.Fatalf("next code at %v", next)
	}
	for _, tc := range []struct {
		after time.Duration
		want  error
	}{
		{0, nil},
		{19 * time.Second, nil},         // same window
		{49 * time.Second, nil},         // the window after: a slow phone
		{50 * time.Second, ErrExpired},  // two windows on: a forwarded photo
		{9 * time.Minute, ErrExpired},   // still recognised as a real, old code
		{11 * time.Minute, ErrInvalid},  // too old to recognise
		{-30 * time.Second, ErrInvalid}, // a code from the future
	} {
		if err := c.Check("sess-1", code, t0.Add(tc.after)); !errors.Is(err, tc.want) {
			t.Errorf("after %v: %v, want %v", tc.after, err, tc.want)
		}
	}
	if again, _ := c.Code("sess-1", t0.Add(Period)); again == code {
		t.Error("the code did not change after 30 s")
	}
}

func TestBoundToSessionAndKey(t *testing.T) {
	c := codes(t, 7)
	now := time.Now()
	code, _ := c.Code("sess-1", now)
	if err := c.Check("sess-2", code, now); !errors.Is(err, ErrInvalid) {
		t.Errorf("another session's code: %v", err)
	}
	if err := codes(t, 8).Check("sess-1", code, now); !errors.Is(err, ErrInvalid) {
		t.Errorf("under another key: %v", err)
	}
	tampered := []byte(code)
	tampered[len(tampered)-1] ^= 1
	for _, bad := range []string{string(tampered), "", "!!!", code + "A"} {
		if err := c.Check("sess-1", bad, now); !errors.Is(err, ErrInvalid) {
			t.Errorf("code %q: %v", bad, err)
		}
	}
	if _, err := New([]byte("short")); err == nil {
		t.Error("a short key was accepted")
	}
}

func FuzzCheck(f *testing.F) {
	c, _ := New(bytes.Repeat([]byte{1}, 32))
	code, _ := c.Code("s", time.Unix(1_800_000_000, 0))
	f.Add(code)
	f.Add("AAAAAAAAAAAAAAAAA")
	f.Fuzz(func(t *testing.T, s string) {
		err := c.Check("s", s, time.Unix(1_800_000_000, 0))
		if err == nil && s != code {
			t.Fatalf("accepted %q", s)
		}
	})
}
