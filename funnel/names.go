package funnel

// encode returns the rec of an event of deal ds at time t in stage, with
// amount word amt (see rec), naming owner and source (1 + name index, 0 for
// none). The first owner and the first source a deal's events name become
// the deal's; an event naming those keeps them in two bits of its rec, and
// an event naming others, or whose amount is in bigs, takes an extRec.
func (a *Analyzer) encode(ds *dealState, t int64, stage int, amt uint64, owner, source uint32) rec {
	if ds.owner == 0 {
		ds.owner = owner
	}
	if ds.source == 0 {
		ds.source = source
	}
	w := uint64(stage) | amt
	extra := wordBig(amt)
	if owner != 0 {
		w |= recOwner
		extra = extra || owner != ds.owner
	}
	if source != 0 {
		w |= recSource
		extra = extra || source != ds.source
	}
	if !extra {
		return rec{t, w}
	}
	a.exts = append(a.exts, extRec{amt: amt, owner: owner, source: source})
	return rec{t, uint64(stage) | recExt | uint64(len(a.exts)-1)<<recCoefShift}
}

// amountOf returns the amount word of r.
func (a *Analyzer) amountOf(r rec) uint64 {
	if r.ext() {
		return a.exts[r.extIndex()].amt
	}
	return r.w &^ (1<<recStageBits - 1 | recOwner | recSource)
}

// namesOf returns the owner and the source r, an event of deal ds, named:
// 1 + their name indices, or 0.
func (a *Analyzer) namesOf(ds *dealState, r rec) (owner, source uint32) {
	if r.ext() {
		x := &a.exts[r.extIndex()]
		return x.owner, x.source
	}
	if r.w&recOwner != 0 {
		owner = ds.owner
	}
	if r.w&recSource != 0 {
		source = ds.source
	}
	return owner, source
}

// namesAt returns the owner and the source of deal ds in force at cutoff:
// the owner named by its latest event at or before cutoff that names one,
// and the source named by its earliest such event; every event counts when
// hasCutoff is false. Events at the same time in the same stage that name
// different owners give the larger in byte order, different sources the
// smaller, so the names never depend on the order events came in. evs are
// the deal's events in canonical order, duplicates included.
func (a *Analyzer) namesAt(ds *dealState, evs []rec, cutoff int64, hasCutoff bool) (owner, source uint32) {
	end := len(evs)
	for hasCutoff && end > 0 && evs[end-1].t > cutoff {
		end--
	}
	evs = evs[:end]
	for k := len(evs) - 1; k >= 0; k-- {
		r := evs[k]
		if owner != 0 && cmpTimeStage(r, evs[k+1]) != 0 {
			break // past the latest group that names one
		}
		if o, _ := a.namesOf(ds, r); o != 0 && (owner == 0 || a.name(o) > a.name(owner)) {
			owner = o
		}
	}
	for k, r := range evs {
		if source != 0 && cmpTimeStage(r, evs[k-1]) != 0 {
			break
		}
		if _, s := a.namesOf(ds, r); s != 0 && (source == 0 || a.name(s) < a.name(source)) {
			source = s
		}
	}
	return owner, source
}
