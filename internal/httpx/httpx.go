// Package httpx is the HTTP plumbing shared by the web UI and the API:
// handlers that return errors, the one mapping from error kinds to status
// codes, a route table that records each route's permission, and middleware
// (request ids, logging, recovery, security headers, client address).
package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
)

// HandlerFunc is an HTTP handler that returns its error instead of writing it.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Status maps an error to its HTTP status. This is the only such mapping.
func Status(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	switch shopdojo.KindOf(err) {
	case shopdojo.KindNotFound:
		return http.StatusNotFound
	case shopdojo.KindInvalid:
		return http.StatusUnprocessableEntity
	case shopdojo.KindForbidden:
		return http.StatusForbidden
	case shopdojo.KindConflict:
		return http.StatusConflict
	case shopdojo.KindUnauthenticated:
		return http.StatusUnauthorized
	case shopdojo.KindUnavailable:
		return http.StatusServiceUnavailable
	case shopdojo.KindTooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// Message is the i18n id shown to a person for err: the domain message, or
// a generic one per status; internal details never leave the server.
func Message(err error) (string, map[string]any) {
	var de *shopdojo.Error
	if errors.As(err, &de) && de.Msg != "" {
		return de.Msg, de.Args
	}
	switch Status(err) {
	case http.StatusRequestEntityTooLarge:
		return "error.too_large", nil
	case http.StatusNotFound:
		return "error.not_found", nil
	}
	return "error.internal", nil
}

// Error is the domain error type, named here for FieldArgs.
type Error = shopdojo.Error

// Fields returns per-field message ids of a validation error.
func Fields(err error) map[string]string {
	var de *shopdojo.Error
	if errors.As(err, &de) {
		return de.Fields
	}
	return nil
}

// FieldArgs returns the template arguments of one field's message.
func FieldArgs(err error, field string) map[string]any {
	var de *Error
	if errors.As(err, &de) {
		return de.FieldArgs[field]
	}
	return nil
}

// LogError logs err at a level that fits its status.
func LogError(log *slog.Logger, r *http.Request, err error) {
	st := Status(err)
	attrs := []any{"status", st, "err", err.Error(), "request_id", RequestID(r.Context()), "path", r.URL.Path}
	if st >= 500 {
		log.ErrorContext(r.Context(), "request failed", attrs...)
	} else {
		log.DebugContext(r.Context(), "request refused", attrs...)
	}
}

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyClientIP
	keyHTTPS
)

// RequestID returns the request's id.
func RequestID(ctx context.Context) string {
	s, _ := ctx.Value(keyRequestID).(string)
	return s
}

// ClientIP returns the client address (forwarded only via trusted proxies).
func ClientIP(ctx context.Context) string {
	s, _ := ctx.Value(keyClientIP).(string)
	return s
}

// IsHTTPS reports whether the client connection is https (directly or at a trusted proxy).
func IsHTTPS(ctx context.Context) bool {
	b, _ := ctx.Value(keyHTTPS).(bool)
	return b
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Client resolves the client address and scheme. X-Forwarded-For and
// X-Forwarded-Proto count only when the peer is a trusted proxy, so a
// lock-out hits the person and not the proxy.
func Client(trusted []netip.Prefix) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ip := peerIP(r.RemoteAddr)
			https := r.TLS != nil
			if isTrusted(ip, trusted) {
				if fwd := forwardedFor(r.Header.Get("X-Forwarded-For"), trusted); fwd != "" {
					ip = fwd
				}
				if p := r.Header.Get("X-Forwarded-Proto"); p != "" {
					https = strings.EqualFold(p, "https")
				}
			}
			id := r.Header.Get("X-Request-Id")
			if len(id) == 0 || len(id) > 64 {
				id = newRequestID()
			}
			w.Header().Set("X-Request-Id", id)
			ctx := context.WithValue(r.Context(), keyRequestID, id)
			ctx = context.WithValue(ctx, keyClientIP, ip)
			ctx = context.WithValue(ctx, keyHTTPS, https)
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

func peerIP(remote string) string {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		return remote
	}
	return host
}

func isTrusted(ip string, trusted []netip.Prefix) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	for _, p := range trusted {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// forwardedFor takes the right-most address that is not a trusted proxy.
func forwardedFor(h string, trusted []netip.Prefix) string {
	parts := strings.Split(h, ",")
	for i := len(parts) - 1; i >= 0; i-- {
		ip := strings.TrimSpace(parts[i])
		if _, err := netip.ParseAddr(ip); err != nil {
			return ""
		}
		if !isTrusted(ip, trusted) {
			return ip
		}
	}
	return ""
}

// statusWriter records the status for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Log writes one structured line per request and recovers from panics.
func Log(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			sw := &statusWriter{ResponseWriter: w}
			defer func() {
				if p := recover(); p != nil {
					if p == http.ErrAbortHandler {
						panic(p)
					}
					log.ErrorContext(r.Context(), "panic", "panic", p, "request_id", RequestID(r.Context()))
					if sw.status == 0 {
						http.Error(sw, "internal error", http.StatusInternalServerError)
					}
				}
				log.InfoContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path,
					"status", sw.status, "bytes", sw.bytes, "ms", time.Since(start).Milliseconds(),
					"ip", ClientIP(r.Context()), "request_id", RequestID(r.Context()))
			}()
			next.ServeHTTP(sw, r)
		})
	}
}

// CSP is the Content-Security-Policy of every response.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"media-src 'self' blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
	"frame-ancestors 'self'; form-action 'self'"

// SecurityHeaders sets the security headers; HSTS only over https.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "SAMEORIGIN")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if IsHTTPS(r.Context()) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// Chain applies middleware so the first listed runs first.
func Chain(h http.Handler, mw ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}
