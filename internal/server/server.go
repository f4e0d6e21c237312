// Package server wires ShopDojo together: open the database, migrate, build
// the app, the web UI and the API, and serve HTTP until the context ends.
// The same Open/Run is used by the serve command and by end-to-end tests.
package server

import (
	"context"
	"errors"
	"fmt"
	"github.com/shopdojo/shopdojo/internal/mask"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/shopdojo/shopdojo/internal/api"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/audit"
	"github.com/shopdojo/shopdojo/internal/auth"
	"github.com/shopdojo/shopdojo/internal/blob"
	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/httpx"
	"github.com/shopdojo/shopdojo/internal/i18n"
	"github.com/shopdojo/shopdojo/internal/search"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/web"
)

// Version is set by the build.
var Version = "dev"

// Server is an open ShopDojo instance.
type Server struct {
	Cfg     config.Config
	Store   *store.Store
	App     *app.App
	Web     *web.Handler
	API     *api.Handler
	Handler http.Handler
	log     *slog.Logger
}

// Options tune Open for tests.
type Options struct {
	FastPasswords bool // cheap argon2 parameters (tests only)
	Clock         func() time.Time
	// Segmenter is the search segmenter to use (the search benchmark
	// shares its loaded dictionary); nil makes one.
	Segmenter *search.Segmenter
}

// Instance is an open database with its app layer, for commands that need
// no HTTP server.
type Instance struct {
	Store *store.Store
	App   *app.App
}

// Close closes the database.
func (i *Instance) Close() error { return i.Store.Close() }

// OpenApp opens the data directory and database, migrates, and builds the
// app layer, without HTTP.
func OpenApp(ctx context.Context, cfg config.Config, log *slog.Logger, opt Options) (*Instance, error) {
	s, a, err := openApp(ctx, cfg, log, opt)
	if err != nil {
		return nil, err
	}
	return &Instance{Store: s, App: a}, nil
}

func openApp(ctx context.Context, cfg config.Config, log *slog.Logger, opt Options) (*store.Store, *app.App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("create data directory: %w", err)
	}
	key, err := audit.LoadOrCreateKey(filepath.Join(cfg.DataDir, "audit.key"))
	if err != nil {
		return nil, nil, err
	}
	masker, err := openMasker(cfg.DataDir)
	if err != nil {
		return nil, nil, err
	}
	loc, _ := cfg.Location()
	s, err := store.Open(ctx, cfg.DSN())
	if err != nil {
		return nil, nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, nil, err
	}
	files, err := openFiles(ctx, cfg)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	ao := app.Options{Location: loc, AuditKey: key, Logger: log, Clock: opt.Clock, Files: files, ExamGrace: cfg.ExamGrace,
		Masker: masker, Segmenter: opt.Segmenter}
	if opt.FastPasswords {
		ao.Password = auth.Fast
	}
	return s, app.New(s, ao), nil
}

// openFiles opens the file store: the data directory's files/ (which
// backups include) or an S3-compatible bucket shared by several nodes.
func openFiles(ctx context.Context, cfg config.Config) (blob.Store, error) {
	s3, err := cfg.S3()
	if err != nil {
		return nil, err
	}
	if s3.Bucket == "" {
		return blob.NewLocal(filepath.Join(cfg.DataDir, "files"))
	}
	st, err := blob.NewS3(ctx, blob.S3Config{Endpoint: s3.Endpoint, Bucket: s3.Bucket, Prefix: s3.Prefix,
		AccessKey: s3.AccessKey, SecretKey: s3.SecretKey, Region: s3.Region, UseSSL: s3.TLS})
	if err != nil {
		return nil, fmt.Errorf("open file store %s/%s: %w", s3.Endpoint, s3.Bucket, err)
	}
	return st, nil
}

// Open builds a whole server over cfg.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger, opt Options) (*Server, error) {
	s, a, err := openApp(ctx, cfg, log, opt)
	if err != nil {
		return nil, err
	}
	srv := &Server{Cfg: cfg, Store: s, App: a, log: log}
	if err := srv.buildHandler(); err != nil {
		s.Close()
		return nil, err
	}
	return srv, nil
}

func (srv *Server) buildHandler() error {
	b, err := i18n.New()
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	srv.Web, err = web.New(srv.App, b, srv.log, web.Options{BaseURL: srv.Cfg.PublicURL(), Dev: srv.Cfg.Dev, Version: Version}, mux)
	if err != nil {
		return err
	}
	if srv.API, err = api.New(srv.App, b, srv.log, mux); err != nil {
		return err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := newMetrics(reg)
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", srv.ready)
	proxies, _ := srv.Cfg.Proxies()
	csrf := http.NewCrossOriginProtection()
	srv.Handler = httpx.Chain(mux, httpx.Client(proxies), httpx.Log(srv.log), metrics.middleware,
		httpx.SecurityHeaders, csrf.Handler)
	return nil
}

func (srv *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := srv.App.Ping(ctx); err != nil {
		srv.log.WarnContext(ctx, "not ready", "err", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// Close closes the database.
func (srv *Server) Close() error { return srv.Store.Close() }

// Serve serves on l until ctx ends, then shuts down gracefully: in-flight
// requests finish (up to 20 s), an audit checkpoint is signed, and the
// database is closed by the caller.
func (srv *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{Handler: srv.Handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 5 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 1 << 20,
		ErrorLog: slog.NewLogLogger(srv.log.Handler(), slog.LevelWarn)}
	go srv.checkpoints(ctx)
	go srv.attemptJobs(ctx)
	go srv.searchJobs(ctx)
	go srv.App.RunSearchLog(ctx)
	errc := make(chan error, 1)
	go func() {
		if srv.Cfg.TLSCert != "" {
			errc <- hs.ServeTLS(l, srv.Cfg.TLSCert, srv.Cfg.TLSKey)
		} else {
			errc <- hs.Serve(l)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	srv.log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if _, cerr := srv.App.Checkpoint(sctx); cerr != nil {
		srv.log.Warn("audit checkpoint", "err", cerr)
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// checkpoints signs an audit checkpoint every ten minutes.
func (srv *Server) checkpoints(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		if _, err := srv.App.Checkpoint(ctx); err != nil && ctx.Err() == nil {
			srv.log.Warn("audit checkpoint", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// attemptJobs runs the exam attempt job at start (so attempts that ran
// out while the server was down are finished at their deadline) and then
// every few seconds. Every node may run it: its steps are conditional.
func (srv *Server) attemptJobs(ctx context.Context) {
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		if n, _, err := srv.App.RunAttemptJobs(ctx); err != nil && ctx.Err() == nil {
			srv.log.Warn("attempt job", "err", err)
		} else if n > 0 {
			srv.log.Info("finished overdue attempts", "n", n)
		}
		if _, err := srv.App.FailStaleImports(ctx); err != nil && ctx.Err() == nil {
			srv.log.Warn("stale import job", "err", err)
		}
		if _, err := srv.App.DailyJobs(ctx); err != nil && ctx.Err() == nil { // path rules, once a company day
			srv.log.Warn("daily job", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// openMasker loads (or makes, on first start) the installation's masking
// key, kept next to audit.key and out of the database, so pseudonyms stay
// stable and a database dump alone cannot reverse them. Nodes sharing one
// database must share this file too.
func openMasker(dataDir string) (*mask.Masker, error) {
	key, err := mask.LoadOrCreateKey(filepath.Join(dataDir, "mask.key"))
	if err != nil {
		return nil, fmt.Errorf("masking key: %w", err)
	}
	return mask.New(key, mask.Options{})
}
