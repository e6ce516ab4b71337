package funnel

import (
	"time"

	"github.com/shopspring/decimal"
)

// Event is one stage change of one deal, as a CRM records it: the deal
// entered Stage at Time. Amount is the deal's value as of the event (zero is a
// valid value); Owner and Source are optional attributes.
//
// The zero Event is invalid: an event needs a deal id, a stage key, a time
// from 1900 up to 2190 (so that every stay fits in a [time.Duration]) and a
// non-negative amount with at most 18 digits after the decimal point and 36
// before it (see [ErrAmount]).
type Event struct {
	Deal   string          `json:"deal"`
	Stage  string          `json:"stage"`
	Time   time.Time       `json:"time"`
	Amount decimal.Decimal `json:"amount"`
	Owner  string          `json:"owner,omitempty"`
	Source string          `json:"source,omitempty"`
}

// OnUnknown says what an [Analyzer] does with an event whose stage is not in
// its stage list. The zero value is Reject.
type OnUnknown int

// What to do with an event of an unknown stage.
const (
	// Reject returns an error wrapping [ErrUnknownStage] that names the stage.
	Reject OnUnknown = iota
	// Skip leaves the event out and counts it; reports list the count under
	// [UnknownStage] with the stage key.
	Skip
)

var onUnknownNames = enumNames{"reject", "skip"}

// String returns "reject" or "skip", or "OnUnknown(n)" for a value without a
// name.
func (u OnUnknown) String() string { return onUnknownNames.str("OnUnknown", int(u)) }

// MarshalText returns the name; a value without one is a [*FieldError]
// wrapping [ErrUnknownName].
func (u OnUnknown) MarshalText() ([]byte, error) {
	return onUnknownNames.text("on_unknown", "OnUnknown", int(u))
}

// UnmarshalText parses "reject" or "skip"; any other text is a [*FieldError]
// wrapping [ErrUnknownName].
func (u *OnUnknown) UnmarshalText(text []byte) error {
	v, err := onUnknownNames.parse("on_unknown", text)
	if err == nil {
		*u = OnUnknown(v)
	}
	return err
}

// Cause says why events were left out of a report. The zero value is
// Duplicate.
type Cause int

// The causes of leaving an event out. None is silent: every report lists
// each left-out count with its cause in Ignored.
const (
	// Duplicate is a second event for the same deal, stage and time. Of such
	// events the one with the largest amount is kept.
	Duplicate Cause = iota
	// UnknownStage is an event skipped under [Skip].
	UnknownStage
	// AfterAsOf is an event later than [ReportOptions].AsOf.
	AfterAsOf
	// OutsideWindow is an event later than [ReportOptions].Window after the
	// deal's first event.
	OutsideWindow
)

var causeNames = enumNames{"duplicate", "unknown_stage", "after_as_of", "outside_window"}

// causeLabels are the causes' names for people.
var causeLabels = [][2]string{{"Duplicate", "重复记录"}, {"Unknown stage", "未知阶段"}, {"After the report's date", "晚于报告截止时间"},
	{"Outside the window", "超出统计窗口"}}

// Label returns the cause's name for people in lang ("Unknown stage",
// "未知阶段"), chosen as [Labels.Get] chooses between English and
// simplified Chinese; a value without a name gives its String.
func (c Cause) Label(lang string) string { return causeNames.label("Cause", int(c), causeLabels, lang) }

// String returns the cause's name: "duplicate", "unknown_stage",
// "after_as_of" or "outside_window", or "Cause(n)" for a value without one.
func (c Cause) String() string { return causeNames.str("Cause", int(c)) }

// MarshalText returns the cause's name; a value without one is a
// [*FieldError] wrapping [ErrUnknownName].
func (c Cause) MarshalText() ([]byte, error) { return causeNames.text("cause", "Cause", int(c)) }

// UnmarshalText parses a cause's name; any other text is a [*FieldError]
// wrapping [ErrUnknownName].
func (c *Cause) UnmarshalText(text []byte) error {
	v, err := causeNames.parse("cause", text)
	if err == nil {
		*c = Cause(v)
	}
	return err
}

// Ignored counts the events left out for one cause and one stage key.
type Ignored struct {
	Cause  Cause  `json:"cause"`
	Stage  string `json:"stage"`
	Events int    `json:"events"`
}

// Unix-second bounds of the times an event may carry: 1900-01-01 up to but
// not including 2190-01-01 UTC. The span is under 292 years, so every
// difference of two times, such as a stay or a sales cycle, fits in a
// time.Duration.
const (
	minEventSec = -2208988800 // 1900-01-01T00:00:00Z
	maxEventSec = 6942585600 - 1
)

// eventNanos returns t as nanoseconds since 1970, or ok=false for a time
// outside the supported range.
func eventNanos(t time.Time) (int64, bool) {
	s := t.Unix()
	if s < minEventSec || s > maxEventSec {
		return 0, false
	}
	return s*1e9 + int64(t.Nanosecond()), true // t.UnixNano()
}

// fromNanos returns the UTC time n nanoseconds after 1970.
func fromNanos(n int64) time.Time {
	return time.Unix(0, n).UTC()
}

// timeRange says which times an event, an AsOf or a flow bound may carry.
const timeRange = "a time is from 1900-01-01 up to 2190-01-01 UTC"

// utc returns t in UTC, and the zero time as it is: results give instants
// in UTC, so that the same instant gives the same JSON in any location.
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// timeText returns t as an error message shows it, in RFC 3339.
func timeText(t time.Time) string { return t.Format(time.RFC3339Nano) }
