package service

import (
	"errors"
	"time"

	"github.com/vneidbot/vneidbot/internal/faq"
)

// Usage texts of the subcommands, printed by -h; the flags follow them.

// Usage is the manual of `vneidbot` itself.
const Usage = `vneidbot: trợ lý hỏi đáp về thẻ căn cước, VNeID và dịch vụ công.
Usage:
  vneidbot ask [--json] [--faq DIR] [--index DIR] ["câu hỏi"]
  vneidbot lint [DIR]
  vneidbot index [--faq DIR] [--index DIR] [--force]
  vneidbot eval [--json] [--min X] [--faq DIR] [--index DIR] [FILES...]
  vneidbot serve [--http ADDR] [--faq DIR] [--index DIR] [--reload-every D]
  vneidbot gaps [--days N | --since DATE] [--json | --fixtures]
  vneidbot tune [--precision P] [--rounds N] [--set name=value]...

Run "vneidbot COMMAND -h" for a command's flags.
`

// ServeUsage is the manual of `vneidbot serve`.
const ServeUsage = `usage: vneidbot serve [flags]

Serves the web chat and the HTTP API, and the Telegram bot when TELEGRAM_BOT_TOKEN is set
(long polling, or a webhook on the same server when TELEGRAM_WEBHOOK_URL is set).
SIGHUP reloads faq/ at once; SIGINT/SIGTERM stop it gracefully.

Environment (flags win over it):
  VNEIDBOT_HTTP, VNEIDBOT_FAQ, VNEIDBOT_INDEX, VNEIDBOT_LOG_LEVEL   as --http, --faq, --index, --log-level
  TELEGRAM_BOT_TOKEN        the bot's token from @BotFather (secret; Telegram is off without it)
  TELEGRAM_WEBHOOK_URL      public https URL Telegram posts updates to; its path is served here
  TELEGRAM_WEBHOOK_SECRET   required with a webhook: 1-256 of A-Z a-z 0-9 _ - (secret)
  TELEGRAM_API_URL          Bot API base URL (default https://api.telegram.org)
  VNEIDBOT_DB               postgres://… store shared by replicas (default: SQLite in --data)
  VNEIDBOT_STORE_KEY        key of the chat-id hashes in the store (secret; random per run if unset)
  VNEIDBOT_STAFF_TOKEN      enables the staff console at /staff/ (secret, 16+ characters)

Flags:
`

// EvalUsage is the manual of `vneidbot eval`.
const EvalUsage = `usage: vneidbot eval [flags] [FILES...]

Runs the query fixtures (YAML lists of {q, id, also, kind, must, expect, real, note}) through
the bot and scores the replies: one line per fixture, FAIL lines prefixed with file:line, then
a summary per set and in total (strict pass, in scope and off topic, top-1, ranked first, recall@3, MRR,
off-topic and no-answer precision and recall), a risk–coverage table per set and the most
confused entries.

Without FILES, runs the sets under --faq: own (fixtures/*.yaml), stories (fixtures/stories/),
probes (fixtures/probes/), neighbours (fixtures/neighbours/), situations (fixtures/situations/),
and for each collection of real questions (fixtures/NAME/, e.g.
real, harvest, harvest2) NAME-tune (tune.yaml) and NAME-check (check.yaml, never used for
tuning, sealed); own, stories and each NAME-tune again as *-unseen, in 2 folds, each asked of
a model trained without it (what training gains on questions not memorised; compare
NAME-tune-unseen with NAME-check). --no-check leaves the check halves out altogether, their
figures too: use it while tuning, so that no figure of a check half is seen before the end.
With FILES, runs them as one set.

--bars FILE (make eval passes internal/eval/bars.yaml) sets the lowest figure of each set;
--min and --min-top1 bar the total. --baseline OLD.json (a report written with --json) lists
the fixtures the change fixed and the ones it broke. --now YYYY-MM-DD answers with the facts'
values of that day: which fixtures a fee or law that changes on a known day will break.

Exit status: 0 ok, 1 below a bar, 2 bad usage or a fixture, bars, baseline, FAQ or index that
cannot be loaded.

Flags:
`

// LintUsage is the manual of `vneidbot lint`.
const LintUsage = `usage: vneidbot lint [--now YYYY-MM-DD] [DIR]

Checks the FAQ files in DIR (default: $VNEIDBOT_FAQ, else faq) and prints every
problem as file:line: message (a file that does not parse first), then a summary line.
With --now, the dates (facts' valid_until, review_by, reviewed) are checked as on that
day, Vietnam time: run "vneidbot lint --now 2027-01-01" to see what will be out of date then.

Exit status: 0 when there are no errors (warnings are allowed), 1 when there are
errors, 2 for a usage error or a directory that cannot be read.

Flags:
`

// parseDay reads a day written YYYY-MM-DD (Vietnam time) and returns midday of that day, so
// that the whole day's values count.
func parseDay(s string) (time.Time, error) {
	d, err := faq.ParseDay(s)
	if err != nil {
		return time.Time{}, errors.New("want a date written YYYY-MM-DD")
	}
	return d.Start().Add(12 * time.Hour), nil
}
