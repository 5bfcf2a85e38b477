package answer

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Settings holds every number of the ranking model and the decision, in one place. Each field
// has a default (DefaultSettings) and a one-line reason in its `why` tag; `vneidbot eval --set
// name=value` and the settings search change them by name (the `set` tag) without editing code,
// and `vneidbot ask --explain` lists them. The search package receives its share as
// search.Params (see SearchParams in package kb): it never reads constants of its own.
//
// Add a field here, with its default in DefaultSettings, whenever a new number steers a reply.
type Settings struct {
	// Decision.
	Answer  float64 `set:"answer" why:"confidence at or above which the best entry is answered alone"`
	Clarify float64 `set:"clarify" why:"confidence at or above which the 2-3 best entries are offered as choices"`
	Margin  float64 `set:"margin" why:"lead in blended rank (0..1) the best entry needs over the second to be answered alone"`
	// ClearLead: a confidence lead this large answers even when the blended ranks are close.
	ClearLead float64 `set:"clear_lead" why:"a confidence lead over the second entry that answers even when ranks are close"`
	// VagueWords: a message with at most this many telling words that several entries explain
	// fully is a choice to offer ("quên", "otp"), not an answer.
	VagueWords int `set:"vague_words" why:"messages with at most this many telling words are vague when several entries explain them"`
	// SmalltalkWords: a greeting or thanks message of at most this many words is small talk
	// even when it mentions a known word.
	SmalltalkWords int     `set:"smalltalk_words" why:"a greeting or thanks this short is small talk, whatever else it says"`
	Options        int     `set:"options" why:"most entries offered in a clarification (buttons fit 2-3)"`
	CloseMargins   float64 `set:"close_margins" why:"an entry within this many Margins of the best is a close option"`
	Candidates     int     `set:"candidates" why:"entries the engine asks the search for and ranks"`

	// Long messages (focus.go): the clauses that ask are searched on their own too, and each
	// candidate's coverage, phrase share and score blend QuestionWeight of the question's with
	// the rest of the whole message's.
	QuestionWeight float64 `set:"question_weight" why:"share of the question clauses against the whole message in a long message"`
	// QuestionMinWords: a question with fewer telling words than this is a follow-up that leans
	// on the story ("có nên làm theo không"): the whole message decides alone.
	QuestionMinWords int `set:"question_min_words" why:"telling words a question clause needs to be weighed on its own"`

	// Ranking blend and confidence.
	Blend float64 `set:"blend" why:"weight of confidence against the search score (scaled to the best) when ordering"`
	// Confidence = CovWeight*coverage + PhraseWeight*phrase; without known word pairs it is
	// LoneCovWeight*coverage (a message of single words is a little less certain).
	CovWeight     float64 `set:"cov_weight" why:"share of confidence from the coverage of telling words"`
	PhraseWeight  float64 `set:"phrase_weight" why:"share of confidence from known word pairs in the right order"`
	LoneCovWeight float64 `set:"lone_cov_weight" why:"confidence per coverage when the message has no known word pair"`

	// Search: Bleve query and candidate collection.
	BoostExact float64 `set:"boost_exact" why:"an accented word matching exactly adds a little over its folded form"`
	BoostCanon float64 `set:"boost_canon" why:"weight of folded words and synonym groups in the question fields"`
	BoostBi    float64 `set:"boost_bi" why:"weight of known word pairs (compounds) in the question fields"`
	MaxDocs    int     `set:"max_docs" why:"question documents Bleve collects; 30 keeps recall and p50 low"`
	// CommonShare: a word asked with in more than this share of entries is left out of the
	// Bleve query (it still counts in coverage) unless nothing else is left.
	CommonShare float64 `set:"common_share" why:"words asked in more than this share of entries stay out of the Bleve query"`
	MinCommon   int     `set:"min_common" why:"below this many entries every word is common: keep them all in the query"`

	// Search: coverage of the message's telling words.
	AnswerCredit  float64 `set:"answer_credit" why:"a word found only in the answer counts this much (answers use many words in passing)"`
	LoneCredit    float64 `set:"lone_credit" why:"a word found without any of its query neighbours counts this much ('tiết' of 'thời tiết')"`
	GeneralFactor float64 `set:"general_factor" why:"weight an everyday word keeps ('giá', 'hôm nay')"`
	RareDocs      float64 `set:"rare_docs" why:"rarity stops counting beyond a word asked in this many entries"`

	// Search: typo repair.
	FixMinLen  int `set:"fix_min_len" why:"words shorter than this are never repaired (Telex/VNI included)"`
	EditMinLen int `set:"edit_min_len" why:"only words this long get one-letter repairs (syllables are one letter apart)"`
}

// DefaultSettings are the calibrated values (see README, "Tuning").
func DefaultSettings() Settings {
	return Settings{
		Answer:           0.4,
		Clarify:          0.35,
		Margin:           0.02,
		ClearLead:        0.2,
		VagueWords:       1,
		SmalltalkWords:   4,
		Options:          3,
		CloseMargins:     2,
		Candidates:       10,
		QuestionWeight:   0.5,
		QuestionMinWords: 4,

		Blend:         0.6,
		CovWeight:     0.8,
		PhraseWeight:  0.2,
		LoneCovWeight: 0.9,

		BoostExact:  0.3,
		BoostCanon:  1.0,
		BoostBi:     1.0,
		MaxDocs:     30,
		CommonShare: 0.1,
		MinCommon:   40,

		AnswerCredit:  0.3,
		LoneCredit:    0.5,
		GeneralFactor: 0.35,
		RareDocs:      4,

		FixMinLen:  3,
		EditMinLen: 5,
	}
}

// Setting describes one field of Settings.
type Setting struct {
	Name  string // as given to Set
	Value string // current value
	Why   string // the one-line reason
}

// List returns every setting with its current value, in declaration order.
func (s *Settings) List() []Setting {
	v := reflect.ValueOf(s).Elem()
	t := v.Type()
	out := make([]Setting, 0, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("set")
		if name == "" {
			continue
		}
		out = append(out, Setting{Name: name, Value: format(v.Field(i)), Why: f.Tag.Get("why")})
	}
	return out
}

// Names lists the setting names, sorted.
func (s *Settings) Names() []string {
	var out []string
	for _, st := range s.List() {
		out = append(out, st.Name)
	}
	sort.Strings(out)
	return out
}

// Get returns the current value of a setting as a float (ints and bools converted).
func (s *Settings) Get(name string) (float64, error) {
	f, err := s.field(name)
	if err != nil {
		return 0, err
	}
	switch f.Kind() {
	case reflect.Float64:
		return f.Float(), nil
	case reflect.Int:
		return float64(f.Int()), nil
	case reflect.Bool:
		if f.Bool() {
			return 1, nil
		}
		return 0, nil
	}
	return 0, fmt.Errorf("setting %s: unsupported kind %s", name, f.Kind())
}

// Set changes one setting by name from its text form ("0.45", "3", "true").
func (s *Settings) Set(name, value string) error {
	f, err := s.field(name)
	if err != nil {
		return err
	}
	value = strings.TrimSpace(value)
	switch f.Kind() {
	case reflect.Float64:
		x, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return fmt.Errorf("setting %s: %q is not a number", name, value)
		}
		f.SetFloat(x)
	case reflect.Int:
		x, err := strconv.Atoi(value)
		if err != nil {
			return fmt.Errorf("setting %s: %q is not a whole number", name, value)
		}
		f.SetInt(int64(x))
	case reflect.Bool:
		x, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("setting %s: %q is not true or false", name, value)
		}
		f.SetBool(x)
	default:
		return fmt.Errorf("setting %s: unsupported kind %s", name, f.Kind())
	}
	return nil
}

// SetPair applies "name=value".
func (s *Settings) SetPair(pair string) error {
	name, value, ok := strings.Cut(pair, "=")
	if !ok {
		return fmt.Errorf("setting %q: want name=value", pair)
	}
	return s.Set(strings.TrimSpace(name), value)
}

func (s *Settings) field(name string) (reflect.Value, error) {
	v := reflect.ValueOf(s).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Tag.Get("set") == name {
			return v.Field(i), nil
		}
	}
	return reflect.Value{}, fmt.Errorf("unknown setting %q (known: %s)", name, strings.Join(s.Names(), ", "))
}

func format(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case reflect.Int:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	}
	return v.String()
}
