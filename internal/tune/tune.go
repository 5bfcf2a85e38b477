// Package tune chooses the ranking model's settings from labelled real questions: a coordinate
// search over answer.Settings on the tuning half, maximising strict passes and off-topic
// messages handled right while answered replies stay right at least Precision of the time.
// The result is reported on the check half, which the search never sees.
//
// The scoring rule is the real question sets' own (see faq/fixtures/real): a reply passes when
// it answers and its text holds, for every `must` group, one of the group's phrases, compared
// diacritic-folded; an off-topic message (`expect`) passes when the reply is not an answer.
package tune

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// Question is one labelled real question.
type Question struct {
	ID     string     `yaml:"id"`
	Q      string     `yaml:"q"`
	Must   [][]string `yaml:"must"`
	Expect string     `yaml:"expect"`
	Kind   string     `yaml:"kind"`
	Off    bool       `yaml:"-"` // off-topic: must not be answered
}

// Load reads a real question file: {in_scope: [...], out_of_scope: [...]} or a list of
// fixtures with `must` (in scope) or `expect` / kind fallback or smalltalk (off-topic).
// Items with neither are skipped: they are not scored by this rule.
func Load(file string) ([]Question, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read questions: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("read questions %s: %w", file, err)
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	doc := root.Content[0]
	var qs []Question
	add := func(n *yaml.Node, off bool) error {
		var part []Question
		if err := n.Decode(&part); err != nil {
			return fmt.Errorf("read questions %s: %w", file, err)
		}
		for _, q := range part {
			q.Off = off || q.Expect != "" || q.Kind == "fallback" || q.Kind == "smalltalk"
			if q.Off || len(q.Must) > 0 {
				qs = append(qs, q)
			}
		}
		return nil
	}
	switch doc.Kind {
	case yaml.SequenceNode:
		err = add(doc, false)
	case yaml.MappingNode:
		for i := 0; i+1 < len(doc.Content); i += 2 {
			if doc.Content[i+1].Kind == yaml.SequenceNode {
				if err = add(doc.Content[i+1], doc.Content[i].Value == "out_of_scope"); err != nil {
					break
				}
			}
		}
	}
	return qs, err
}

// Answerer is what the search needs of the engine.
type Answerer interface {
	Answer(ctx context.Context, text string) answer.Reply
}

// Score is how one setting did on a set of questions.
type Score struct {
	InScope, Pass        int // in-scope questions, and those answered right
	OffTopic, OffRight   int // off-topic messages, and those not answered
	Answered, AnsweredOK int // replies that answered, and those right (off-topic answers are wrong)
	Clarified, FellBack  int // in-scope questions clarified or fallen back
	Conf                 []ConfPoint
}

// ConfPoint is one answered reply's confidence and whether it was right, for risk–coverage.
type ConfPoint struct {
	Conf  float64
	Right bool
}

// StrictPass is the share of in-scope questions answered right.
func (s Score) StrictPass() float64 { return ratio(s.Pass, s.InScope) }

// OffTopicRate is the share of off-topic messages not answered.
func (s Score) OffTopicRate() float64 { return ratio(s.OffRight, s.OffTopic) }

// Precision is the share of answers that were right.
func (s Score) Precision() float64 { return ratio(s.AnsweredOK, s.Answered) }

// Coverage is the share of in-scope questions answered.
func (s Score) Coverage() float64 { return ratio(s.Answered-(s.OffTopic-s.OffRight), s.InScope) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Run scores an answerer on questions.
func Run(ctx context.Context, a Answerer, qs []Question) Score {
	var s Score
	for _, q := range qs {
		r := a.Answer(ctx, q.Q)
		answered := r.Kind == answer.KindAnswer || r.Kind == answer.KindSafety && r.ID != ""
		if q.Off {
			s.OffTopic++
			if !answered {
				s.OffRight++
			} else {
				s.Answered++
				s.Conf = append(s.Conf, ConfPoint{r.Score, false})
			}
			continue
		}
		s.InScope++
		switch {
		case answered:
			s.Answered++
			ok := Passes(r.Text, q.Must)
			if ok {
				s.Pass++
				s.AnsweredOK++
			}
			s.Conf = append(s.Conf, ConfPoint{r.Score, ok})
		case r.Kind == answer.KindClarify:
			s.Clarified++
		default:
			s.FellBack++
		}
	}
	return s
}

// Passes applies the must rule to a reply text.
func Passes(text string, must [][]string) bool {
	t := fold(text)
	for _, g := range must {
		hit := false
		for _, p := range g {
			if fp := fold(p); fp != "" && strings.Contains(t, fp) {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// fold is the rule's comparison form: diacritics removed (đ → d), lower case, one space.
func fold(s string) string {
	return strings.Join(strings.Fields(textnorm.Fold(strings.ToLower(textnorm.Normalize(s)))), " ")
}

// Objective is what the search maximises: right in-scope answers plus off-topic messages
// handled right, minus a heavy penalty for every wrong answer beyond the allowed share.
func Objective(s Score, precision float64) float64 {
	wrong := float64(s.Answered - s.AnsweredOK)
	allowed := (1 - precision) * float64(s.Answered)
	over := math.Max(0, wrong-allowed)
	return float64(s.Pass+s.OffRight) - 5*over
}

// Dim is one setting the search may move, with the values it tries.
type Dim struct {
	Name   string
	Values []float64
}

func steps(lo, hi, step float64) []float64 {
	var out []float64
	for v := lo; v <= hi+1e-9; v += step {
		out = append(out, math.Round(v*1000)/1000)
	}
	return out
}

// RankDims are the ranking model's weights: searched first, for right answers alone (the
// ordering of candidates), with the decision left as it is. The search's own settings (boosts,
// field weights, the learned model's training) need a rebuilt index and are tried with --set.
func RankDims() []Dim {
	return []Dim{
		{"rank_bm", steps(0, 1.5, 0.1)},
		{"rank_cover", steps(0, 1.5, 0.1)},
		{"rank_class", steps(0, 3, 0.25)},
		{"question_weight", steps(0, 0.8, 0.1)},
	}
}

// DecisionDims are the thresholds of the decision: searched second, under the precision bar.
func DecisionDims() []Dim {
	return []Dim{
		{"answer", steps(0.2, 0.8, 0.025)},
		{"clarify", steps(0.1, 0.6, 0.05)},
		{"margin", steps(0, 0.2, 0.01)},
		{"off_topic_lead", steps(-0.2, 0.4, 0.05)},
		{"sure", steps(0.4, 1.01, 0.05)},
		{"spread", steps(0, 0.3, 0.05)},
	}
}

// Search runs a coordinate search from start: each round tries every value of every dimension
// with the others fixed and keeps the best (ties keep the current value, so the result is
// deterministic). It stops after rounds or when a round changes nothing. engine builds an
// answerer for a setting; log, when not nil, gets one line per improvement.
func Search(ctx context.Context, engine func(answer.Settings) Answerer, qs []Question, start answer.Settings, dims []Dim, precision float64, rounds int, log io.Writer) (answer.Settings, Score, error) {
	cur := start
	best := Run(ctx, engine(cur), qs)
	bestObj := Objective(best, precision)
	for round := 0; round < rounds; round++ {
		changed := false
		for _, d := range dims {
			orig, err := cur.Get(d.Name)
			if err != nil {
				return cur, best, err
			}
			for _, v := range d.Values {
				if v == orig {
					continue
				}
				try := cur
				if err := try.Set(d.Name, strconv.FormatFloat(v, 'g', -1, 64)); err != nil {
					return cur, best, err
				}
				s := Run(ctx, engine(try), qs)
				if obj := Objective(s, precision); obj > bestObj+1e-9 {
					cur, best, bestObj, changed = try, s, obj, true
					if log != nil {
						fmt.Fprintf(log, "round %d: %s=%g → objective %.1f (pass %d/%d, off-topic %d/%d, precision %.3f)\n",
							round+1, d.Name, v, obj, s.Pass, s.InScope, s.OffRight, s.OffTopic, s.Precision())
					}
				}
			}
			if err := ctx.Err(); err != nil {
				return cur, best, err
			}
		}
		if !changed {
			break
		}
	}
	return cur, best, nil
}

// RiskCoverage lists, for each confidence cut among the answered replies, the share of
// in-scope questions still answered and the precision of those answers, highest cut first.
type RiskPoint struct {
	Cut       float64
	Answered  int
	Precision float64
}

// Risk returns the risk–coverage points of a score.
func Risk(s Score) []RiskPoint {
	pts := append([]ConfPoint(nil), s.Conf...)
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].Conf > pts[j].Conf })
	var out []RiskPoint
	ok := 0
	for i, p := range pts {
		if p.Right {
			ok++
		}
		if i+1 < len(pts) && pts[i+1].Conf == p.Conf {
			continue
		}
		out = append(out, RiskPoint{Cut: p.Conf, Answered: i + 1, Precision: float64(ok) / float64(i+1)})
	}
	return out
}

// WriteScore prints a one-line summary of a score.
func WriteScore(w io.Writer, name string, s Score) {
	fmt.Fprintf(w, "%-8s strict %.3f (%d/%d)  answered %d, right %.3f  clarify %d  fallback %d  off-topic %.3f (%d/%d)\n",
		name, s.StrictPass(), s.Pass, s.InScope, s.Answered, s.Precision(), s.Clarified, s.FellBack, s.OffTopicRate(), s.OffRight, s.OffTopic)
}
