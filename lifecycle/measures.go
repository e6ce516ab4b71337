package lifecycle

import (
	"encoding/json"
	"strconv"
	"time"
)

// Measures are figures read from an instance's history as of an instant:
// everything in them is what had happened at or before it. Time in a state
// is unpaused time, the time that counts towards staleness; the time spent
// paused is reported beside it. Times are elapsed time, not calendar days.
// In JSON the durations are numbers of seconds.
type Measures[S ~string] struct {
	// State is the state the instance was in; empty when the instance had
	// not started yet.
	State S `json:"state,omitempty"`
	// Path lists the states entered, in order, starting with the initial
	// state. A self-transition enters its state again and appears twice;
	// an internal transition enters nothing.
	Path []S `json:"path,omitempty"`
	// Time lists, for each state entered, in order of first entry, its
	// visits and the time spent in it, summed over visits.
	Time []StateTime[S] `json:"time,omitempty"`
	// Age is the unpaused time of the current stay: from entering State to
	// the as-of instant, less the time paused since.
	Age time.Duration `json:"age_seconds"`
	// Paused is the time the current stay spent paused.
	Paused time.Duration `json:"paused_seconds"`
	// Loops lists the transitions that went back to a state earlier in the
	// definition's process order, such as monitoring back to strategy,
	// grouped by source and target in order of first occurrence.
	Loops []Loop[S] `json:"loops,omitempty"`
	// Stale reports whether the instance was stale: not paused, in a state
	// with a positive StaleAfterDays, and with an Age of at least that many
	// days of 24 hours.
	Stale bool `json:"stale,omitempty"`
}

// StateTime is the time an instance spent in one state.
type StateTime[S ~string] struct {
	// State is the state.
	State S `json:"state"`
	// Visits counts the entries into the state.
	Visits int `json:"visits"`
	// Time is the total unpaused time spent in it.
	Time time.Duration `json:"time_seconds"`
	// Paused is the total time spent in it paused.
	Paused time.Duration `json:"paused_seconds"`
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

// Measure reads in's history as of asOf: the steps at or before asOf count,
// later ones do not, and the current state counts up to asOf. It returns
// [ErrNilDefinition], [ErrNilInstance] or a [*FieldError] wrapping
// [ErrUnknownState] when the instance's state, or a state its history
// enters, is not in the definition.
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
	pos := make([]int32, len(d.states)) // 1 + the index in m.Time of each state entered
	cur := int32(-1)                    // the current state's index in d.states
	var since time.Time
	paused := false
	// spend counts the time from since to until in the current state.
	spend := func(until time.Time) {
		if cur < 0 || !until.After(since) {
			return
		}
		dt, t := until.Sub(since), &m.Time[pos[cur]-1]
		if paused {
			t.Paused += dt
			m.Paused += dt
		} else {
			t.Time += dt
			m.Age += dt
		}
		since = until
	}
	for i, s := range in.history {
		if s.At.After(asOf) {
			break
		}
		switch s.Kind {
		case StepStart, StepFire:
			spend(s.At)
			to, ok := d.lookupState(s.To)
			if !ok {
				return Measures[S]{}, fieldErr("history["+strconv.Itoa(i)+"].to", string(s.To), ErrUnknownState)
			}
			if from, ok := d.lookupState(s.From); ok && s.Kind == StepFire && to < from {
				m.countLoop(s.From, s.To)
			}
			if pos[to] == 0 {
				m.Time = append(m.Time, StateTime[S]{State: s.To})
				pos[to] = int32(len(m.Time))
			}
			m.Time[pos[to]-1].Visits++
			m.Path = append(m.Path, s.To)
			m.State, m.Age, m.Paused = s.To, 0, 0
			cur, since = to, s.At
		case StepPause, StepResume:
			spend(s.At)
			paused = s.Kind == StepPause
		}
	}
	spend(asOf)
	m.Stale = cur >= 0 && !paused && d.staleAfter(cur, m.Age)
	return m, nil
}

// staleAfter reports whether an unpaused age in state i makes an instance
// stale.
func (d *Definition[S, T]) staleAfter(i int32, age time.Duration) bool {
	days := d.states[i].stale
	return days > 0 && age >= time.Duration(days)*24*time.Hour
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

// Stale reports whether in had sat in its state too long as of asOf, as
// [Measures.Stale] defines it: not paused, in a state with a positive
// StaleAfterDays, and with at least that many days of 24 hours of unpaused
// time in the current stay. A nil definition or instance, or one that
// Measure cannot read, is never stale.
func (d *Definition[S, T]) Stale(in *Instance[S, T], asOf time.Time) bool {
	m, err := d.Measure(in, asOf)
	return err == nil && m.Stale
}

// measuresJSON is the JSON form of Measures; durations are written as
// seconds and read back as JSON numbers.
type measuresJSON[S ~string, D any] struct {
	State  S              `json:"state,omitempty"`
	Path   []S            `json:"path,omitempty"`
	Time   []StateTime[S] `json:"time,omitempty"`
	Age    D              `json:"age_seconds"`
	Paused D              `json:"paused_seconds"`
	Loops  []Loop[S]      `json:"loops,omitempty"`
	Stale  bool           `json:"stale,omitempty"`
}

// MarshalJSON encodes the measures, with durations in seconds.
func (m Measures[S]) MarshalJSON() ([]byte, error) {
	return json.Marshal(measuresJSON[S, seconds]{m.State, m.Path, m.Time, seconds(m.Age), seconds(m.Paused), m.Loops, m.Stale})
}

// UnmarshalJSON decodes measures written by MarshalJSON. A number of
// seconds that is not a duration is a [*FieldError] wrapping [ErrDuration].
func (m *Measures[S]) UnmarshalJSON(data []byte) error {
	var j measuresJSON[S, json.Number]
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	var age, paused time.Duration
	if err := readSeconds(&age, "age_seconds", j.Age, &paused, "paused_seconds", j.Paused); err != nil {
		return err
	}
	*m = Measures[S]{j.State, j.Path, j.Time, age, paused, j.Loops, j.Stale}
	return nil
}

// stateTimeJSON is the JSON form of StateTime, as measuresJSON is of
// Measures.
type stateTimeJSON[S ~string, D any] struct {
	State  S   `json:"state"`
	Visits int `json:"visits"`
	Time   D   `json:"time_seconds"`
	Paused D   `json:"paused_seconds"`
}

// MarshalJSON encodes the state time, with durations in seconds.
func (t StateTime[S]) MarshalJSON() ([]byte, error) {
	return json.Marshal(stateTimeJSON[S, seconds]{t.State, t.Visits, seconds(t.Time), seconds(t.Paused)})
}

// UnmarshalJSON decodes a state time written by MarshalJSON. A number of
// seconds that is not a duration is a [*FieldError] wrapping [ErrDuration].
func (t *StateTime[S]) UnmarshalJSON(data []byte) error {
	var j stateTimeJSON[S, json.Number]
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	var spent, paused time.Duration
	if err := readSeconds(&spent, "time_seconds", j.Time, &paused, "paused_seconds", j.Paused); err != nil {
		return err
	}
	*t = StateTime[S]{j.State, j.Visits, spent, paused}
	return nil
}
