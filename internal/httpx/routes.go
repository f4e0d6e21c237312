package httpx

import (
	"net/http"

	"github.com/shopdojo/shopdojo"
)

// DefaultMaxBody caps the request body of every route that does not
// declare its own limit: forms and JSON documents are small.
const DefaultMaxBody = 10 << 20

// Route is one entry of a route table: a ServeMux pattern, the permission
// it requires and the largest request body it accepts.
type Route struct {
	Pattern string
	Perm    shopdojo.Permission
	MaxBody int64
}

// Guard wraps a handler with authentication and the permission check.
type Guard func(perm shopdojo.Permission, h HandlerFunc) http.Handler

// Router registers routes on a ServeMux and remembers each route's
// permission, so a test can walk the whole table for every role.
type Router struct {
	Mux    *http.ServeMux
	Routes []Route
	guard  Guard
}

// NewRouter returns a router whose routes are wrapped by guard.
func NewRouter(mux *http.ServeMux, guard Guard) *Router {
	return &Router{Mux: mux, guard: guard}
}

// Handle registers h at pattern, requiring perm.
func (rt *Router) Handle(pattern string, perm shopdojo.Permission, h HandlerFunc) {
	rt.add(Route{Pattern: pattern, Perm: perm, MaxBody: DefaultMaxBody}, rt.guard(perm, h))
}

// HandleUpload registers an upload route whose body may reach maxBody
// (training videos need far more than a form).
func (rt *Router) HandleUpload(pattern string, perm shopdojo.Permission, h HandlerFunc, maxBody int64) {
	rt.add(Route{Pattern: pattern, Perm: perm, MaxBody: maxBody}, rt.guard(perm, h))
}

// HandleLimited registers h at pattern behind extra middleware (for
// example a rate limiter) that runs before authentication.
func (rt *Router) HandleLimited(pattern string, perm shopdojo.Permission, h HandlerFunc, mw func(http.Handler) http.Handler) {
	rt.add(Route{Pattern: pattern, Perm: perm, MaxBody: DefaultMaxBody}, mw(rt.guard(perm, h)))
}

func (rt *Router) add(route Route, h http.Handler) {
	rt.Routes = append(rt.Routes, route)
	rt.Mux.Handle(route.Pattern, limitBody(route.MaxBody, h))
}

// limitBody refuses bodies over n bytes: early from Content-Length, else
// while the handler reads.
func limitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			http.Error(w, http.StatusText(http.StatusRequestEntityTooLarge), http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}
