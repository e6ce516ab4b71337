package funnel

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
)

// MaxStages is the largest number of stages a [Stages] list may hold.
const MaxStages = 64

// Outcome says whether a stage is open or terminal. The zero value is Open.
type Outcome int

// The outcomes of a stage.
const (
	// Open is a stage a deal passes through on the way to an outcome.
	Open Outcome = iota
	// Won is the terminal stage of a deal that closed as a sale.
	Won
	// Lost is a terminal stage of a deal that closed without a sale.
	Lost
)

var outcomeNames = []string{"open", "won", "lost"}

// String returns the outcome's lowercase name, or "outcome(n)" for an
// undefined value.
func (o Outcome) String() string {
	if s, ok := enumText(outcomeNames, int(o)); ok {
		return s
	}
	return "outcome(" + strconv.Itoa(int(o)) + ")"
}

// MarshalText returns the outcome's name; an undefined value is an error
// wrapping [ErrUnknownName].
func (o Outcome) MarshalText() ([]byte, error) {
	s, ok := enumText(outcomeNames, int(o))
	if !ok {
		return nil, fieldErr("outcome", strconv.Itoa(int(o)), ErrUnknownName)
	}
	return []byte(s), nil
}

// UnmarshalText parses "open", "won" or "lost"; any other text is an error
// wrapping [ErrUnknownName].
func (o *Outcome) UnmarshalText(text []byte) error {
	v, err := parseEnum(outcomeNames, "outcome", text)
	if err != nil {
		return err
	}
	*o = Outcome(v)
	return nil
}

// Stage is one step of a sales funnel. Key identifies it in events and
// reports; Labels maps a language tag ("en", "zh-CN") to a display name.
//
// Probability is the default win probability of a deal in the stage, in
// [0, 1], used to weight open amounts. Zero means none is given: reports then
// use the observed rate at which deals in the stage went on to be won. A won
// stage may only give 0 or 1 and a lost stage only 0.
//
// Outcome marks the stage as open or terminal. The zero Stage is invalid: it
// has no key.
type Stage struct {
	Key         string            `json:"key"`
	Labels      map[string]string `json:"labels,omitempty"`
	Probability float64           `json:"probability,omitempty"`
	Outcome     Outcome           `json:"outcome"`
}

// Label returns the stage's label for the language tag lang, falling back to
// the "en" label and then to the key.
func (s Stage) Label(lang string) string {
	if l, ok := s.Labels[lang]; ok && l != "" {
		return l
	}
	if l, ok := s.Labels["en"]; ok && l != "" {
		return l
	}
	return s.Key
}

// Stages is an ordered stage list: the open stages in funnel order, then the
// terminal stages. Exactly one stage is won; any number are lost. The open
// stages followed by the won stage form the funnel's path; a lost stage can
// be reached from any open stage.
//
// Stages is plain data: it round-trips through encoding/json as an array of
// stages, and decoding validates the list. A nil Stages is invalid.
type Stages []Stage

// NewStages returns a validated copy of the given stages. The error, built
// with [errors.Join], lists every problem found; see [Stages.Validate].
func NewStages(stages ...Stage) (Stages, error) {
	s := Stages(stages).clone()
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// MustStages is like [NewStages] but panics on an invalid list. Use it only
// for literals in tests and examples.
func MustStages(stages ...Stage) Stages {
	s, err := NewStages(stages...)
	if err != nil {
		panic(err)
	}
	return s
}

func (s Stages) clone() Stages {
	if s == nil {
		return nil
	}
	out := make(Stages, len(s))
	for i, st := range s {
		if st.Labels != nil {
			labels := make(map[string]string, len(st.Labels))
			for k, v := range st.Labels {
				labels[k] = v
			}
			st.Labels = labels
		}
		out[i] = st
	}
	return out
}

// Validate reports every problem of the list, joined with [errors.Join]: fewer
// than two stages ([ErrTooFewStages]), more than [MaxStages]
// ([ErrTooManyStages]), an empty key ([ErrEmptyKey]), a repeated key
// ([ErrDuplicateStage]), an undefined outcome ([ErrUnknownName]), a bad
// probability ([ErrProbability]), an open stage after a terminal one
// ([ErrStageOrder]), no open stage ([ErrNoOpen]) or not exactly one won stage
// ([ErrNoWon]). Each problem of one stage is a [*FieldError] naming it.
func (s Stages) Validate() error {
	if len(s) < 2 {
		return fieldErr("stages", strconv.Itoa(len(s)), ErrTooFewStages)
	}
	if len(s) > MaxStages {
		return fieldErr("stages", strconv.Itoa(len(s)), ErrTooManyStages)
	}
	var errs []error
	seen := make(map[string]int, len(s))
	won, open := 0, 0
	terminal := false
	for i, st := range s {
		at := "stages[" + strconv.Itoa(i) + "]"
		if st.Key == "" {
			errs = append(errs, fieldErr(at+".key", st.Key, ErrEmptyKey))
		} else if _, dup := seen[st.Key]; dup {
			errs = append(errs, fieldErr(at+".key", st.Key, ErrDuplicateStage))
		} else {
			seen[st.Key] = i
		}
		p := st.Probability
		switch {
		case math.IsNaN(p) || p < 0 || p > 1:
			errs = append(errs, fieldErr(at+".probability", strconv.FormatFloat(p, 'g', -1, 64), ErrProbability))
		case st.Outcome == Won && p != 0 && p != 1, st.Outcome == Lost && p != 0:
			errs = append(errs, fieldErr(at+".probability", strconv.FormatFloat(p, 'g', -1, 64), ErrProbability))
		}
		switch st.Outcome {
		case Open:
			open++
			if terminal {
				errs = append(errs, fieldErr(at+".outcome", st.Key, ErrStageOrder))
			}
		case Won:
			won++
			terminal = true
		case Lost:
			terminal = true
		default:
			errs = append(errs, fieldErr(at+".outcome", strconv.Itoa(int(st.Outcome)), ErrUnknownName))
		}
	}
	if open == 0 {
		errs = append(errs, fieldErr("stages", "", ErrNoOpen))
	}
	if won != 1 {
		errs = append(errs, fieldErr("stages", strconv.Itoa(won), ErrNoWon))
	}
	return errors.Join(errs...)
}

// Index returns the position of the stage with the given key and whether
// there is one.
func (s Stages) Index(key string) (int, bool) {
	for i, st := range s {
		if st.Key == key {
			return i, true
		}
	}
	return 0, false
}

// Path returns the keys of the funnel's path: the open stages in order, then
// the won stage.
func (s Stages) Path() []string {
	var out []string
	for _, st := range s {
		if st.Outcome == Open {
			out = append(out, st.Key)
		}
	}
	for _, st := range s {
		if st.Outcome == Won {
			out = append(out, st.Key)
		}
	}
	return out
}

// UnmarshalJSON decodes a JSON array of stages and validates it; an invalid
// list is an error (see [Stages.Validate]) and leaves s unchanged.
func (s *Stages) UnmarshalJSON(data []byte) error {
	var list []Stage
	if err := json.Unmarshal(data, &list); err != nil {
		return err
	}
	v := Stages(list)
	if err := v.Validate(); err != nil {
		return err
	}
	*s = v
	return nil
}

// equal reports whether s and t are the same list.
func (s Stages) equal(t Stages) bool {
	if len(s) != len(t) {
		return false
	}
	for i := range s {
		a, b := s[i], t[i]
		if a.Key != b.Key || a.Probability != b.Probability || a.Outcome != b.Outcome || len(a.Labels) != len(b.Labels) {
			return false
		}
		for k, v := range a.Labels {
			if w, ok := b.Labels[k]; !ok || w != v {
				return false
			}
		}
	}
	return true
}

// B2B returns the preset business-to-business opportunity funnel: lead →
// qualified → proposal → negotiation → won, with lost reachable from every
// open stage. Labels are in English ("en") and simplified Chinese ("zh-CN");
// default win probabilities are 10%, 25%, 50% and 75%. Each call returns a
// fresh copy.
func B2B() Stages {
	return Stages{
		{Key: "lead", Labels: labels("Lead", "销售线索"), Probability: 0.10},
		{Key: "qualified", Labels: labels("Qualified", "商机确认"), Probability: 0.25},
		{Key: "proposal", Labels: labels("Proposal", "方案报价"), Probability: 0.50},
		{Key: "negotiation", Labels: labels("Negotiation", "商务谈判"), Probability: 0.75},
		{Key: "won", Labels: labels("Won", "赢单"), Probability: 1, Outcome: Won},
		{Key: "lost", Labels: labels("Lost", "输单"), Outcome: Lost},
	}
}

// Telesales returns the preset telesales call funnel: dialed → connected →
// conversation → appointment → deal, where deal is the won stage. It has no
// lost stage and no default probabilities. Labels are in English ("en") and
// simplified Chinese ("zh-CN"). Each call returns a fresh copy.
func Telesales() Stages {
	return Stages{
		{Key: "dialed", Labels: labels("Dialed", "拨打")},
		{Key: "connected", Labels: labels("Connected", "接通")},
		{Key: "conversation", Labels: labels("Conversation", "有效通话")},
		{Key: "appointment", Labels: labels("Appointment", "邀约成功")},
		{Key: "deal", Labels: labels("Deal", "成交"), Outcome: Won},
	}
}

func labels(en, zh string) map[string]string {
	return map[string]string{"en": en, "zh-CN": zh}
}
