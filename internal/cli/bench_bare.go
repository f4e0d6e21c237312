package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"
)

// benchBareCmd serves the baseline of `bench pages`: the least work a Go
// web server can do per request. It runs in its own process, like `serve`,
// so both targets share the CPUs with the load generator on equal terms.
func benchBareCmd() *cobra.Command {
	var addr string
	c := &cobra.Command{Use: "bare-server", Short: "Serve a bare net/http JSON handler (used by bench pages)",
		Hidden: true, Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return serveBare(cmd.Context(), addr) }}
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:0", "address to listen on")
	return c
}

var bareBody = []byte(`{"ok":true,"service":"bare"}`)

func bareHandler(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(bareBody)
}

func serveBare(ctx context.Context, addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	hs := &http.Server{Handler: http.HandlerFunc(bareHandler), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = hs.Close()
	}()
	if err := hs.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("bare server: %w", err)
	}
	return nil
}
