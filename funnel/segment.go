package funnel

import "time"

// Deal describes one deal to a [Segmenter]. Owner and Source are those in
// force at the report's AsOf: Owner is the owner named by the deal's latest
// event at or before AsOf that names one, Source the source named by its
// earliest such event (every event counts when AsOf is zero, and ties in
// time and stage go to the larger owner and the smaller source in byte
// order). Events outside the report's Window and duplicates count for
// names too: a deal's owner at AsOf is a fact about the deal, not about
// what the report counts. Created is the time of its first counted event,
// in UTC; Stage and Outcome are those of the stage after its last counted
// event.
type Deal struct {
	ID      string    `json:"id"`
	Owner   string    `json:"owner,omitempty"`
	Source  string    `json:"source,omitempty"`
	Created time.Time `json:"created"`
	Stage   string    `json:"stage"`
	Outcome Outcome   `json:"outcome"`
}

// Segment is the report of the deals that share one key.
type Segment struct {
	Key    string `json:"key"`
	Report Report `json:"report"`
}

// Segmenter keys deals for [ReportOptions].By: deals with the same key form
// one segment. A Segmenter must be deterministic, its key depending on the
// deal alone; package funneltest checks one. [ByOwner], [BySource] and
// [ByCohort] are built in; [SegmentFunc] adapts a function.
type Segmenter interface {
	Segment(d Deal) string
}

// SegmentFunc adapts a function to a [Segmenter].
type SegmentFunc func(d Deal) string

// Segment returns f(d).
func (f SegmentFunc) Segment(d Deal) string { return f(d) }

// ByOwner keys a deal by its owner, "" for a deal without one. Reports take
// the key from the analyzer's stored names without building a Deal.
type ByOwner struct{}

// Segment returns d.Owner.
func (ByOwner) Segment(d Deal) string { return d.Owner }

// BySource keys a deal by its source, "" for a deal without one. Reports take
// the key from the analyzer's stored names without building a Deal.
type BySource struct{}

// Segment returns d.Source.
func (BySource) Segment(d Deal) string { return d.Source }

// ByCohort keys a deal by the calendar month it was created in, in Location,
// as "2006-01". A nil Location means UTC.
type ByCohort struct {
	Location *time.Location `json:"-"`
}

// Segment returns the month of d.Created in c.Location.
func (c ByCohort) Segment(d Deal) string {
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	return d.Created.In(loc).Format("2006-01")
}

// Segmenters Report takes the key of without calling them.
const (
	byCall   = iota // any other Segmenter: build the Deal and call it
	byOwner         // ByOwner
	bySource        // BySource
)

// segmenterKind says whether s is [ByOwner] or [BySource], whose keys Report
// takes from the deal's stored names: the result is the same as calling it.
func segmenterKind(s Segmenter) int {
	switch s.(type) {
	case ByOwner, *ByOwner:
		return byOwner
	case BySource, *BySource:
		return bySource
	}
	return byCall
}

// dealOf returns the Deal a Segmenter sees: ds after the replay j, with the
// owner and source in force at the report's AsOf.
func (a *Analyzer) dealOf(ds *dealState, j *journey, owner, source uint32) Deal {
	return Deal{
		ID:      a.id(ds),
		Owner:   a.name(owner),
		Source:  a.name(source),
		Created: fromNanos(j.created),
		Stage:   a.keys[j.final],
		Outcome: a.stages[j.final].Outcome,
	}
}
