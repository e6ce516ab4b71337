package lifecycle

import (
	"encoding/json"
	"time"
)

// Measures are figures read from an instance's history as of a date. In
// JSON the durations are numbers of seconds.
type Measures[S ~string] struct {
	// Path lists the states entered, in order, starting with the initial
	// state. A self-transition enters its state again and appears twice;
	// an internal transition enters nothing.
	Path []S `json:"path,omitempty"`
	// Time lists the time spent in each state entered, summed over visits,
	// in order of first entry; the current state counts up to the as-of
	// date.
	Time []StateTime[S] `json:"time,omitempty"`
	// Age is the current state's age: the time from entering it to the
	// as-of date, or zero when the date is earlier.
	Age time.Duration `json:"age_seconds"`
	// Loops lists the transitions that went back to a state earlier in the
	// definition's process order, such as monitoring back to strategy,
	// grouped by source and target in order of first occurrence.
	Loops []Loop[S] `json:"loops,omitempty"`
	// Stale reports whether the instance is stale (see
	// [Definition.Stale]).
	Stale bool `json:"stale,omitempty"`
}

// StateTime is the time an instance spent in one state.
type StateTime[S ~string] struct {
	// State is the state.
	State S `json:"state"`
	// Visits counts the entries into the state.
	Visits int `json:"visits"`
	// Time is the total time spent in it.
	Time time.Duration `json:"time_seconds"`
}

// Loop counts the transitions from one state back to an earlier one.
type Loop[S ~string] struct {
	// From and To are the states left and entered.
	From S `json:"from"`
	To   S `json:"to"`
	// Count is the number of such transitions.
	Count int `json:"count"`
}

// LoopsFrom returns how many times the instance went back from state s.
func (m Measures[S]) LoopsFrom(s S) int {
	n := 0
	for _, l := range m.Loops {
		if l.From == s {
			n += l.Count
		}
	}
	return n
}

// LoopCount returns the total number of loops back.
func (m Measures[S]) LoopCount() int {
	n := 0
	for _, l := range m.Loops {
		n += l.Count
	}
	return n
}

// Measure reads in's history as of asOf. Time after asOf is not counted.
// It returns [ErrNilDefinition], [ErrNilInstance] or a [*FieldError]
// wrapping [ErrUnknownState].
func (d *Definition[S, T]) Measure(in *Instance[S, T], asOf time.Time) (Measures[S], error) {
	var m Measures[S]
	if d == nil {
		return m, ErrNilDefinition
	}
	if in == nil {
		return m, ErrNilInstance
	}
	if _, ok := d.lookupState(in.state); !ok {
		return m, fieldErr("state", string(in.state), ErrUnknownState)
	}
	pos := map[S]int{}
	var cur S
	var since time.Time
	addTime := func(until time.Time) {
		if i, ok := pos[cur]; ok {
			m.Time[i].Time += clip(since, until, asOf)
		}
	}
	enter := func(s S, at time.Time) {
		m.Path = append(m.Path, s)
		i, ok := pos[s]
		if !ok {
			i = len(m.Time)
			pos[s] = i
			m.Time = append(m.Time, StateTime[S]{State: s})
		}
		m.Time[i].Visits++
		cur, since = s, at
	}
	for _, s := range in.history {
		switch s.Kind {
		case StepStart:
			enter(s.To, s.At)
		case StepFire:
			addTime(s.At)
			fi, fok := d.lookupState(s.From)
			ti, tok := d.lookupState(s.To)
			if fok && tok && ti < fi {
				m.countLoop(s.From, s.To)
			}
			enter(s.To, s.At)
		}
	}
	addTime(asOf)
	if asOf.After(in.entered) {
		m.Age = asOf.Sub(in.entered)
	}
	m.Stale = d.Stale(in, asOf)
	return m, nil
}

// clip returns the part of [from, to) before asOf, or zero.
func clip(from, to, asOf time.Time) time.Duration {
	if to.After(asOf) {
		to = asOf
	}
	if !to.After(from) {
		return 0
	}
	return to.Sub(from)
}

func (m *Measures[S]) countLoop(from, to S) {
	for i := range m.Loops {
		if m.Loops[i].From == from && m.Loops[i].To == to {
			m.Loops[i].Count++
			return
		}
	}
	m.Loops = append(m.Loops, Loop[S]{From: from, To: to, Count: 1})
}

// Stale reports whether in has sat in its state too long as of asOf: the
// state has a positive StaleAfterDays, the instance is not paused, and its
// time in the state, less the time it spent paused there, is at least that
// many days of 24 hours. A nil definition or instance, or an unknown state,
// is never stale.
func (d *Definition[S, T]) Stale(in *Instance[S, T], asOf time.Time) bool {
	if d == nil || in == nil || in.paused {
		return false
	}
	si, ok := d.lookupState(in.state)
	if !ok || d.states[si].stale <= 0 {
		return false
	}
	active := clip(in.entered, asOf, asOf)
	// Subtract the pauses since the state was entered.
	var pausedAt time.Time
	inPause := false
	for _, s := range in.history {
		if s.At.Before(in.entered) {
			continue
		}
		switch s.Kind {
		case StepPause:
			pausedAt, inPause = s.At, true
		case StepResume:
			if inPause {
				active -= clip(pausedAt, s.At, asOf)
				inPause = false
			}
		}
	}
	return active >= time.Duration(d.states[si].stale)*24*time.Hour
}

// measuresJSON is the JSON form of Measures; durations are written as
// seconds and read back as JSON numbers.
type measuresJSON[S ~string, D any] struct {
	Path  []S            `json:"path,omitempty"`
	Time  []StateTime[S] `json:"time,omitempty"`
	Age   D              `json:"age_seconds"`
	Loops []Loop[S]      `json:"loops,omitempty"`
	Stale bool           `json:"stale,omitempty"`
}

// MarshalJSON encodes the measures, with durations in seconds.
func (m Measures[S]) MarshalJSON() ([]byte, error) {
	return json.Marshal(measuresJSON[S, seconds]{m.Path, m.Time, seconds(m.Age), m.Loops, m.Stale})
}

// UnmarshalJSON decodes measures written by MarshalJSON. A number of
// seconds that is not a duration is a [*FieldError] wrapping [ErrDuration].
func (m *Measures[S]) UnmarshalJSON(data []byte) error {
	var j measuresJSON[S, json.Number]
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	age, err := readSeconds("age_seconds", j.Age)
	if err != nil {
		return err
	}
	*m = Measures[S]{j.Path, j.Time, age, j.Loops, j.Stale}
	return nil
}

// stateTimeJSON is the JSON form of StateTime, as measuresJSON is of
// Measures.
type stateTimeJSON[S ~string, D any] struct {
	State  S   `json:"state"`
	Visits int `json:"visits"`
	Time   D   `json:"time_seconds"`
}

// MarshalJSON encodes the state time, with durations in seconds.
func (t StateTime[S]) MarshalJSON() ([]byte, error) {
	return json.Marshal(stateTimeJSON[S, seconds]{t.State, t.Visits, seconds(t.Time)})
}

// UnmarshalJSON decodes a state time written by MarshalJSON. A number of
// seconds that is not a duration is a [*FieldError] wrapping [ErrDuration].
func (t *StateTime[S]) UnmarshalJSON(data []byte) error {
	var j stateTimeJSON[S, json.Number]
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	spent, err := readSeconds("time_seconds", j.Time)
	if err != nil {
		return err
	}
	*t = StateTime[S]{j.State, j.Visits, spent}
	return nil
}
