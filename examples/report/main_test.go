package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/saleskit/saleskit/examples/internal/golden"
	"github.com/saleskit/saleskit/forecast"
	"github.com/saleskit/saleskit/funnel"
	"github.com/saleskit/saleskit/incentive"
	"github.com/saleskit/saleskit/risk"
	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// langs are the report's languages.
var langs = []string{"en", "zh-CN"}

// render runs the report and returns the page.
func render(t testing.TB, opts options) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := run(&out, opts); err != nil {
		t.Fatalf("run(%+v): %v", opts, err)
	}
	return out.Bytes()
}

// TestReportGolden compares the page in each language with its golden file,
// so every change to what users see is reviewed in a diff. Run
//
//	go test ./examples/report -update
//
// to accept a deliberate change.
func TestReportGolden(t *testing.T) {
	golden.Languages(t, "report.html", func(t *testing.T, lang string) string {
		return string(render(t, options{Lang: lang, Seed: 2025}))
	})
}

// TestRunRefusesUnknownLanguage: a language the report does not speak is an
// error, not an English page.
func TestRunRefusesUnknownLanguage(t *testing.T) {
	if err := run(io.Discard, options{Lang: "fr", Seed: 1}); err == nil {
		t.Error(`run(lang "fr") = nil, want an error`)
	}
}

// TestWellFormed parses the whole page with encoding/xml (strict, so any
// HTML-only entity or unclosed element fails), then each inline SVG on its
// own: every one is SVG, has a non-empty <title>, and there is one per
// chart. Nothing is loaded from elsewhere and nothing needs a script. It
// holds for every seed: these include years whose target is reached
// before October and years with deals won in the last hour of September.
func TestWellFormed(t *testing.T) {
	for _, lang := range langs {
		for _, seed := range []uint64{2025, 1, 2, 3, 7, 42, 99, 123456} {
			page := render(t, options{Lang: lang, Seed: seed})
			if err := wellFormed(page); err != nil {
				t.Errorf("lang %s seed %d: page is not well-formed XML: %v", lang, seed, err)
			}
			for _, bad := range []string{"<script", "src=", "href=", "url(", "@import", "@font-face"} {
				if bytes.Contains(page, []byte(bad)) {
					t.Errorf("lang %s seed %d: page contains %q", lang, seed, bad)
				}
			}
			svgs := svgsOf(string(page))
			if len(svgs) != 5 {
				t.Errorf("lang %s seed %d: %d SVGs, want 5 (funnel, risk, forecast, progress, leaderboard)", lang, seed, len(svgs))
			}
			for i, s := range svgs {
				title, err := svgTitle(s)
				if err != nil {
					t.Errorf("lang %s seed %d: SVG %d does not parse: %v", lang, seed, i, err)
				} else if title == "" {
					t.Errorf("lang %s seed %d: SVG %d has no <title>", lang, seed, i)
				}
			}
			for _, id := range []string{"funnel", "risk", "forecast", "progress", "leaderboard"} {
				if !bytes.Contains(page, []byte(`<section id="`+id+`">`)) {
					t.Errorf("lang %s seed %d: no section %q", lang, seed, id)
				}
			}
		}
	}
}

// wellFormed reads every token of doc with a strict XML decoder.
func wellFormed(doc []byte) error {
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		if _, err := d.Token(); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// svgsOf cuts the inline SVG elements out of page.
func svgsOf(page string) []string {
	var out []string
	for {
		i := strings.Index(page, "<svg")
		if i < 0 {
			return out
		}
		j := strings.Index(page[i:], "</svg>")
		if j < 0 {
			return append(out, page[i:])
		}
		out = append(out, page[i:i+j+len("</svg>")])
		page = page[i+j+len("</svg>"):]
	}
}

// svgTitle parses one SVG on its own and returns the text of its first
// element, which must be a <title>.
func svgTitle(s string) (string, error) {
	var root struct {
		XMLName xml.Name
		Title   []struct {
			XMLName xml.Name
			Text    string `xml:",chardata"`
		} `xml:",any"`
	}
	if err := xml.Unmarshal([]byte(s), &root); err != nil {
		return "", err
	}
	if root.XMLName.Space != "http://www.w3.org/2000/svg" || root.XMLName.Local != "svg" {
		return "", errors.New("root element is " + root.XMLName.Space + " " + root.XMLName.Local)
	}
	if len(root.Title) == 0 || root.Title[0].XMLName.Local != "title" {
		return "", nil
	}
	return root.Title[0].Text, nil
}

// texts maps the id of every element of doc that has one to its text.
func texts(t *testing.T, doc []byte) map[string]string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	out := map[string]string{}
	var open []string // ids of the open elements, "" for those without one
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			id := ""
			for _, a := range tok.Attr {
				if a.Name.Local == "id" {
					id = a.Value
				}
			}
			open = append(open, id)
		case xml.EndElement:
			open = open[:len(open)-1]
		case xml.CharData:
			for _, id := range open {
				if id != "" {
					out[id] += string(tok)
				}
			}
		}
	}
}

// TestChartsShowWhatThePackagesCompute recomputes some figures with the
// packages directly, from the generated deals, and finds them drawn: the
// funnel's counts, the heat map's cells, the company's attainment and
// bookings, a month's actual, the simulated P50, and the payouts.
func TestChartsShowWhatThePackagesCompute(t *testing.T) {
	y := newYear(2025)
	page := render(t, options{Lang: "en", Seed: 2025})
	got := texts(t, page)
	want := map[string]string{}

	// Funnel, from all the events at once.
	var events []funnel.Event
	for _, d := range y.Deals {
		for _, c := range d.History {
			events = append(events, funnel.Event{Deal: d.ID, Stage: c.Stage, Time: c.Time, Amount: d.Amount, Owner: d.Owner})
		}
	}
	a, err := funnel.NewAnalyzer(funnel.B2B(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddAll(events); err != nil {
		t.Fatal(err)
	}
	fr, err := a.Report(&funnel.ReportOptions{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range fr.Stages {
		want["funnel-entered-"+s.Key] = count(int64(s.Entered))
		if i+1 < len(fr.Stages) && !strings.Contains(got["funnel-conversion-"+s.Key], pct(fr.Stages[i+1].Conversion.Value)) {
			t.Errorf("funnel conversion from %s = %q, want it to show %s", s.Key, got["funnel-conversion-"+s.Key], pct(fr.Stages[i+1].Conversion.Value))
		}
	}

	// Bookings: the deals won, summed here, are what the funnel calls won.
	var won decimal.Decimal
	var txs []incentive.Transaction
	march := decimal.Zero
	for _, d := range y.Deals {
		if at, ok := d.won(); ok {
			won = won.Add(d.Amount)
			txs = append(txs, incentive.Transaction{ID: d.ID, Rep: d.Owner, Amount: d.Amount, Booked: incentive.DateOf(at.In(shanghai))})
			if at.In(shanghai).Month() == 3 {
				march = march.Add(d.Amount)
			}
		}
	}
	if !won.Equal(fr.Overall.WonAmount) {
		t.Errorf("deals won add up to %s, funnel's won amount is %s", won, fr.Overall.WonAmount)
	}
	plan, err := target.SplitTime(decimal.NewFromInt(10_000_000), target.MustDate("2025-01-01"), target.MustDate("2026-01-01"), target.Month, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := target.Track(plan, won, asOf, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	want["progress-company"] = pct(p.Attainment) + " · " + money(p.Actual)
	if !strings.Contains(got["forecast-actual-2025-03"], money(march)) {
		t.Errorf("March's bar says %q, want it to show %s", got["forecast-actual-2025-03"], money(march))
	}

	// Heat map.
	rr, err := register().Report(risk.PMBOK(), nil)
	if err != nil {
		t.Fatal(err)
	}
	cells := 0
	for pi, row := range rr.HeatMap.Inherent {
		for ii, n := range row {
			if n > 0 {
				want["risk-inherent-"+itoa(pi)+"-"+itoa(ii)] = itoa(int(n))
				cells++
			}
		}
	}
	if cells < 3 {
		t.Errorf("inherent heat map has %d filled cells, want at least 3 to test", cells)
	}

	// Commission: the reps' quotas are their shares of the annual target.
	weights := make([]decimal.Decimal, len(team))
	for i, r := range team {
		weights[i] = decimal.NewFromInt(r.Weight)
	}
	shares, err := target.Allocate(decimal.NewFromInt(10_000_000), weights, 2)
	if err != nil {
		t.Fatal(err)
	}
	quotas := map[string]decimal.Decimal{}
	for i, r := range team {
		quotas[r.ID] = shares[i]
	}
	def, err := incentive.Build(commissionPlan(quotas), nil)
	if err != nil {
		t.Fatal(err)
	}
	stmts, err := incentive.Compute(def, incentive.MustDate("2025-09-30"), txs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		want["payout-"+s.Rep] = money(s.Payout)
	}

	for id, w := range want {
		if got[id] != w {
			t.Errorf("element %s says %q, want %q", id, got[id], w)
		}
	}

	// The simulated P50 of October is in the forecast table.
	var deals []forecast.Deal
	for _, d := range y.Deals {
		if d.open() {
			deals = append(deals, forecast.Deal{ID: d.ID, Amount: d.Amount, Stage: d.stage(), CloseDate: forecast.DateOf(d.Close)})
		}
	}
	prospects, err := forecast.ProspectsOf(forecast.B2B(), deals, forecast.MustDate("2025-10-01"), 3, &forecast.ProspectOptions{Slip: 0.2, Spread: 0.15})
	if err != nil {
		t.Fatal(err)
	}
	sim, err := forecast.Simulate(prospects, p.Gap, 2025, &forecast.SimulateOptions{Periods: 3})
	if err != nil {
		t.Fatal(err)
	}
	if p50 := moneyFloat(sim.Periods[0].P50); !bytes.Contains(page, []byte("<td>2025-10</td><td class=\"num\">833,333.33</td><td class=\"num\"></td><td class=\"num\">"+moneyFloat(sim.Periods[0].P10)+"</td><td class=\"num\">"+p50+"</td>")) {
		t.Errorf("forecast table has no October row with P10 %s and P50 %s", moneyFloat(sim.Periods[0].P10), p50)
	}
	if !bytes.Contains(page, []byte(esc(sim.Reason.Text("en")))) {
		t.Errorf("page does not explain the simulation: %q", sim.Reason.Text("en"))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestMoney: amounts for people have thousands separators and two places.
func TestMoney(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0", "0.00"}, {"999.995", "1,000.00"}, {"1234567.891", "1,234,567.89"}, {"-1047000", "−1,047,000.00"}, {"100", "100.00"},
	} {
		if got := money(decimal.RequireFromString(tc.in)); got != tc.want {
			t.Errorf("money(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestCanvasEscapes: text and attribute values that look like markup come
// out as text.
func TestCanvasEscapes(t *testing.T) {
	c := newCanvas(10, 10, `Q4 <price> & "war"`, "")
	c.text(0, 0, "start", "label", `a < b & 'c'`, "id", `x"y`)
	c.rectTip(0, 0, 1, 1, "#fff", "<tip>")
	title, err := svgTitle(c.String())
	if err != nil {
		t.Fatal(err)
	}
	if title != `Q4 <price> & "war"` {
		t.Errorf("title = %q, want %q", title, `Q4 <price> & "war"`)
	}
	if err := wellFormed([]byte(c.String())); err != nil {
		t.Errorf("canvas output is not well-formed: %v\n%s", err, c)
	}
}

// BenchmarkReport generates the whole page, the packages' work included.
// Budget: at most 1 s a report.
func BenchmarkReport(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := run(io.Discard, options{Lang: "zh-CN", Seed: 2025}); err != nil {
			b.Fatal(err)
		}
	}
}
