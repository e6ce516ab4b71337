// Command quickstart runs one sales year through saleskit, end to end, on
// seeded generated data, as of the morning of 1 July 2025 in Shanghai.
// Each section feeds the next through the packages' public types:
//
//  1. target: the 10,000,000 CNY annual target, checked against SMART and
//     split exactly into quarters, months, teams and reps;
//  2. funnel: the year's stage changes to date, messy as a CRM exports them,
//     read into the funnel by stage and by owner;
//  3. target again: the funnel's won amounts are the actuals that
//     target.Track reads, for the company and for every rep;
//  4. lifecycle: the year's sales project driven through its gates, its
//     target fact the plan's own 10,000,000;
//  5. forecast: the open deals of the funnel as a weighted pipeline, a
//     Holt-Winters projection of monthly bookings against the monthly
//     plan, and a Monte Carlo of the second half against what is left of
//     the target;
//  6. risk: the project's register, fed the forecast's shortfall, with its
//     heat map and contingency reserve;
//  7. incentive: the second quarter's commission statements from the same
//     won deals, each rep's quota the target split gave them, and the
//     ranking.
//
// The packages never import each other: where a value passes from one to
// the next, the conversion is one line here, marked "from package x".
//
// Run it with:
//
//	go run ./examples/quickstart                 # English
//	go run ./examples/quickstart -lang zh-CN     # 中文
//	go run ./examples/quickstart -seed 7 -reps 12
//
// The same seed prints the same report, byte for byte.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

// options are the command's flags.
type options struct {
	seed uint64 // seeds the generated year
	reps int    // number of sales reps, 3 to 40
	lang string // "en" or "zh-CN"
}

func main() {
	var o options
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the generated sales year")
	flag.IntVar(&o.reps, "reps", 9, "number of sales reps, 3 to 40")
	flag.StringVar(&o.lang, "lang", "en", "language of labels and explanations: en or zh-CN")
	flag.Parse()
	if err := run(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(2)
	}
}

// run prints the report of the year o describes to w.
func run(w io.Writer, o options) error {
	if o.reps < 3 || o.reps > 40 {
		return fmt.Errorf("-reps %d: want 3 to 40", o.reps)
	}
	if o.lang != "en" && o.lang != "zh-CN" {
		return fmt.Errorf("-lang %q: want en or zh-CN", o.lang)
	}
	p := &printer{w: w, lang: o.lang}
	y := newYear(o.seed, o.reps)
	p.title(p.tr("saleskit quickstart: one sales year, from target to commission",
		"saleskit 快速上手：一个销售年度，从目标到提成"))
	p.linef(p.tr("%d reps in %d teams, %d deals, seed %d, as of %s (Shanghai)",
		"%d 名销售分属 %d 个团队，%d 个商机，随机种子 %d，截至 %s（上海时间）"),
		len(y.reps), len(y.teams), len(y.deals), o.seed, y.asOf.Format("2006-01-02 15:04"))

	plan, err := goalSection(p, y)
	if err != nil {
		return fmt.Errorf("target: %w", err)
	}
	won, err := funnelSection(p, y)
	if err != nil {
		return fmt.Errorf("funnel: %w", err)
	}
	prog, err := trackSection(p, y, plan, won)
	if err != nil {
		return fmt.Errorf("target: %w", err)
	}
	if err := projectSection(p, y, plan, prog); err != nil {
		return fmt.Errorf("lifecycle: %w", err)
	}
	fc, err := forecastSection(p, y, plan, won)
	if err != nil {
		return fmt.Errorf("forecast: %w", err)
	}
	if err := riskSection(p, y, fc); err != nil {
		return fmt.Errorf("risk: %w", err)
	}
	if _, err := commissionSection(p, y, plan); err != nil {
		return fmt.Errorf("incentive: %w", err)
	}
	return p.err
}
