// Package cli is the shopdojo command line: one file per subcommand. Every
// command shares the --data and --db flags (and SHOPDOJO_DATA, SHOPDOJO_DB).
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/spf13/cobra"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/i18n"
	"github.com/shopdojo/shopdojo/internal/server"
)

// Stdio are the command's standard streams.
type Stdio struct {
	In       io.Reader
	Out, Err io.Writer
}

// env is what every command gets: the configuration and the streams.
type env struct {
	cfg    config.Config
	io     Stdio
	getenv func(string) string
	lang   string
	tr     *i18n.Bundle

	cpuProfile string // serve --cpu-profile
}

// Run runs the command line and returns the exit code.
func Run(ctx context.Context, args []string, getenv func(string) string, stdio Stdio) int {
	e := &env{cfg: config.Default(), io: stdio, getenv: getenv, lang: cliLang(getenv)}
	e.cfg.FromEnv(getenv)
	root := &cobra.Command{Use: "shopdojo", Short: "ShopDojo 运营道场: training platform for e-commerce operations teams",
		SilenceUsage: true, SilenceErrors: true}
	root.SetArgs(args)
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	pf := root.PersistentFlags()
	pf.StringVar(&e.cfg.DataDir, "data", e.cfg.DataDir, "data directory (SQLite database, keys, files) [SHOPDOJO_DATA]")
	pf.StringVar(&e.cfg.DB, "db", e.cfg.DB, "PostgreSQL URL postgres://…; empty uses SQLite in --data [SHOPDOJO_DB]")
	pf.StringVar(&e.cfg.Files, "files", e.cfg.Files, "S3-compatible file store s3://KEY:SECRET@host/bucket[/prefix][?region=…&tls=false]; empty keeps files in --data (prefer SHOPDOJO_FILES: keys on a command line are visible to every user)")
	root.AddCommand(serveCmd(e), migrateCmd(e), versionCmd(e), userCmd(e), tokenCmd(e), auditCmd(e),
		importCmd(e), backupCmd(e), restoreCmd(e), benchCmd(e), contentCmd(e), kbCmd(e))
	root.AddCommand(maskCmd(e))
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(stdio.Err, "shopdojo:", e.explain(err))
		return 1
	}
	return 0
}

// cliLang picks the language of messages from LANG (zh… → Chinese).
func cliLang(getenv func(string) string) string {
	l := strings.ToLower(getenv("SHOPDOJO_LANG") + getenv("LC_ALL") + getenv("LANG"))
	if strings.HasPrefix(l, "en") || strings.Contains(l, "en_") {
		return "en"
	}
	return "zh-CN"
}

// explain renders an error for a person: domain messages are translated.
func (e *env) explain(err error) string {
	var de *shopdojo.Error
	if errors.As(err, &de) && de.Msg != "" && e.bundle() != nil {
		s := e.tr.T(e.lang, de.Msg, de.Args)
		for f, m := range de.Fields {
			s += fmt.Sprintf("\n  %s: %s", f, e.tr.T(e.lang, m, nil))
		}
		return s
	}
	return err.Error()
}

func (e *env) bundle() *i18n.Bundle {
	if e.tr == nil {
		e.tr, _ = i18n.New()
	}
	return e.tr
}

func (e *env) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(e.io.Err, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// open opens the database and app for an admin command.
func (e *env) open(ctx context.Context) (*server.Instance, error) {
	return server.OpenApp(ctx, e.cfg, e.logger(), server.Options{})
}

var cliActor = app.SystemActor("cli")

func migrateCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "migrate", Short: "Create or upgrade the database schema", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			inst, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer inst.Close()
			fmt.Fprintf(e.io.Out, "database is up to date (%s)\n", inst.Store.Dialect)
			return nil
		}}
}

func versionCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "version", Short: "Print the version", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(e.io.Out, "shopdojo", server.Version)
			return nil
		}}
}
