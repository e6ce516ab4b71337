package forecast

// MarshalBinary encodes the model's counts (encoding.BinaryMarshaler) in
// this format, after the frame every accumulator of the package shares
// (version byte 1, kind byte 'W'):
//
//	uvarint  rules (0 standard, 1 odoo)
//	stages   uvarint count; each a string
//	uvarint  deals
//	teams    uvarint count; sorted by name; each:
//	         string name;
//	         for every stage: uvarint won, uvarint lost;
//	         fields: uvarint count; sorted by name; each: string field,
//	         then values: uvarint count; sorted; each: string value,
//	         uvarint won, uvarint lost
//
// Equal models encode to equal bytes, whatever order their deals were
// learnt in.
func (w *WinModel) MarshalBinary() ([]byte, error) {
	e := &encoder{}
	e.header('W')
	e.uvarint(uint64(w.rules))
	e.uvarint(uint64(len(w.stages)))
	for _, s := range w.stages {
		e.string(s)
	}
	e.uvarint(uint64(w.deals))
	names := sortedKeys(w.teams)
	e.uvarint(uint64(len(names)))
	for _, name := range names {
		t := w.teams[name]
		e.string(name)
		for _, c := range t.stage {
			e.uvarint(uint64(c.won))
			e.uvarint(uint64(c.lost))
		}
		fields := sortedKeys(t.fields)
		e.uvarint(uint64(len(fields)))
		for _, f := range fields {
			e.string(f)
			vals := sortedKeys(t.fields[f])
			e.uvarint(uint64(len(vals)))
			for _, v := range vals {
				c := t.fields[f][v]
				e.string(v)
				e.uvarint(uint64(c.won))
				e.uvarint(uint64(c.lost))
			}
		}
	}
	return e.b, nil
}

// UnmarshalBinary replaces w with the model data encodes, in the format
// [WinModel.MarshalBinary] writes. It checks every field: the version, the
// stages, the order of teams, fields and values, and that the counts are
// ones learning could produce (every stage counts a team's won deals; lost
// deals never grow from one stage to the next; a value counts no more won
// or lost deals than its team; the teams add up to the deal count). Bad
// data is a *FieldError wrapping [ErrEncoding] (or [ErrVersion]) and leaves
// w unchanged.
func (w *WinModel) UnmarshalBinary(data []byte) error {
	d := &decoder{b: data}
	d.header('W')
	rules := Rules(d.small(uint64(RulesOdoo), "rules"))
	ns := d.count(1, "stage")
	if d.err == nil && (ns == 0 || ns > MaxWinStages) {
		d.fail("stage count out of range")
	}
	stages := make([]string, 0, ns)
	for range ns {
		stages = append(stages, d.string())
	}
	if d.err == nil {
		if err := checkStageKeys(stages); err != nil {
			d.fail("invalid stages (" + err.Error() + ")")
		}
	}
	if d.err != nil {
		return d.err
	}
	q, _ := NewWinModel(stages, &WinModelOptions{Rules: rules})
	deals := d.uvarint()
	if d.err == nil && deals > maxDeals {
		d.fail("deal count out of range")
	}
	nt := d.count(1+2*ns, "team")
	var total uint64
	prevTeam := ""
	for i := range nt {
		name := d.string()
		if d.err != nil {
			break
		}
		if i > 0 && name <= prevTeam {
			d.fail("teams not sorted")
			break
		}
		prevTeam = name
		t := q.team(name)
		for s := range t.stage {
			won, lost := d.uvarint(), d.uvarint()
			if d.err == nil && (won > maxDeals || lost > maxDeals) {
				d.fail("count out of range")
			}
			t.stage[s] = wonLost{int64(won), int64(lost)}
		}
		if d.err != nil {
			break
		}
		first := t.stage[0]
		if first.won+first.lost == 0 {
			d.fail("team without deals")
			break
		}
		for s := 1; s < len(t.stage); s++ {
			if t.stage[s].won != first.won || t.stage[s].lost > t.stage[s-1].lost {
				d.fail("stage counts learning could not produce")
				break
			}
		}
		total += uint64(first.won + first.lost)
		if total > maxDeals {
			d.fail("deal counts out of range")
		}
		nf := d.count(2, "field")
		prevField := ""
		for j := range nf {
			f := d.string()
			if d.err == nil && (f == "" || (j > 0 && f <= prevField)) {
				d.fail("fields empty or not sorted")
			}
			prevField = f
			nv := d.count(3, "value")
			if d.err == nil && nv == 0 {
				d.fail("field without values")
			}
			prevVal := ""
			for k := range nv {
				v := d.string()
				won, lost := d.uvarint(), d.uvarint()
				if d.err != nil {
					break
				}
				switch {
				case v == "" || (k > 0 && v <= prevVal):
					d.fail("values empty or not sorted")
				case won+lost == 0 || won > uint64(first.won) || lost > uint64(first.lost):
					d.fail("value counts learning could not produce")
				}
				if d.err != nil {
					break
				}
				prevVal = v
				*t.value(f, v) = wonLost{int64(won), int64(lost)}
			}
			if d.err != nil {
				break
			}
		}
		if d.err != nil {
			break
		}
	}
	if d.err == nil && total != deals {
		d.fail("team counts do not add up to the deal count")
	}
	if err := d.end(); err != nil {
		return err
	}
	q.deals = int64(deals)
	*w = *q
	return nil
}
