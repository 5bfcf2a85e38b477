// Command vneidbot answers Vietnamese citizens' questions about the chip-based identity card,
// the VNeID app and the essential online public services, from the FAQ kept in faq/.
//
// Usage:
//
//	vneidbot ask [--json] [--faq DIR] [--index DIR] ["câu hỏi"]   answer a question (or one per line of stdin)
//	vneidbot lint [DIR]                                          check the FAQ files, file:line: message
//	vneidbot index [--faq DIR] [--index DIR] [--force]           build the on-disk search index
//	vneidbot eval [--json] [--min X] [FILES]                     run the query fixtures and score them
//	vneidbot serve [--http ADDR] [--reload-every D]              web chat, HTTP API and Telegram
//	vneidbot gaps [--days N] [--json|--fixtures]                 what the bot could not answer, grouped
//
// Environment: VNEIDBOT_FAQ, VNEIDBOT_INDEX, VNEIDBOT_HTTP, VNEIDBOT_LOG_LEVEL,
// TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_URL, TELEGRAM_WEBHOOK_SECRET, TELEGRAM_API_URL.
// Flags win over the environment, the environment over defaults; internal/service does the work.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], env{getenv: os.Getenv, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr})
	stop()
	os.Exit(code)
}

const usage = `vneidbot: trợ lý hỏi đáp về thẻ căn cước, VNeID và dịch vụ công.
Usage:
  vneidbot ask [--json] [--faq DIR] [--index DIR] ["câu hỏi"]
  vneidbot lint [DIR]
  vneidbot index [--faq DIR] [--index DIR] [--force]
  vneidbot eval [--json] [--min X] [--faq DIR] [--index DIR] [FILES...]
  vneidbot serve [--http ADDR] [--faq DIR] [--index DIR] [--reload-every D]
  vneidbot gaps [--days N | --since DATE] [--json | --fixtures]

Run "vneidbot COMMAND -h" for a command's flags.
`

// run dispatches to a subcommand and returns the process exit code.
func run(ctx context.Context, args []string, e env) int {
	cmds := map[string]func(context.Context, []string, env) int{
		"ask": runAsk, "lint": runLint, "index": runIndex, "eval": runEval, "serve": runServe,
		"gaps": runGaps,
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprint(e.stdout, usage)
		return 0
	}
	if len(args) == 0 || cmds[args[0]] == nil {
		if len(args) > 0 {
			fmt.Fprintf(e.stderr, "vneidbot: unknown command %q\n\n", args[0])
		}
		fmt.Fprint(e.stderr, usage)
		return 2
	}
	return cmds[args[0]](ctx, args[1:], e)
}
