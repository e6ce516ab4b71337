// Command report writes one sales year as a self-contained HTML page with
// inline SVG charts: the funnel (package funnel), the risk heat map (package
// risk), bookings against the monthly target with the forecast's P10–P90
// band (packages forecast and target), progress against the annual target
// (target.Track) and the commission leaderboard (package incentive).
//
// The year is generated from a seed: a 10,000,000 CNY annual target split
// over the months and the team, the deals of the year through the funnel,
// and the deals won feeding target tracking and commissions. The packages
// never import each other; this program converts between their types, one
// line each. The page needs no scripts, fonts or network resources; in
// Chinese it uses the system's CJK fonts.
//
// It writes the page to standard output, or to the file -o names:
//
//	go run ./examples/report -o report.html
//	go run ./examples/report -lang zh-CN -o report.zh-CN.html
package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"time"
)

func main() {
	var opts options
	flag.StringVar(&opts.Lang, "lang", "en", "language of the report: en or zh-CN")
	flag.Uint64Var(&opts.Seed, "seed", 2025, "seed of the generated sales year")
	out := flag.String("o", "-", "file to write the report to; - for standard output")
	flag.Parse()
	if err := opts.validate(); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(2)
	}
	if err := write(*out, opts); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// write runs the report into the file named out, or to standard output for "-".
func write(out string, opts options) error {
	if out == "-" {
		return run(os.Stdout, opts)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := run(f, opts); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// options are the report's settings.
type options struct {
	Lang string // "en" or "zh-CN"
	Seed uint64 // seed of the generated year
}

// validate reports whether the report can be made with opts.
func (o options) validate() error {
	if o.Lang != "en" && o.Lang != "zh-CN" {
		return fmt.Errorf("unknown language %q: want en or zh-CN", o.Lang)
	}
	return nil
}

// section is one chart of the page, with its explanations and the table of
// the numbers it draws.
type section struct {
	ID      string
	Heading string
	Desc    string
	SVG     template.HTML // built by canvas, which escapes all it writes
	Notes   []string      // the packages' explanations, in the page's language
	Table   table
}

// table is the data behind a chart, for readers who want the exact figures.
type table struct {
	Head  []string
	Rows  [][]string
	Right []bool // columns aligned right (numbers)
}

//go:embed report.html.tmpl
var pageText string

var page = template.Must(template.New("report").Parse(pageText))

// tableCell is one cell of a table as the page shows it.
type tableCell struct {
	Text string
	Num  bool
}

// HeadCells returns the header cells, numbers aligned right.
func (t table) HeadCells() []tableCell { return t.cells(t.Head) }

// BodyRows returns the rows' cells, numbers aligned right.
func (t table) BodyRows() [][]tableCell {
	rows := make([][]tableCell, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = t.cells(r)
	}
	return rows
}

func (t table) cells(texts []string) []tableCell {
	cells := make([]tableCell, len(texts))
	for i, s := range texts {
		cells[i] = tableCell{Text: s, Num: i < len(t.Right) && t.Right[i]}
	}
	return cells
}

// run generates the year from opts.Seed and writes the report to w.
func run(w io.Writer, opts options) error {
	if err := opts.validate(); err != nil {
		return err
	}
	y := newYear(opts.Seed)
	f, err := analyse(y)
	if err != nil {
		return err
	}
	lang := opts.Lang
	var sections []section
	var errs []error
	for _, build := range []func(facts, string) (section, error){
		funnelSection, riskSection, forecastSection, progressSection, leaderboardSection,
	} {
		s, err := build(f, lang)
		errs = append(errs, err)
		sections = append(sections, s)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return page.Execute(w, map[string]any{
		"Lang":     lang,
		"Title":    word(lang, "title"),
		"Subtitle": fmt.Sprintf(word(lang, "subtitle"), asOf.Format(time.DateOnly), money(annual), opts.Seed),
		"Sections": sections,
		"Footer":   word(lang, "footer"),
	})
}

// safe hands a finished chart to the page template. The canvas escaped
// every value it wrote, so its markup is trusted as it is.
func safe(c *canvas) template.HTML { return template.HTML(c.String()) }
