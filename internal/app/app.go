// Package app holds ShopDojo's use cases, one file per area. It owns
// transactions, authorization and audit writes, and is the only door that
// web, api, cli and background jobs call.
package app

import (
	"context"
	"database/sql"
	"github.com/shopdojo/shopdojo/internal/mask"
	"log/slog"
	"time"

	"github.com/google/uuid"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/audit"
	"github.com/shopdojo/shopdojo/internal/auth"
	"github.com/shopdojo/shopdojo/internal/blob"
	"github.com/shopdojo/shopdojo/internal/fsrs"
	"github.com/shopdojo/shopdojo/internal/search"
	"github.com/shopdojo/shopdojo/internal/store"
)

// Options configure an App. Zero values get sensible defaults.
type Options struct {
	Clock      func() time.Time
	Location   *time.Location // company time zone, default Asia/Shanghai
	AuditKey   *audit.Key
	Logger     *slog.Logger
	Password   auth.Params
	SessionTTL time.Duration // sliding session lifetime
	Files      blob.Store    // file contents; nil refuses uploads
	ExamGrace  time.Duration // answers arriving this long after an attempt's deadline still count
	// Masker masks personal data in store imports; its key lives outside
	// the database (mask.key in the data directory). Nil refuses imports.
	Masker *mask.Masker
	// Segmenter cuts text for search; its dictionary is loaded by
	// LoadSearchDictionary off the request path. Nil makes a new one.
	Segmenter *search.Segmenter
	// SearchWait is how long a search waits for the dictionary before it
	// is refused as "search is starting" (default 3 s).
	SearchWait time.Duration
}

// App is the use-case layer.
type App struct {
	store    *store.Store
	opt      Options
	log      *slog.Logger
	sessions *memo[string, sessionHit]     // session hash → actor
	overview *memo[string, Overview]       // day → dashboard figures
	counts   *memo[string, int64]          // navigation badges
	saves    *store.Group                  // group commit of exam answer saves
	facts    *factCache                    // attempts' immutable facts, for saves
	fsrs     *fsrs.Scheduler               // the mistake deck's scheduler
	pools    *memo[string, []drawnItem]    // questions papers are drawn from (see pools)
	versions *versionCache                 // decoded question versions of open papers
	papers   *memo[string, shopdojo.Paper] // decoded exam papers, by exam and update time
	packs    *packCache                    // the published curriculum
	kpis     kpiCache                      // stores' prepared datasets (kpi_cache.go)
	search   *searchState                  // search_index.go
}

// saveCommitDelay is how long a batch of exam answer saves waits for more
// (store.Group.Linger): a millisecond, against a 20 ms p99 target, lets
// one fsync cover several saves at a few thousand saves a second.
const saveCommitDelay = time.Millisecond

// New returns an App over an open, migrated store.
func New(s *store.Store, opt Options) *App {
	if opt.Clock == nil {
		opt.Clock = time.Now
	}
	if opt.Location == nil {
		opt.Location = shanghai()
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.Password.Time == 0 {
		opt.Password = auth.Default
	}
	if opt.ExamGrace == 0 {
		opt.ExamGrace = 15 * time.Second
	}
	if opt.SessionTTL == 0 {
		opt.SessionTTL = 7 * 24 * time.Hour
	}
	return &App{store: s, opt: opt, log: opt.Logger, sessions: newMemo[string, sessionHit](10*time.Second, 20_000),
		overview: newMemo[string, Overview](10*time.Second, 4), counts: newMemo[string, int64](10*time.Second, 16),
		saves: s.NewGroup(256).Linger(saveCommitDelay), facts: newFactCache(50_000), fsrs: newScheduler(opt.Location),
		pools: newMemo[string, []drawnItem](10*time.Second, 1024), versions: &versionCache{},
		papers: newMemo[string, shopdojo.Paper](10*time.Second, 256), packs: &packCache{},
		search: newSearchState(opt.Segmenter, opt.SearchWait)}
}

func shanghai() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}

// Location is the company time zone.
func (a *App) Location() *time.Location { return a.opt.Location }

// Dialect names the database engine in use.
func (a *App) Dialect() store.Dialect { return a.store.Dialect }

// Ping reports whether the database answers.
func (a *App) Ping(ctx context.Context) error { return a.store.Ping(ctx) }

func (a *App) now() time.Time { return a.opt.Clock().UTC() }

func (a *App) nowMs() int64 { return a.now().UnixMilli() }

// Today is the current date in the company time zone, as YYYY-MM-DD.
func (a *App) Today() string { return a.now().In(a.opt.Location).Format(time.DateOnly) }

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func fromMs(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func nullStr(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// Actor is who performs an operation: a signed-in person, an API token's
// owner, or the system (CLI and jobs) when PersonID is empty and System set.
type Actor struct {
	PersonID   string
	Name       string
	Roles      []shopdojo.Role
	Locale     string
	PhotoID    string
	RequestID  string
	System     bool
	MustChange bool
}

// SystemActor acts for the command line and background jobs.
func SystemActor(name string) Actor {
	return Actor{Name: name, System: true, Roles: []shopdojo.Role{shopdojo.RoleAdmin}}
}

// Can reports whether the actor holds permission p.
func (ac Actor) Can(p shopdojo.Permission) bool { return ac.System || shopdojo.Can(ac.Roles, p) }

func (ac Actor) require(p shopdojo.Permission) error {
	if ac.PersonID == "" && !ac.System {
		return shopdojo.ErrUnauth
	}
	if !ac.Can(p) {
		return shopdojo.E(shopdojo.KindForbidden, "error.forbidden")
	}
	return nil
}
