package httpx

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
)

func TestStatus(t *testing.T) {
	cases := map[error]int{
		shopdojo.ErrNotFound: 404, shopdojo.E(shopdojo.KindInvalid, "x"): 422, shopdojo.ErrForbidden: 403,
		shopdojo.ErrConflict: 409, shopdojo.ErrUnauth: 401, shopdojo.ErrUnavailable: 503,
		shopdojo.E(shopdojo.KindTooMany, "x"): 429, errors.New("boom"): 500,
		fmt.Errorf("wrapped: %w", &http.MaxBytesError{Limit: 1}):              413,
		fmt.Errorf("ctx: %w", shopdojo.Wrap(shopdojo.KindNotFound, "m", nil)): 404,
	}
	for err, want := range cases {
		if got := Status(err); got != want {
			t.Errorf("Status(%v) = %d, want %d", err, got, want)
		}
	}
	// Internal details never become the message.
	if msg, _ := Message(errors.New("pq: password authentication failed")); msg != "error.internal" {
		t.Errorf("internal error shown as %q", msg)
	}
}

// The client address and scheme come from X-Forwarded-* only when the
// peer is a trusted proxy, and then the right-most untrusted address counts.
func TestClientBehindProxy(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	var ip string
	var https bool
	h := Client(trusted)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, https = ClientIP(r.Context()), IsHTTPS(r.Context())
	}))
	cases := []struct {
		peer, xff, proto, wantIP string
		wantHTTPS                bool
	}{
		{"10.0.0.5:4000", "203.0.113.9", "https", "203.0.113.9", true},
		{"10.0.0.5:4000", "198.51.100.1, 203.0.113.9, 10.0.0.7", "https", "203.0.113.9", true},
		{"192.0.2.10:4000", "203.0.113.9", "https", "192.0.2.10", false}, // spoofed by a client
		{"10.0.0.5:4000", "", "", "10.0.0.5", false},
		{"10.0.0.5:4000", "not-an-ip", "http", "10.0.0.5", false},
	}
	for _, c := range cases {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = c.peer
		if c.xff != "" {
			req.Header.Set("X-Forwarded-For", c.xff)
		}
		if c.proto != "" {
			req.Header.Set("X-Forwarded-Proto", c.proto)
		}
		h.ServeHTTP(httptest.NewRecorder(), req)
		if ip != c.wantIP || https != c.wantHTTPS {
			t.Errorf("%s via %q: ip %s https %v, want %s %v", c.peer, c.xff, ip, https, c.wantIP, c.wantHTTPS)
		}
	}
}

func TestRouteBodyLimits(t *testing.T) {
	mux := http.NewServeMux()
	rt := NewRouter(mux, func(_ shopdojo.Permission, h HandlerFunc) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if err := h(w, r); err != nil {
				w.WriteHeader(Status(err))
			}
		})
	})
	read := func(w http.ResponseWriter, r *http.Request) error {
		buf := make([]byte, 64<<10)
		for {
			if _, err := r.Body.Read(buf); err != nil {
				if errors.Is(err, io.EOF) {
					return nil
				}
				return err
			}
		}
	}
	rt.Handle("POST /form", shopdojo.PermPublic, read)
	rt.HandleUpload("POST /upload", shopdojo.PermPublic, read, 20<<20)
	body := strings.Repeat("x", 12<<20)
	for path, want := range map[string]int{"/form": 413, "/upload": 200} {
		req := httptest.NewRequest("POST", path, strings.NewReader(body))
		req.ContentLength = -1 // streamed: the limit must hold while reading
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, req)
		if w.Code != want {
			t.Errorf("%s: %d, want %d", path, w.Code, want)
		}
	}
	if rt.Routes[0].MaxBody != DefaultMaxBody || rt.Routes[1].MaxBody != 20<<20 {
		t.Errorf("routes %+v", rt.Routes)
	}
}
