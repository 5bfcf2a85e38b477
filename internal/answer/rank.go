package answer

import (
	"math"
	"sort"
)

// Candidate is one entry as the ranking model sees it: the features the search measured and
// what each contributed to its score. Explain returns these; decide uses the same numbers.
type Candidate struct {
	ID       string  `json:"id"`
	Title    string  `json:"title"`
	BM25     float64 `json:"bm25"`     // the search's own score, any scale
	BMShare  float64 `json:"bm_share"` // BM25 scaled so the best candidate is 1
	Coverage float64 `json:"coverage"` // share of the message's telling words the entry explains
	Phrase   float64 `json:"phrase"`   // share of the message's known word pairs the entry asks with
	Anchored bool    `json:"anchored"` // shares a telling, non-everyday word with the entry's questions (paired_anchors)
	Cover    float64 `json:"cover"`    // coverage confidence 0..1 (0 when not anchored)
	Class    float64 `json:"class"`    // the learned model's score
	Fit      float64 `json:"fit"`      // share of the entry's closest question the message has
	// Parts are the weighted contributions that add up to Score.
	Parts map[string]float64 `json:"parts"`
	Score float64            `json:"score"` // the model's score: the sum of Parts
	Rank  float64            `json:"rank"`  // Score scaled to 0..1 by the sum of the weights
	// Conf is the confidence 0..1: the parts that measure the entry against the message on an
	// absolute scale (cover, class, fit), by the sum of their weights. The BM25 share is left out:
	// it is relative (the best candidate's is always 1), so it orders but cannot vouch.
	Conf float64 `json:"conf"`
}

// Decision says why the reply became what it is.
type Decision struct {
	Kind   Kind    `json:"kind"`
	Reason string  `json:"reason"`
	Conf   float64 `json:"conf"`      // confidence in the best candidate
	Lead   float64 `json:"lead"`      // its lead in rank (Candidate.Rank) over the second
	Off    float64 `json:"off_topic"` // the learned model's off-topic score
	// QuestionOff is Found.QuestionOff: how far a long message's question part alone reads
	// off-topic.
	QuestionOff float64 `json:"question_off,omitempty"`
	Risk        float64 `json:"risk"` // the learned model's score for "the message is itself a risk"
}

// score computes every candidate's features and score and orders them best first.
// The model is a weighted sum, with weights from Settings:
//
//	Score = RankBM·BMShare + RankCover·Cover + RankClass·Class + RankFit·Fit
//
// Rank is Score over the sum of the weights; the confidence leaves the BM25 share out (see
// Candidate.Conf). Parts are filled only when explain is set: only Explain reads them.
func (e *Engine) score(hits []Hit, explain bool) []Candidate {
	out := make([]Candidate, len(hits))
	top := 0.0
	for _, h := range hits {
		top = math.Max(top, h.Score)
	}
	total := e.st.RankBM + e.st.RankCover + e.st.RankClass + e.st.RankFit
	if total <= 0 {
		total = 1
	}
	absolute := e.st.RankCover + e.st.RankClass + e.st.RankFit
	if absolute <= 0 {
		absolute = 1
	}
	for i, h := range hits {
		c := Candidate{ID: h.ID, BM25: h.Score, Coverage: h.Coverage, Phrase: h.Phrase, Anchored: h.Anchored, Class: h.Class, Fit: h.Fit}
		if en, ok := e.byID[h.ID]; ok {
			c.Title = en.Title
		}
		if top > 0 {
			c.BMShare = h.Score / top
		}
		c.Cover = e.confidence(h)
		bm, cov, cls, fit := e.st.RankBM*c.BMShare, e.st.RankCover*c.Cover, e.st.RankClass*c.Class, e.st.RankFit*c.Fit
		c.Score = bm + cov + cls + fit
		c.Rank = c.Score / total
		c.Conf = math.Max(0, math.Min(1, (cov+cls+fit)/absolute))
		if explain {
			c.Parts = map[string]float64{"bm25": round(bm), "cover": round(cov), "class": round(cls), "fit": round(fit)}
		}
		out[i] = c
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// choose applies the decision rules to scored candidates (best first) and returns the kind,
// the candidates to offer when clarifying, and the reason in words for Explain.
//
//   - off-topic: the learned model finds the message closer to off-topic messages than to the
//     best entry by OffTopicLead, and the best is not a sure answer → fallback (the engine sets
//     the model's reading aside for a message the scam list or a safety rule marked ours flags);
//   - off-topic question: a long message's question part alone reads off-topic by QuestionOffLead
//     (Found.QuestionOff), and the best is not a sure answer → fallback;
//   - vague: a message of at most VagueWords telling words that several entries explain,
//     the best not ahead by VagueLead in rank → clarify;
//   - Conf ≥ Answer and a lead in Rank ≥ Margin (or ≥ ClearLead in coverage) → answer;
//   - Conf ≥ Clarify → clarify with the best and those within Spread of it (2..Options);
//   - otherwise → fallback.
func (e *Engine) choose(c []Candidate, found Found) (Decision, []Candidate) {
	d := Decision{Off: round(found.OffTopic), QuestionOff: round(found.QuestionOff)}
	if len(c) == 0 {
		d.Kind, d.Reason = KindFallback, "no candidate"
		return d, nil
	}
	best := c[0]
	second := Candidate{}
	if len(c) > 1 {
		second = c[1]
	}
	lead := best.Rank - second.Rank
	d.Conf, d.Lead = round(best.Conf), round(lead)
	sure := best.Conf >= e.st.Sure
	// The model must have read something: with neither score above 0 ("cccd", a word the model
	// has no feature for) it says nothing either way.
	if !sure && found.OffTopic > 0 && found.OffTopic-best.Class >= e.st.OffTopicLead {
		d.Kind, d.Reason = KindFallback, "the message reads more like off-topic messages than like the best entry"
		return d, e.vetoedNearest(c)
	}
	// A long letter telling our procedures as its story and asking another body's matter ("đã
	// tích hợp BHYT trên VNeID…, công ty cũ không đóng bảo hiểm thì kiện ở đâu"): the story's words
	// carry the whole message to an entry, but its question alone reads off-topic.
	if !sure && found.QuestionOff > 0 && found.QuestionOff >= e.st.QuestionOffLead {
		d.Kind, d.Reason = KindFallback, "the question part alone reads more like off-topic messages than like any entry (question_off_lead)"
		return d, e.vetoedNearest(c)
	}
	vague := lead < e.st.VagueLead && found.Words <= e.st.VagueWords && second.Cover >= e.st.Answer && best.Cover-second.Cover < e.st.ClearLead
	switch {
	case vague && best.Conf >= e.st.Clarify:
		d.Kind, d.Reason = KindClarify, "few telling words that several entries explain fully"
	case best.Conf >= e.st.Answer && (lead >= e.st.Margin || best.Cover-second.Cover >= e.st.ClearLead):
		d.Kind, d.Reason = KindAnswer, "confidence at or above answer, and far enough ahead of the second"
		return d, nil
	case best.Conf >= e.st.Answer:
		d.Kind, d.Reason = KindClarify, "confident, but the second entry is too close"
	case best.Conf >= e.st.Clarify && e.st.UnsureFallback:
		d.Kind, d.Reason = KindFallback, "confidence between clarify and answer: the fallback, with the nearest topics as its buttons (unsure_fallback)"
	case best.Conf >= e.st.Clarify:
		d.Kind, d.Reason = KindClarify, "confidence between clarify and answer"
	default:
		d.Kind, d.Reason = KindFallback, "confidence below clarify"
		return d, nil
	}
	return d, e.nearest(c)
}

// nearest is what a clarification or an unsure fallback offers: the best and those within
// Spread of it (at least two, at most Options).
func (e *Engine) nearest(c []Candidate) []Candidate {
	opts := []Candidate{c[0]}
	for _, o := range c[1:] {
		if len(opts) >= e.st.Options {
			break
		}
		if c[0].Conf-o.Conf <= e.st.Spread || len(opts) < 2 {
			opts = append(opts, o)
		}
	}
	return opts
}

// vetoedNearest is what a fallback the off-topic model made offers: the nearest topics, as an
// unsure fallback does, when the best entry is plausible (confidence at least Clarify): a
// question of ours told in a neighbour's words ("bay Tết với bé 2 tháng tuổi, nhập giấy tờ
// gì") reaches its entry in one tap instead of the popular topics; none otherwise.
func (e *Engine) vetoedNearest(c []Candidate) []Candidate {
	if !e.st.UnsureFallback || c[0].Conf < e.st.Clarify {
		return nil
	}
	return e.nearest(c)
}
