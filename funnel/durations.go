package funnel

import (
	"encoding/json"
	"time"
)

// Durations summarises a set of durations. Mean is rounded down to the
// nanosecond. Median and P90 use the nearest-rank method: the smallest value
// v such that at least half (or 90%) of the values are ≤ v, so both are always
// one of the values. The zero Durations (N = 0) describes an empty set.
//
// In JSON each duration is a number of seconds, exact to the nanosecond:
// {"n": 3, "mean_seconds": 201600, "median_seconds": 172800, "p90_seconds": 259200}.
type Durations struct {
	N      int           `json:"n"`
	Mean   time.Duration `json:"mean_seconds"`
	Median time.Duration `json:"median_seconds"`
	P90    time.Duration `json:"p90_seconds"`
}

// durationsJSON is the JSON form of Durations.
type durationsJSON struct {
	N      int     `json:"n"`
	Mean   seconds `json:"mean_seconds"`
	Median seconds `json:"median_seconds"`
	P90    seconds `json:"p90_seconds"`
}

// MarshalJSON writes d with its durations in seconds.
func (d Durations) MarshalJSON() ([]byte, error) {
	return json.Marshal(durationsJSON{d.N, seconds(d.Mean), seconds(d.Median), seconds(d.P90)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *Durations) UnmarshalJSON(b []byte) error {
	v := durationsJSON{d.N, seconds(d.Mean), seconds(d.Median), seconds(d.P90)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*d = Durations{v.N, time.Duration(v.Mean), time.Duration(v.Median), time.Duration(v.P90)}
	return nil
}
