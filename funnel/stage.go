package funnel

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
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

var outcomeNames = enumNames{"open", "won", "lost"}

// String returns "open", "won" or "lost", or "Outcome(n)" for a value
// without a name.
func (o Outcome) String() string { return outcomeNames.str("Outcome", int(o)) }

// MarshalText returns the outcome's name; a value without one is a
// [*FieldError] wrapping [ErrUnknownName].
func (o Outcome) MarshalText() ([]byte, error) {
	return outcomeNames.text("outcome", "Outcome", int(o))
}

// UnmarshalText parses "open", "won" or "lost"; any other text is a
// [*FieldError] wrapping [ErrUnknownName].
func (o *Outcome) UnmarshalText(text []byte) error {
	v, err := outcomeNames.parse("outcome", text)
	if err == nil {
		*o = Outcome(v)
	}
	return err
}

// Stage is one step of a sales funnel. Key identifies it in events and
// reports; Labels maps a language tag ("en", "zh-CN") to a display name (see
// [Stage.Label]).
//
// Probability is the default win probability of a deal in the stage, in
// [0, 1], used to weight open amounts. Zero means none is given: reports then
// use the observed rate at which deals in the stage went on to be won. A won
// stage may only give 0 or 1 and a lost stage only 0.
//
// Outcome marks the stage as open or terminal. The zero Stage is invalid: it
// has no key.
type Stage struct {
	Key         string  `json:"key"`
	Labels      Labels  `json:"labels,omitempty"`
	Probability float64 `json:"probability,omitempty"`
	Outcome     Outcome `json:"outcome"`
}

// Label returns the stage's label for the language tag lang, chosen by
// [Labels.Get], or the stage's key when Get finds none.
func (s Stage) Label(lang string) string {
	if l := s.Labels.Get(lang); l != "" {
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
		st.Labels = maps.Clone(st.Labels)
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
		return fieldErr("stages", "", fmt.Errorf("%w: it has %d", ErrTooFewStages, len(s)))
	}
	if len(s) > MaxStages {
		return fieldErr("stages", "", fmt.Errorf("%w: it has %d, at most %d are allowed", ErrTooManyStages, len(s), MaxStages))
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
				errs = append(errs, fieldErr(at+".outcome", st.Outcome.String(), ErrStageOrder))
			}
		case Won:
			won++
			terminal = true
		case Lost:
			terminal = true
		default:
			errs = append(errs, fieldErr(at+".outcome", st.Outcome.String(), ErrUnknownName))
		}
	}
	if open == 0 {
		errs = append(errs, fieldErr("stages", "", ErrNoOpen))
	}
	if won != 1 {
		errs = append(errs, fieldErr("stages", "", fmt.Errorf("%w: it has %d", ErrNoWon, won)))
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
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	list := make([]Stage, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal(r, &list[i]); err != nil {
			return prefixField("stages["+strconv.Itoa(i)+"]", err) // the path Validate names
		}
	}
	v := Stages(list)
	if err := v.Validate(); err != nil {
		return err
	}
	*s = v
	return nil
}

// diff returns "" when t is the same list as s, and otherwise the first
// difference, in the words of a Merge error: t is b's list, s is a's.
func (s Stages) diff(t Stages) string {
	if len(s) != len(t) {
		return fmt.Sprintf("stages has %d stages in b, %d in a", len(t), len(s))
	}
	for i := range s {
		x, y := s[i], t[i]
		at := "stages[" + strconv.Itoa(i) + "]"
		switch {
		case x.Key != y.Key:
			return fmt.Sprintf("%s.key is %q in b, %q in a", at, y.Key, x.Key)
		case x.Outcome != y.Outcome:
			return fmt.Sprintf("%s.outcome is %s in b, %s in a", at, y.Outcome, x.Outcome)
		case x.Probability != y.Probability:
			return fmt.Sprintf("%s.probability is %v in b, %v in a", at, y.Probability, x.Probability)
		}
		tags := slices.AppendSeq(slices.Collect(maps.Keys(x.Labels)), maps.Keys(y.Labels))
		slices.Sort(tags)
		for _, k := range slices.Compact(tags) {
			v, inA := x.Labels[k]
			w, inB := y.Labels[k]
			switch {
			case !inA:
				return fmt.Sprintf("%s.labels[%q] is %q in b, missing in a", at, k, w)
			case !inB:
				return fmt.Sprintf("%s.labels[%q] is missing in b, %q in a", at, k, v)
			case v != w:
				return fmt.Sprintf("%s.labels[%q] is %q in b, %q in a", at, k, w, v)
			}
		}
	}
	return ""
}

// Explain returns r's sentence in lang with the stages it cites named by
// their labels in lang instead of their keys, as a UI shows them: where
// Reason.Text says "proposal → negotiation converts 43.96%", Explain says
// "方案报价 → 商务谈判 转化率 43.96%…" for zh-CN. Values that are not keys of
// s stay as they are.
func (s Stages) Explain(r Reason, lang string) string {
	texts := make(map[string]string, len(r.Texts))
	for name, v := range r.Texts {
		if i, ok := s.Index(v); ok && (name == "from" || name == "to" || name == "stage") {
			v = s[i].Label(lang)
		}
		texts[name] = v
	}
	r.Texts = texts
	return r.Text(lang)
}
