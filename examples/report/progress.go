package main

import (
	"math"

	"github.com/saleskit/saleskit/target"
)

// progressSection draws one bar per plan, the company's then each rep's:
// filled to the actual's share of the annual target, with a tick where the
// plan expects it to be by now, the figures written beside it and, under
// it, target.Track's own sentence with the status.
func progressSection(f facts, lang string) (section, error) {
	s := section{ID: "progress", Heading: word(lang, "progress"), Desc: word(lang, "progress.desc")}
	type row struct {
		id, name string
		p        target.Progress
	}
	rows := []row{{"company", word(lang, "company"), f.Progress}}
	for _, r := range team {
		rows = append(rows, row{r.ID, repName(r.ID, lang), f.RepProgress[r.ID]})
	}

	const w, rowH, top, labelW = 720.0, 54.0, 8.0, 96.0
	h := top + rowH*float64(len(rows))
	c := newCanvas(w, h, word(lang, "progress.chart"), f.Progress.Reason.Text(lang))
	area := w - labelW - 200
	for i, r := range rows {
		y := top + rowH*float64(i)
		p := r.p
		share, expected := 0.0, 0.0
		if !p.Target.IsZero() {
			share = math.Min(p.Attainment, 1)
			expected = math.Min(p.Expected.Div(p.Target).InexactFloat64(), 1)
		}
		c.text(labelW-10, y+16, "end", "label", r.name)
		c.rect(labelW, y+4, area, 16, gridline, "rx", "3")
		c.rectTip(labelW, y+4, area*share, 16, statusColour(p.Status), r.name+sep(lang)+money(p.Actual)+" / "+money(p.Target), "rx", "3")
		c.line(labelW+area*expected, y, labelW+area*expected, y+24, ink, "stroke-width", "2")
		c.text(labelW+area+8, y+16, "start", "value", pct(p.Attainment)+" · "+money(p.Actual), "id", "progress-"+r.id)
		c.text(labelW, y+38, "start", "note", p.Reason.Text(lang))
	}
	s.SVG = safe(c)

	s.Table = table{
		Head:  []string{word(lang, "rep"), word(lang, "target"), word(lang, "actual"), word(lang, "expected"), word(lang, "attainment")},
		Right: []bool{false, true, true, true, true},
	}
	for _, r := range rows {
		s.Table.Rows = append(s.Table.Rows, []string{r.name, money(r.p.Target), money(r.p.Actual), money(r.p.Expected), pct(r.p.Attainment)})
	}
	return s, nil
}

// statusColour is the bar colour of a status; the status is also written
// in the sentence under the bar.
func statusColour(st target.Status) string {
	switch st {
	case target.Ahead, target.OnTrack:
		return good
	case target.AtRisk:
		return warn
	case target.Behind:
		return bad
	}
	return muted
}
