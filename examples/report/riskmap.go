package main

import (
	"maps"
	"strconv"

	"github.com/saleskit/saleskit/risk"
)

// riskSection draws the risk register's heat map: a grid per side of the
// assessments (before and after the responses), probability from the
// highest level down, impact from the lowest across, each cell tinted by its
// rating and holding its count of open risks. The register table below names
// every risk with its ratings in words.
func riskSection(f facts, lang string) (section, error) {
	m, r := f.Matrix, f.Risks
	spec := m.Spec()
	s := section{ID: "risk", Heading: word(lang, "risk"), Desc: word(lang, "risk.desc")}
	ratingLabel := func(key string) string {
		for _, rt := range spec.Ratings {
			if rt.Key == key {
				return rt.Label(lang)
			}
		}
		return key
	}
	tints := []string{goodBg, warnBg, badBg}
	tint := func(key string) string { return tints[min(m.RatingRank(key), len(tints)-1)] }

	np, ni := m.Size()
	const cell, left, top, gap = 56.0, 96.0, 40.0, 60.0
	panel := cell * float64(ni)
	w := left + 2*panel + gap + 10
	h := top + cell*float64(np) + 70
	// The reserve's reason cites the id of the risk that drives its tail;
	// people read its title.
	reserve := f.Reserve.Reason()
	reserve.Texts = maps.Clone(reserve.Texts)
	if id, ok := reserve.Texts["driver"]; ok {
		reserve.Texts["driver"] = riskTitle(id, lang)
	}
	c := newCanvas(w, h, word(lang, "risk"), reserve.Text(lang))
	for k, side := range []struct {
		key    string
		counts [][]int64
	}{{"inherent", r.HeatMap.Inherent}, {"residual", r.HeatMap.Residual}} {
		x0 := left + float64(k)*(panel+gap)
		c.text(x0+panel/2, 20, "middle", "label", word(lang, side.key))
		for row := range np {
			p := np - 1 - row // highest probability on top
			y := top + cell*float64(row)
			if k == 0 {
				c.text(left-8, y+cell/2+4, "end", "tick", spec.Probability[p].Label(lang))
			}
			for i := range ni {
				cl := risk.Cell{Probability: p, Impact: i}
				rating := m.Rating(cl)
				n := side.counts[p][i]
				x := x0 + cell*float64(i)
				tip := word(lang, "probability") + sep(lang) + spec.Probability[p].Label(lang) + ", " +
					word(lang, "impact") + sep(lang) + spec.Impact[i].Label(lang) + ", " +
					ratingLabel(rating) + sep(lang) + strconv.FormatInt(n, 10)
				c.rectTip(x+1, y+1, cell-2, cell-2, tint(rating), tip, "rx", "4")
				if n > 0 {
					c.text(x+cell/2, y+cell/2+6, "middle", "cell", strconv.FormatInt(n, 10),
						"id", "risk-"+side.key+"-"+strconv.Itoa(p)+"-"+strconv.Itoa(i))
				}
			}
		}
		for i := range ni {
			c.text(x0+cell*float64(i)+cell/2, top+cell*float64(np)+16, "middle", "tick", spec.Impact[i].Label(lang))
		}
		c.text(x0+panel/2, top+cell*float64(np)+34, "middle", "axis", word(lang, "impact")+" →")
	}
	c.text(8, top-8, "start", "axis", word(lang, "probability")+" ↓")
	lx := left
	for _, rt := range spec.Ratings {
		c.rect(lx, h-22, 14, 14, tint(rt.Key), "rx", "2")
		c.text(lx+20, h-11, "start", "note", rt.Label(lang))
		lx += 110
	}
	s.SVG = safe(c)

	all := r.Totals.All
	s.Notes = []string{
		word(lang, "emv") + sep(lang) + money(all.Inherent) + " → " + money(all.Residual),
		word(lang, "reserve") + sep(lang) + reserve.Text(lang),
	}
	s.Table = table{
		Head:  []string{word(lang, "risk.id"), word(lang, "category"), word(lang, "rating"), word(lang, "emv"), word(lang, "worth")},
		Right: []bool{false, false, false, true, true},
	}
	for _, a := range r.Assessments {
		if a.Status != risk.Open {
			continue
		}
		residual := ratingLabel(a.Residual.Rating)
		if a.Residual.Eliminated {
			residual = word(lang, "eliminated")
		}
		s.Table.Rows = append(s.Table.Rows, []string{
			riskTitle(a.ID, lang), a.Category.Label(lang),
			ratingLabel(a.Inherent.Rating) + " → " + residual,
			money(a.Inherent.EMV) + " → " + money(a.Residual.EMV), money(a.Worth),
		})
	}
	return s, nil
}
