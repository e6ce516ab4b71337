package forecast

import (
	"embed"
	"encoding/json"
	"math"
	"strconv"
)

// Outcome says whether a stage is open or closed, and how. The zero value is
// Open.
type Outcome int

// The outcomes of a stage.
const (
	// Open is a stage a deal passes through on the way to an outcome.
	Open Outcome = iota
	// Won is the stage of a deal that closed as a sale.
	Won
	// Lost is the stage of a deal that closed without a sale.
	Lost
)

var outcomeNames = enumNames{"open", "won", "lost"}

// String returns the wire name of o ("open", "won", "lost"), or "Outcome(n)".
func (o Outcome) String() string { return outcomeNames.str("Outcome", int(o)) }

// MarshalText encodes o as its name; a value without one is a *FieldError
// wrapping [ErrUnknownName].
func (o Outcome) MarshalText() ([]byte, error) {
	return outcomeNames.text("outcome", "Outcome", int(o))
}

// UnmarshalText decodes "open", "won" or "lost"; any other text is a
// *FieldError wrapping [ErrUnknownName].
func (o *Outcome) UnmarshalText(b []byte) error {
	v, err := outcomeNames.parse("outcome", b)
	if err != nil {
		return err
	}
	*o = Outcome(v)
	return nil
}

// Category is a forecast category, the bucket a deal's amount is counted in
// the way the leading CRMs define them:
//
//   - pipeline: open, still being worked, not yet likely enough to forecast;
//   - best_case: open, could close this period if things go well;
//   - commit: open, the owner commits to closing it this period;
//   - closed: won;
//   - omitted: lost, or left out of the forecast on purpose; never counted.
//
// The cumulative forecasts add them up: the open pipeline is pipeline + best
// case + commit; the best-case forecast is best case + commit + closed; the
// commit forecast is commit + closed (see [Forecasts]).
//
// The zero Category names no category and has no text form: a [Deal] that
// leaves it zero is forecast in its stage's category.
type Category int

// The forecast categories, in the order reports list them.
const (
	CategoryUnset    Category = iota // no category: a deal takes its stage's
	CategoryPipeline                 // open, being worked
	CategoryBestCase                 // open, could close this period
	CategoryCommit                   // open, committed for this period
	CategoryClosed                   // won
	CategoryOmitted                  // lost or left out; never counted
)

// numCategories is one more than the largest category.
const numCategories = int(CategoryOmitted) + 1

var categoryNames = enumNames{"", "pipeline", "best_case", "commit", "closed", "omitted"}

// String returns the wire name of c ("best_case"), or "Category(n)".
func (c Category) String() string { return categoryNames.str("Category", int(c)) }

// MarshalText encodes c as its name; the zero Category and values without a
// name are a *FieldError wrapping [ErrUnknownName].
func (c Category) MarshalText() ([]byte, error) {
	return categoryNames.text("category", "Category", int(c))
}

// UnmarshalText decodes "pipeline", "best_case", "commit", "closed" or
// "omitted"; any other text is a *FieldError wrapping [ErrUnknownName].
func (c *Category) UnmarshalText(b []byte) error {
	v, err := categoryNames.parse("category", b)
	if err != nil {
		return err
	}
	*c = Category(v)
	return nil
}

// categoryLabels are the categories' names for people, in English and in
// simplified Chinese.
var categoryLabels = [numCategories][2]string{
	{"", ""},
	{"Pipeline", "管道"},
	{"Best case", "最佳情况"},
	{"Commit", "承诺"},
	{"Closed", "已成交"},
	{"Omitted", "已忽略"},
}

// Label returns the category's name for people in lang ("Best case",
// "最佳情况"), chosen as [Labels.Get] chooses between English and
// simplified Chinese; a value without a name gets its String.
func (c Category) Label(lang string) string {
	if !c.valid() {
		return c.String()
	}
	l := categoryLabels[c]
	return Labels{"en": l[0], "zh-CN": l[1]}.Get(lang)
}

// valid reports whether c names a category.
func (c Category) valid() bool { return c >= CategoryPipeline && c <= CategoryOmitted }

// allows reports whether a deal with outcome o may be forecast in c: an open
// deal in pipeline, best case, commit or omitted; a won deal in closed or
// omitted; a lost deal only in omitted.
func (o Outcome) allows(c Category) bool {
	switch o {
	case Open:
		return c == CategoryPipeline || c == CategoryBestCase || c == CategoryCommit || c == CategoryOmitted
	case Won:
		return c == CategoryClosed || c == CategoryOmitted
	case Lost:
		return c == CategoryOmitted
	}
	return false
}

// Stage is one step of the sales process as the forecast sees it. Key
// identifies it in deals; Labels name it for people. Probability, in [0, 1],
// is the default chance that a deal in the stage is won, used when the deal
// gives none; Category is the forecast category a deal in the stage takes
// when it names none. Outcome marks the stage as open, won or lost: a won
// stage has probability 1 and category closed, a lost stage probability 0
// and category omitted.
//
// The zero Stage is invalid: it has no key.
type Stage struct {
	Key         string   `json:"key"`
	Labels      Labels   `json:"labels,omitempty"`
	Probability float64  `json:"probability"`
	Category    Category `json:"category,omitempty"`
	Outcome     Outcome  `json:"outcome"`
}

// Label returns the stage's label in lang, chosen as [Labels.Get] chooses,
// or its key when it has none.
func (s Stage) Label(lang string) string { return s.Labels.or(lang, s.Key) }

// Stages is an ordered stage list: the open stages in the order deals move
// through them, then the closed ones. It is plain data and round-trips
// through encoding/json; [Stages.Validate] checks it, and every function that
// takes one validates it first.
type Stages []Stage

// Validate reports every problem with s, joined with errors.Join: an empty
// list, a stage without a key or with a key already used, a probability
// outside [0, 1], a category missing or not allowed for the stage's outcome,
// a won stage whose probability is not 1 or a lost stage whose probability
// is not 0. Each problem is a *FieldError naming the stage
// ("stages[2].probability") and wrapping [ErrStage], [ErrProbability],
// [ErrCategory] or [ErrUnknownName].
func (s Stages) Validate() error {
	var errs []error
	if len(s) == 0 {
		return fieldErr("stages", "", ErrStage)
	}
	seen := make(map[string]int, len(s))
	for i, st := range s {
		at := "stages[" + strconv.Itoa(i) + "]"
		if st.Key == "" {
			errs = append(errs, fieldErr(at+".key", "", ErrStage))
		} else if j, dup := seen[st.Key]; dup {
			errs = append(errs, fieldErr(at+".key", st.Key, wrap(ErrStage, "key used by stages["+strconv.Itoa(j)+"]")))
		} else {
			seen[st.Key] = i
		}
		if st.Outcome < Open || st.Outcome > Lost {
			errs = append(errs, fieldErr(at+".outcome", st.Outcome.String(), ErrUnknownName))
			continue
		}
		p := st.Probability
		switch {
		case math.IsNaN(p) || p < 0 || p > 1:
			errs = append(errs, fieldErr(at+".probability", formatFloat(p), ErrProbability))
		case st.Outcome == Won && p != 1:
			errs = append(errs, fieldErr(at+".probability", formatFloat(p), wrap(ErrStage, "a won stage has probability 1")))
		case st.Outcome == Lost && p != 0:
			errs = append(errs, fieldErr(at+".probability", formatFloat(p), wrap(ErrStage, "a lost stage has probability 0")))
		}
		switch {
		case !st.Category.valid():
			errs = append(errs, fieldErr(at+".category", st.Category.String(), ErrCategory))
		case st.Outcome == Won && st.Category != CategoryClosed:
			errs = append(errs, fieldErr(at+".category", st.Category.String(), wrap(ErrCategory, "a won stage is closed")))
		case !st.Outcome.allows(st.Category):
			errs = append(errs, fieldErr(at+".category", st.Category.String(),
				wrap(ErrCategory, "a stage with outcome "+st.Outcome.String()+" cannot be "+st.Category.String())))
		}
	}
	return joinErrs(errs)
}

// index returns the position of every key.
func (s Stages) index() map[string]int {
	m := make(map[string]int, len(s))
	for i, st := range s {
		m[st.Key] = i
	}
	return m
}

// clone returns a deep copy of s.
func (s Stages) clone() Stages {
	if s == nil {
		return nil
	}
	out := make(Stages, len(s))
	for i, st := range s {
		out[i] = st
		if st.Labels != nil {
			out[i].Labels = make(Labels, len(st.Labels))
			for k, v := range st.Labels {
				out[i].Labels[k] = v
			}
		}
	}
	return out
}

// equal reports whether s and t are the same list, labels included.
func (s Stages) equal(t Stages) bool {
	if len(s) != len(t) {
		return false
	}
	for i := range s {
		a, b := s[i], t[i]
		if a.Key != b.Key || a.Probability != b.Probability || a.Category != b.Category ||
			a.Outcome != b.Outcome || len(a.Labels) != len(b.Labels) {
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

//go:embed presets/*.json
var presetFiles embed.FS

// B2B returns the shared B2B stage list, the same in every saleskit package
// that has stages: lead (销售线索, 0.10, pipeline), qualified (商机确认, 0.25,
// pipeline), proposal (方案报价, 0.50, best case), negotiation (商务谈判, 0.75,
// commit), won (赢单, 1, closed) and lost (输单, 0, omitted). It returns a
// fresh list on every call. The list is stored as JSON in the package
// (presets/b2b.json); a CRM that wants its own takes this one, changes it and
// passes it on.
func B2B() Stages {
	data, err := presetFiles.ReadFile("presets/b2b.json")
	if err != nil {
		panic("forecast: preset b2b: " + err.Error())
	}
	var s Stages
	if err := json.Unmarshal(data, &s); err != nil {
		panic("forecast: preset b2b: " + err.Error())
	}
	return s
}
