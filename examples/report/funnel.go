package main

import (
	"maps"
	"math"
)

// funnelSection draws the funnel: one centred bar per path stage, its width
// the deals that entered it, with the count, the conversion of the step to
// the next stage and the bottleneck marked in words as well as colour.
func funnelSection(f facts, lang string) (section, error) {
	r := f.Funnel
	s := section{ID: "funnel", Heading: word(lang, "funnel"), Desc: word(lang, "funnel.desc")}
	label := func(key string) string {
		if i, ok := f.Stages.Index(key); ok {
			return f.Stages[i].Label(lang)
		}
		return key
	}

	const w, rowH, top, labelW, noteW = 720.0, 44.0, 16.0, 130.0, 210.0
	h := top + rowH*float64(len(r.Stages)) + 8
	// The bottleneck's reason cites the step's stage keys; people read the
	// stages' labels.
	why := r.Bottleneck.Reason
	why.Texts = maps.Clone(why.Texts)
	for _, k := range []string{"from", "to"} {
		if key, ok := why.Texts[k]; ok {
			why.Texts[k] = label(key)
		}
	}
	c := newCanvas(w, h, word(lang, "funnel.chart"), why.Text(lang))
	peak := 1.0
	for _, st := range r.Stages {
		peak = math.Max(peak, float64(st.Entered))
	}
	area := w - labelW - noteW
	for i, st := range r.Stages {
		y := top + rowH*float64(i)
		width := math.Max(area*float64(st.Entered)/peak, 2)
		fill := barFill
		if st.Key == r.Bottleneck.From {
			fill = warnBg
		}
		c.rect(labelW+(area-width)/2, y, width, rowH-10, fill, "rx", "3")
		c.text(labelW-10, y+rowH/2, "end", "label", label(st.Key))
		c.text(labelW+area/2, y+rowH/2, "middle", "value", count(int64(st.Entered)), "id", "funnel-entered-"+st.Key)
		if i+1 < len(r.Stages) {
			note := "↓ " + pct(r.Stages[i+1].Conversion.Value) + " " + word(lang, "to_next")
			if st.Key == r.Bottleneck.From {
				note += " · " + word(lang, "bottleneck")
			}
			c.text(labelW+area+12, y+rowH/2+4, "start", "note", note, "id", "funnel-conversion-"+st.Key)
		}
	}
	s.SVG = safe(c)
	s.Notes = []string{word(lang, "bottleneck") + sep(lang) + why.Text(lang)}

	s.Table = table{
		Head:  []string{word(lang, "stage"), word(lang, "entered"), word(lang, "conversion"), word(lang, "interval"), word(lang, "amount")},
		Right: []bool{false, true, true, true, true},
	}
	for i, st := range r.Stages {
		cv := st.Conversion
		conv, ci := "—", "—" // the first stage has no step into it
		if i > 0 {
			conv = pct(cv.Value) + " (" + count(int64(cv.Successes)) + " / " + count(int64(cv.Trials)) + ")"
			ci = pct(cv.Low) + "–" + pct(cv.High)
		}
		s.Table.Rows = append(s.Table.Rows, []string{label(st.Key), count(int64(st.Entered)), conv, ci, money(st.EnteredAmount)})
	}
	return s, nil
}
