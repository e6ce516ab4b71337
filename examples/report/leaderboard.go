package main

import (
	"math"
	"strconv"

	"github.com/saleskit/saleskit/incentive"
)

// leaderboardSection draws the commission ranking as horizontal bars, the
// payout written at the end of each, the rank before the name and the
// champions starred.
func leaderboardSection(f facts, lang string) (section, error) {
	s := section{ID: "leaderboard", Heading: word(lang, "leaderboard"), Desc: word(lang, "leaderboard.desc")}
	stmts := map[string]incentive.Statement{}
	for _, st := range f.Statements {
		stmts[st.Rep] = st
	}

	const w, rowH, top, labelW = 720.0, 32.0, 8.0, 150.0
	h := top + rowH*float64(len(f.Ranking.Standings)) + 4
	c := newCanvas(w, h, word(lang, "leaderboard.chart"), "")
	peak := 0.0
	for _, st := range f.Ranking.Standings {
		peak = math.Max(peak, st.Value.InexactFloat64())
	}
	area := w - labelW - 140
	for i, st := range f.Ranking.Standings {
		y := top + rowH*float64(i)
		name := strconv.Itoa(st.Rank) + ". " + repName(st.Rep, lang)
		fill := accent
		if st.Champion {
			name, fill = "★ "+name, warn
		}
		width := 0.0
		if peak > 0 {
			width = area * st.Value.InexactFloat64() / peak
		}
		c.text(labelW-10, y+17, "end", "label", name)
		c.rect(labelW, y+4, width, 18, fill, "rx", "3")
		c.text(labelW+width+8, y+18, "start", "value", money(st.Value), "id", "payout-"+st.Rep)
	}
	s.SVG = safe(c)

	s.Table = table{
		Head:  []string{word(lang, "rank"), word(lang, "rep"), word(lang, "credit"), word(lang, "attainment"), word(lang, "payout")},
		Right: []bool{true, false, true, true, true},
	}
	for _, st := range f.Ranking.Standings {
		credit, attain := "", ""
		if sub := stmts[st.Rep].Subtotals; len(sub) > 0 {
			credit = money(sub[0].Measure)
			if sub[0].Attainment != nil {
				attain = pct(*sub[0].Attainment)
			}
		}
		s.Table.Rows = append(s.Table.Rows, []string{strconv.Itoa(st.Rank), repName(st.Rep, lang), credit, attain, money(st.Value)})
	}
	// The champion's statement explains its last lines itself.
	if len(f.Ranking.Champions) > 0 {
		lines := stmts[f.Ranking.Champions[0]].Lines
		for _, l := range lines[max(len(lines)-2, 0):] {
			s.Notes = append(s.Notes, repName(f.Ranking.Champions[0], lang)+sep(lang)+l.Reason().Text(lang))
		}
	}
	return s, nil
}
