package httpx

import (
	"net/http"

	"github.com/shopdojo/shopdojo"
)

// Route is one entry of a route table: a ServeMux pattern and the
// permission it requires.
type Route struct {
	Pattern string
	Perm    shopdojo.Permission
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
	rt.Routes = append(rt.Routes, Route{Pattern: pattern, Perm: perm})
	rt.Mux.Handle(pattern, rt.guard(perm, h))
}

// HandleLimited registers h at pattern behind extra middleware (for
// example a rate limiter) that runs before authentication.
func (rt *Router) HandleLimited(pattern string, perm shopdojo.Permission, h HandlerFunc, mw func(http.Handler) http.Handler) {
	rt.Routes = append(rt.Routes, Route{Pattern: pattern, Perm: perm})
	rt.Mux.Handle(pattern, mw(rt.guard(perm, h)))
}
