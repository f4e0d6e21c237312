package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// harness is one fresh, empty store plus a way to see the temp files its
// Put leaves on local disk, which must be none once Put has returned.
type harness struct {
	store     Store
	leftovers func(t *testing.T) []string
}

// testStore is the contract every backend must meet; each subtest gets a
// fresh store from newHarness.
func testStore(t *testing.T, newHarness func(t *testing.T) harness) {
	tests := map[string]func(t *testing.T, h harness){
		"RoundTrip":   testRoundTrip,
		"SeekRange":   testSeekRange,
		"Dedup":       testDedup,
		"Limit":       testLimit,
		"NotFound":    testNotFound,
		"InvalidKey":  testInvalidKey,
		"Delete":      testDelete,
		"CancelPut":   testCancelPut,
		"WalkStops":   testWalkStops,
		"FailedInput": testFailedInput,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) { fn(t, newHarness(t)) })
	}
}

func randomBytes(n int, seed byte) []byte {
	b := make([]byte, n)
	rand.NewChaCha8([32]byte{seed}).Read(b)
	return b
}

func keyOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func mustPut(t *testing.T, s Store, data []byte) Info {
	t.Helper()
	info, err := s.Put(t.Context(), bytes.NewReader(data), 0)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	return info
}

func mustOpen(t *testing.T, s Store, key string) Object {
	t.Helper()
	o, err := s.Open(t.Context(), key)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { o.Close() })
	return o
}

// walkAll returns key → size, failing on a key listed twice.
func walkAll(t *testing.T, s Store) map[string]int64 {
	t.Helper()
	got := map[string]int64{}
	err := s.Walk(t.Context(), func(key string, size int64) error {
		if _, dup := got[key]; dup {
			t.Errorf("Walk listed %s twice", key)
		}
		got[key] = size
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return got
}

// assertEmpty checks that a failed Put left neither a blob nor a temp file.
func assertEmpty(t *testing.T, h harness) {
	t.Helper()
	if got := walkAll(t, h.store); len(got) != 0 {
		t.Errorf("Walk after failed Put = %v, want nothing", got)
	}
	if left := h.leftovers(t); len(left) != 0 {
		t.Errorf("temp files left behind: %v", left)
	}
}

func testRoundTrip(t *testing.T, h harness) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), randomBytes(600, 1)...)
	tests := []struct {
		name string
		data []byte
		typ  string
	}{
		{"empty", nil, "text/plain; charset=utf-8"},
		{"text", []byte("退款流程 refund steps\n"), "text/plain; charset=utf-8"},
		{"png", png, "image/png"},
		{"binary 300KiB", randomBytes(300<<10, 2), "application/octet-stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := Info{Key: keyOf(tt.data), Size: int64(len(tt.data)), Type: tt.typ}
			info := mustPut(t, h.store, tt.data)
			if diff := cmp.Diff(want, info); diff != "" {
				t.Errorf("Put info (-want +got):\n%s", diff)
			}
			st, err := h.store.Stat(t.Context(), info.Key)
			if err != nil {
				t.Fatalf("Stat: %v", err)
			}
			if diff := cmp.Diff(want, st); diff != "" {
				t.Errorf("Stat info (-want +got):\n%s", diff)
			}
			o := mustOpen(t, h.store, info.Key)
			if o.Size() != want.Size || o.ModTime().IsZero() {
				t.Errorf("Object Size, ModTime = %d, %v; want %d, non-zero", o.Size(), o.ModTime(), want.Size)
			}
			got, err := io.ReadAll(o)
			if err != nil {
				t.Fatalf("ReadAll: %v", err)
			}
			if !bytes.Equal(got, tt.data) {
				t.Errorf("read back %d bytes differing from the %d put", len(got), len(tt.data))
			}
		})
	}
}

func testSeekRange(t *testing.T, h harness) {
	data := randomBytes(10_000, 3)
	key := mustPut(t, h.store, data).Key
	o := mustOpen(t, h.store, key)
	reads := []struct {
		offset int64
		whence int
		n      int
		want   []byte
	}{
		{100, io.SeekStart, 50, data[100:150]},
		{-10, io.SeekEnd, 10, data[9990:]},
		{0, io.SeekStart, 5, data[:5]},
		{1000, io.SeekCurrent, 20, data[1005:1025]},
	}
	for _, r := range reads {
		if _, err := o.Seek(r.offset, r.whence); err != nil {
			t.Fatalf("Seek(%d, %d): %v", r.offset, r.whence, err)
		}
		got := make([]byte, r.n)
		if _, err := io.ReadFull(o, got); err != nil {
			t.Fatalf("read after Seek(%d, %d): %v", r.offset, r.whence, err)
		}
		if !bytes.Equal(got, r.want) {
			t.Errorf("after Seek(%d, %d) read %x, want %x", r.offset, r.whence, got, r.want)
		}
	}
	testServeRange(t, h.store, key, data)
}

// testServeRange drives the Object through http.ServeContent, the way the
// download handler will.
func testServeRange(t *testing.T, s Store, key string, data []byte) {
	o := mustOpen(t, s, key)
	req := httptest.NewRequest(http.MethodGet, "/files/x", nil)
	req.Header.Set("Range", "bytes=2000-2999")
	rec := httptest.NewRecorder()
	http.ServeContent(rec, req, "", o.ModTime(), o)
	if rec.Code != http.StatusPartialContent {
		t.Fatalf("ServeContent status = %d, want 206; body %q", rec.Code, rec.Body.String())
	}
	if got := rec.Header().Get("Content-Range"); got != "bytes 2000-2999/10000" {
		t.Errorf("Content-Range = %q", got)
	}
	if !bytes.Equal(rec.Body.Bytes(), data[2000:3000]) {
		t.Errorf("ServeContent body differs from data[2000:3000]")
	}
}

func testDedup(t *testing.T, h harness) {
	data := randomBytes(5000, 4)
	first := mustPut(t, h.store, data)
	second := mustPut(t, h.store, data)
	if first != second {
		t.Errorf("second Put = %+v, want %+v", second, first)
	}
	other := mustPut(t, h.store, []byte("other"))
	want := map[string]int64{first.Key: 5000, other.Key: 5}
	if diff := cmp.Diff(want, walkAll(t, h.store)); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
	if left := h.leftovers(t); len(left) != 0 {
		t.Errorf("temp files left behind: %v", left)
	}
}

func testLimit(t *testing.T, h harness) {
	tests := []struct {
		name  string
		size  int
		limit int64
		ok    bool
	}{
		{"one over", 11, 10, false},
		{"far over", 1 << 20, 10, false},
		{"exactly", 10, 10, true},
		{"under", 9, 10, true},
		{"no limit", 1 << 20, 0, true},
		{"negative is no limit", 20, -1, true},
		{"max limit", 20, math.MaxInt64, true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := randomBytes(tt.size, byte(10+i))
			info, err := h.store.Put(t.Context(), bytes.NewReader(data), tt.limit)
			if !tt.ok {
				if !errors.Is(err, ErrTooLarge) {
					t.Fatalf("Put(%d bytes, limit %d) err = %v, want ErrTooLarge", tt.size, tt.limit, err)
				}
				assertEmpty(t, h)
				return
			}
			if err != nil {
				t.Fatalf("Put(%d bytes, limit %d): %v", tt.size, tt.limit, err)
			}
			if info.Size != int64(tt.size) || info.Key != keyOf(data) {
				t.Errorf("Put info = %+v, want size %d key %s", info, tt.size, keyOf(data))
			}
			if err := h.store.Delete(t.Context(), info.Key); err != nil {
				t.Fatalf("Delete: %v", err)
			}
		})
	}
}

func testNotFound(t *testing.T, h harness) {
	missing := keyOf([]byte("never stored"))
	if _, err := h.store.Open(t.Context(), missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open(missing) err = %v, want ErrNotFound", err)
	}
	if _, err := h.store.Stat(t.Context(), missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("Stat(missing) err = %v, want ErrNotFound", err)
	}
	if err := h.store.Delete(t.Context(), missing); err != nil {
		t.Errorf("Delete(missing) = %v, want nil", err)
	}
}

func testInvalidKey(t *testing.T, h harness) {
	valid := mustPut(t, h.store, []byte("x")).Key
	keys := []string{
		"",
		"../etc/passwd",
		strings.ToUpper(valid),
		valid[:63],
		valid + "0",
		valid[:2] + "/" + valid[3:],
		"../../" + valid[6:],
		strings.Repeat("g", 64),
	}
	for _, key := range keys {
		if _, err := h.store.Open(t.Context(), key); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("Open(%q) err = %v, want ErrInvalidKey", key, err)
		}
		if _, err := h.store.Stat(t.Context(), key); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("Stat(%q) err = %v, want ErrInvalidKey", key, err)
		}
		if err := h.store.Delete(t.Context(), key); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("Delete(%q) err = %v, want ErrInvalidKey", key, err)
		}
	}
}

func testDelete(t *testing.T, h harness) {
	key := mustPut(t, h.store, []byte("to be deleted")).Key
	for range 2 { // the second Delete finds nothing, which is fine
		if err := h.store.Delete(t.Context(), key); err != nil {
			t.Fatalf("Delete: %v", err)
		}
	}
	if _, err := h.store.Open(t.Context(), key); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open after Delete err = %v, want ErrNotFound", err)
	}
	if got := walkAll(t, h.store); len(got) != 0 {
		t.Errorf("Walk after Delete = %v", got)
	}
}

// endless yields zeros and cancels its context after a while, like a
// client that hangs up during a long upload. It ends with io.EOF long after
// that, so a Put that ignores cancellation fails the test instead of hanging.
type endless struct {
	read, cancelAt, eofAt int
	cancel                context.CancelFunc
}

func (e *endless) Read(p []byte) (int, error) {
	if e.read >= e.eofAt {
		return 0, io.EOF
	}
	if e.read >= e.cancelAt {
		e.cancel()
	}
	clear(p)
	e.read += len(p)
	return len(p), nil
}

func testCancelPut(t *testing.T, h harness) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	r := &endless{cancelAt: 1 << 20, eofAt: 64 << 20, cancel: cancel}
	_, err := h.store.Put(ctx, r, 0)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Put with cancelled context err = %v, want context.Canceled", err)
	}
	if r.read >= r.eofAt {
		t.Errorf("Put read the whole reader despite cancellation")
	}
	assertEmpty(t, h)
}

func testWalkStops(t *testing.T, h harness) {
	mustPut(t, h.store, []byte("one"))
	mustPut(t, h.store, []byte("two"))
	stop := errors.New("stop")
	calls := 0
	err := h.store.Walk(t.Context(), func(string, int64) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Walk = %v after %d calls, want stop after 1", err, calls)
	}
}

// failingReader delivers some bytes and then breaks, like a dropped upload.
type failingReader struct {
	r   io.Reader
	err error
}

func (f failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, f.err
	}
	return n, err
}

func testFailedInput(t *testing.T, h harness) {
	broken := errors.New("connection reset")
	r := failingReader{r: bytes.NewReader(randomBytes(100_000, 5)), err: broken}
	if _, err := h.store.Put(t.Context(), r, 0); !errors.Is(err, broken) {
		t.Fatalf("Put from failing reader err = %v, want %v", err, broken)
	}
	assertEmpty(t, h)
}
