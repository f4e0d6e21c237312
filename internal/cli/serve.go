package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/server"
)

func serveCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "serve", Short: "Run the web server", Args: cobra.NoArgs}
	f := c.Flags()
	f.StringVar(&e.cfg.Addr, "addr", e.cfg.Addr, "address to listen on [SHOPDOJO_ADDR]")
	f.StringVar(&e.cfg.BaseURL, "base-url", e.cfg.BaseURL, "public URL for absolute links, e.g. https://train.example.cn [SHOPDOJO_BASE_URL]")
	f.StringVar(&e.cfg.TLSCert, "tls-cert", "", "TLS certificate file")
	f.StringVar(&e.cfg.TLSKey, "tls-key", "", "TLS key file")
	f.StringSliceVar(&e.cfg.TrustedProxies, "trusted-proxy", e.cfg.TrustedProxies, "reverse proxy address or CIDR whose X-Forwarded-For/-Proto are trusted [SHOPDOJO_TRUSTED_PROXY]")
	f.DurationVar(&e.cfg.ExamGrace, "exam-grace", e.cfg.ExamGrace, "how long after an exam attempt's deadline answers still count (network delay)")
	f.BoolVar(&e.cfg.Demo, "demo", false, "seed the demo company 示例电商有限公司 and print demo logins")
	f.BoolVar(&e.cfg.Dev, "dev", false, "read templates and static files from disk (development)")
	f.StringVar(&e.cpuProfile, "cpu-profile", "", "write a CPU profile of the whole run to this file (profiling)")
	c.RunE = func(cmd *cobra.Command, _ []string) error { return e.serve(cmd.Context()) }
	return c
}

// serveGCPercent is serve's garbage-collector target unless GOGC is set:
// the heap may grow to three times what is live (Go's default is twice),
// which cut the collector's share of an exam storm's CPU by a third for a
// few megabytes more at rest.
const serveGCPercent = 200

func (e *env) serve(ctx context.Context) error {
	start := time.Now()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	log := slog.New(slog.NewJSONHandler(e.io.Err, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv, err := server.Open(ctx, e.cfg, log, server.Options{})
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := e.firstStart(ctx, srv.App); err != nil {
		return err
	}
	l, err := net.Listen("tcp", e.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", e.cfg.Addr, err)
	}
	if !e.cfg.Loopback() && !e.cfg.HTTPS() {
		log.Warn("listening beyond loopback without https: passwords and session cookies travel in clear text; " +
			"put ShopDojo behind an https reverse proxy and set --base-url https://… and --trusted-proxy")
	}
	if e.cpuProfile != "" {
		stop, err := startCPUProfile(e.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	log.Info("ready", "url", "http://"+l.Addr().String(), "db", string(srv.Store.Dialect),
		"startup_ms", time.Since(start).Milliseconds())
	fmt.Fprintf(e.io.Out, "ShopDojo 运营道场 is running at %s\n", e.cfg.PublicURL())
	return srv.Serve(ctx, l)
}

// firstStart creates the first admin (printing the password once) and, in
// demo mode, the demo company.
func (e *env) firstStart(ctx context.Context, a *app.App) error {
	pw, err := a.Bootstrap(ctx)
	if err != nil {
		return err
	}
	if pw != "" {
		fmt.Fprintf(e.io.Out, "\nFirst start: administrator created.\n  sign-in: admin\n  password: %s\n"+
			"This password is shown only once; you will be asked to change it.\n\n", pw)
	}
	if !e.cfg.Demo {
		return nil
	}
	logins, err := a.SeedDemo(ctx)
	if err != nil {
		return err
	}
	if len(logins) > 0 {
		fmt.Fprintf(e.io.Out, "Demo company 示例电商有限公司 created. Every demo person's password is %q.\n", app.DemoPassword)
		for _, l := range logins {
			fmt.Fprintf(e.io.Out, "  %-8s %-6s %s\n", l.EmployeeNo, l.Name, strings.ReplaceAll(l.Roles, ",", ", "))
		}
		fmt.Fprintln(e.io.Out)
	}
	return nil
}

// startCPUProfile profiles the process until the returned stop is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
