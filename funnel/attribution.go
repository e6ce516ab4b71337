package funnel

// offerOwner makes owner, carried by an event at time t in stage, the deal's
// owner if that event is later than the one that set the current owner. Ties
// in time and stage go to the larger owner in byte order, so the choice does
// not depend on the order events arrive in.
func (a *Analyzer) offerOwner(ds *dealState, t int64, stage uint8, owner uint32) {
	if ds.owner != 0 {
		c := cmpTS(t, stage, ds.ownerT, ds.ownerStage)
		if c < 0 || (c == 0 && (owner == ds.owner || a.name(owner) < a.name(ds.owner))) {
			return
		}
	}
	ds.owner, ds.ownerT, ds.ownerStage = owner, t, stage
}

// offerSource makes source, carried by an event at time t in stage, the
// deal's source if that event is earlier than the one that set the current
// source. Ties go to the smaller source in byte order.
func (a *Analyzer) offerSource(ds *dealState, t int64, stage uint8, source uint32) {
	if ds.source != 0 {
		c := cmpTS(t, stage, ds.sourceT, ds.sourceStage)
		if c > 0 || (c == 0 && (source == ds.source || a.name(source) > a.name(ds.source))) {
			return
		}
	}
	ds.source, ds.sourceT, ds.sourceStage = source, t, stage
}
