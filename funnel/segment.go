package funnel

import (
	"reflect"
	"time"
)

// Deal describes one deal to a segment key function (see
// [ReportOptions].By). Owner is the owner named by its latest event that names
// one, Source the source named by its earliest event that names one (ties in
// time and stage go to the larger owner and the smaller source in byte
// order); both look at all the deal's events. Created is the time of its
// first counted event, in UTC; Stage and Outcome are those of the stage after
// its last counted event.
type Deal struct {
	ID      string
	Owner   string
	Source  string
	Created time.Time
	Stage   string
	Outcome Outcome
}

// Segment is the report of the deals that share one key.
type Segment struct {
	Key    string `json:"key"`
	Report Report `json:"report"`
}

// ByOwner keys a deal by its owner.
func ByOwner(d Deal) string { return d.Owner }

// BySource keys a deal by its source.
func BySource(d Deal) string { return d.Source }

// ByCohort keys a deal by the month it was created, in UTC, as "2006-01".
// For another time zone, write the one-line function with Created.In(loc).
func ByCohort(d Deal) string { return d.Created.Format("2006-01") }

func (a *Analyzer) dealOf(ds *dealState, j *journey) Deal {
	return Deal{
		ID:      ds.id,
		Owner:   a.name(ds.owner),
		Source:  a.name(ds.source),
		Created: fromNanos(j.created),
		Stage:   a.keys[j.final],
		Outcome: a.stages[j.final].Outcome,
	}
}

// Segment functions Report knows.
const (
	byFunc   = iota // any other function, or none: call it
	byOwner         // ByOwner
	bySource        // BySource
)

// byField says whether by is [ByOwner] or [BySource], whose keys Report can
// take from the deal's interned names without calling by: the result is the
// same. A func value has the code pointer of one of these top-level
// functions only if it is that function; a closure or a wrapper that does
// the same is called as any other function.
func byField(by func(Deal) string) int {
	if by == nil {
		return byFunc
	}
	switch reflect.ValueOf(by).Pointer() {
	case byOwnerPC:
		return byOwner
	case bySourcePC:
		return bySource
	}
	return byFunc
}

var (
	byOwnerPC  = reflect.ValueOf(ByOwner).Pointer()
	bySourcePC = reflect.ValueOf(BySource).Pointer()
)
