package funnel

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Event is one stage change of one deal, as a CRM records it: the deal
// entered Stage at Time. Amount is the deal's value as of the event (zero is a
// valid value); Owner and Source are optional attributes.
//
// The zero Event is invalid: an event needs a deal id, a stage key, a time
// from 1900 up to 2190 (so that every stay fits in a [time.Duration]) and a
// non-negative amount whose exponent lies in [-18, 18].
type Event struct {
	Deal   string          `json:"deal"`
	Stage  string          `json:"stage"`
	Time   time.Time       `json:"time"`
	Amount decimal.Decimal `json:"amount"`
	Owner  string          `json:"owner,omitempty"`
	Source string          `json:"source,omitempty"`
}

// Policy says what an [Analyzer] does with an event whose stage is not in its
// stage list. The zero value is Reject.
type Policy int

// The unknown-stage policies.
const (
	// Reject returns an error wrapping [ErrUnknownStage] that names the stage.
	Reject Policy = iota
	// Skip leaves the event out and counts it; reports list the count under
	// [UnknownStage] with the stage key.
	Skip
)

var policyNames = []string{"reject", "skip"}

// String returns the policy's lowercase name, "reject" or "skip".
func (p Policy) String() string {
	if s, ok := enumText(policyNames, int(p)); ok {
		return s
	}
	return "policy(" + strconv.Itoa(int(p)) + ")"
}

// MarshalText returns the policy's name; an undefined value is an error
// wrapping [ErrUnknownName].
func (p Policy) MarshalText() ([]byte, error) {
	s, ok := enumText(policyNames, int(p))
	if !ok {
		return nil, fieldErr("policy", strconv.Itoa(int(p)), ErrUnknownName)
	}
	return []byte(s), nil
}

// UnmarshalText parses "reject" or "skip"; any other text is an error wrapping
// [ErrUnknownName].
func (p *Policy) UnmarshalText(text []byte) error {
	v, err := parseEnum(policyNames, "policy", text)
	if err != nil {
		return err
	}
	*p = Policy(v)
	return nil
}

// Reason says why events were left out of a report.
type Reason int

// The reasons an event is left out. Reasons are never silent: every report
// lists each left-out count with its reason in Ignored.
const (
	// Duplicate is a second event for the same deal, stage and time. Of such
	// events the one with the largest amount is kept.
	Duplicate Reason = iota
	// UnknownStage is an event skipped under the [Skip] policy.
	UnknownStage
	// AfterAsOf is an event later than [ReportOptions].AsOf.
	AfterAsOf
	// OutsideWindow is an event later than [ReportOptions].Window after the
	// deal's first event.
	OutsideWindow
)

var reasonNames = []string{"duplicate", "unknown-stage", "after-as-of", "outside-window"}

// String returns the reason's lowercase name: "duplicate", "unknown-stage",
// "after-as-of" or "outside-window".
func (r Reason) String() string {
	if s, ok := enumText(reasonNames, int(r)); ok {
		return s
	}
	return "reason(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText returns the reason's name; an undefined value is an error
// wrapping [ErrUnknownName].
func (r Reason) MarshalText() ([]byte, error) {
	s, ok := enumText(reasonNames, int(r))
	if !ok {
		return nil, fieldErr("reason", strconv.Itoa(int(r)), ErrUnknownName)
	}
	return []byte(s), nil
}

// UnmarshalText parses a reason's name; any other text is an error wrapping
// [ErrUnknownName].
func (r *Reason) UnmarshalText(text []byte) error {
	v, err := parseEnum(reasonNames, "reason", text)
	if err != nil {
		return err
	}
	*r = Reason(v)
	return nil
}

// Ignored counts the events left out for one reason and one stage key.
type Ignored struct {
	Reason Reason `json:"reason"`
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
