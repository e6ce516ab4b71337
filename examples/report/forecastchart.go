package main

import (
	"math"

	"github.com/shopspring/decimal"
)

// forecastSection draws bookings by month against the monthly target: the
// target of each month as a dashed line, the actual bookings of the months
// passed as bars, and for the months ahead the simulated P10–P90 band of
// the open pipeline with its P50 line and the backtested model's forecast as
// a dotted line. Every value is also in the table below the chart and in
// each mark's tooltip.
func forecastSection(f facts, lang string) (section, error) {
	s := section{ID: "forecast", Heading: word(lang, "forecast"), Desc: word(lang, "forecast.desc")}
	done := len(f.Monthly)
	sim, proj := f.Simulation, f.Projection

	peak := 1.0
	for i, p := range f.Plan {
		peak = math.Max(peak, p.Target.InexactFloat64())
		if i < done {
			peak = math.Max(peak, f.Monthly[i].InexactFloat64())
		} else if k := i - done; k < len(sim.Periods) {
			peak = math.Max(peak, math.Max(sim.Periods[k].P90, proj.Point[k]))
		}
	}
	peak = niceCeil(peak)

	const w, h, left, right, top, bottom = 720.0, 340.0, 96.0, 16.0, 16.0, 64.0
	pw, ph := w-left-right, h-top-bottom
	slot := pw / float64(len(f.Plan))
	x := func(i int) float64 { return left + slot*(float64(i)+0.5) }
	y := func(v float64) float64 { return top + ph*(1-v/peak) }
	c := newCanvas(w, h, word(lang, "forecast.chart"), sim.Reason.Text(lang))
	for k := 0; k <= 4; k++ {
		v := peak * float64(k) / 4
		c.line(left, y(v), w-right, y(v), gridline)
		c.text(left-8, y(v)+4, "end", "tick", money(decimal.NewFromFloat(v).Round(0)))
	}
	var target, upper, lower, mid, model [][2]float64
	for i, p := range f.Plan {
		target = append(target, [2]float64{x(i), y(p.Target.InexactFloat64())})
		c.text(x(i), h-bottom+16, "middle", "tick", p.Label)
		if i < done {
			a := f.Monthly[i]
			c.rectTip(x(i)-slot*0.3, y(a.InexactFloat64()), slot*0.6, y(0)-y(a.InexactFloat64()), good,
				p.Label+" "+word(lang, "actual")+sep(lang)+money(a), "id", "forecast-actual-"+p.Label)
			continue
		}
		k := i - done
		if k >= len(sim.Periods) {
			continue
		}
		ps := sim.Periods[k]
		upper = append(upper, [2]float64{x(i), y(ps.P90)})
		lower = append([][2]float64{{x(i), y(ps.P10)}}, lower...)
		mid = append(mid, [2]float64{x(i), y(ps.P50)})
		model = append(model, [2]float64{x(i), y(proj.Point[k])})
	}
	if len(upper) > 0 {
		c.path(append(upper, lower...), true, "none", accentBg)
		c.path(mid, false, accent, "none", "stroke-width", "2")
		c.path(model, false, warn, "none", "stroke-width", "2", "stroke-dasharray", "2 3")
		for k := range mid {
			i := done + k
			ps := sim.Periods[k]
			c.circle(mid[k][0], mid[k][1], 3.5, accent, f.Plan[i].Label+" "+word(lang, "p50")+sep(lang)+moneyFloat(ps.P50)+
				", "+word(lang, "band")+sep(lang)+moneyFloat(ps.P10)+"–"+moneyFloat(ps.P90))
		}
	}
	c.path(target, false, ink, "none", "stroke-width", "2", "stroke-dasharray", "6 4")

	// The legend says in words what each style of mark is.
	legend := []struct {
		key, colour, dash string
		area              bool
	}{
		{"target", ink, "6 4", false}, {"actual", good, "", true}, {"p50", accent, "", false},
		{"band", accentBg, "", true}, {"model", warn, "2 3", false},
	}
	lx := left
	for _, l := range legend {
		if l.area {
			c.rect(lx, h-20, 18, 10, l.colour)
		} else {
			c.line(lx, h-15, lx+18, h-15, l.colour, "stroke-width", "2", "stroke-dasharray", l.dash)
		}
		c.text(lx+24, h-11, "start", "note", word(lang, l.key))
		lx += 120
	}
	s.SVG = safe(c)

	s.Notes = []string{sim.Reason.Text(lang), word(lang, "model") + sep(lang) + f.Model.Reason.Text(lang)}
	s.Table = table{
		Head: []string{word(lang, "month"), word(lang, "target"), word(lang, "actual"),
			word(lang, "p10"), word(lang, "p50"), word(lang, "p90"), word(lang, "model")},
		Right: []bool{false, true, true, true, true, true, true},
	}
	for i, p := range f.Plan {
		row := []string{p.Label, money(p.Target), "", "", "", "", ""}
		if i < done {
			row[2] = money(f.Monthly[i])
		} else if k := i - done; k < len(sim.Periods) {
			ps := sim.Periods[k]
			row[3], row[4], row[5], row[6] = moneyFloat(ps.P10), moneyFloat(ps.P50), moneyFloat(ps.P90), moneyFloat(proj.Point[k])
		}
		s.Table.Rows = append(s.Table.Rows, row)
	}
	return s, nil
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten, for an axis.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}
