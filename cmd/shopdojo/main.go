// Command shopdojo is the ShopDojo training platform: server and admin tools.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/shopdojo/shopdojo/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Getenv, cli.Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})
	stop()
	os.Exit(code)
}
