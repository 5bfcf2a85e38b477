package main

import (
	"io"

	"github.com/vneidbot/vneidbot/internal/service"
)

// env is what a subcommand may touch of the outside world, so tests can run it with buffers.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// flags is a subcommand's flag set, its defaults read from e's environment (service.Flags).
func (e env) flags(name, usage string) *service.Flags {
	return service.NewFlags(name, usage, e.getenv, e.stderr)
}
