package incentive

// Explain returns the sentence of line l in lang with the plan's own names
// in place of IDs, as a statement shown to a rep reads: the component by
// its label ("成交金额" where Line.Reason says "revenue") and a scorecard
// measure, cited as the line's key, by the measure's label. Names the plan
// gives no label in lang stay as IDs; everything else reads as
// l.Reason().Text(lang).
func (d *Definition) Explain(l Line, lang string) string {
	r := l.Reason()
	if d == nil {
		return r.Text(lang)
	}
	for _, c := range d.plan.Components {
		if c.ID != l.Component {
			continue
		}
		if _, ok := r.Texts["component"]; ok {
			if s := c.Labels.Get(lang); s != "" {
				r.Texts["component"] = s
			}
		}
		if key, ok := r.Texts["key"]; ok {
			for _, m := range c.Measures {
				if m.ID == key {
					if s := m.Labels.Get(lang); s != "" {
						r.Texts["key"] = s
					}
				}
			}
		}
		break
	}
	return r.Text(lang)
}
