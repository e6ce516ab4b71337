// Command planning sets a year's sales targets with package target the way
// a sales-operations team in mainland China does: the 2025 public holidays
// and make-up working days (调休) as a calendar, the 10,000,000 annual
// target split into quarters and months by working days so that every
// level adds up to the cent, split down the organisation top-down and set
// against the regions' own bottom-up commitments, laid out as a two-way
// plan of regions × quarters whose rows and columns both add up, and
// re-planned at mid-year from the first half's actuals.
//
// Run it with:
//
//	go run ./examples/planning
//	go run ./examples/planning -lang zh-CN -seed 3
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"github.com/saleskit/saleskit/examples/internal/console"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

// options are the program's flags.
type options struct {
	lang string // "en" or "zh-CN"
	seed uint64 // seed of the first half's generated actuals
}

func main() {
	var o options
	flag.StringVar(&o.lang, "lang", "en", "language of labels and explanations: en or zh-CN")
	flag.Uint64Var(&o.seed, "seed", 7, "seed of the first half's generated actuals")
	flag.Parse()
	if err := run(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "planning:", err)
		os.Exit(1)
	}
}

// holidays2025 is mainland China's 2025 holiday schedule as the State
// Council published it: New Year's Day, the Spring Festival, Qingming,
// Labour Day, the Dragon Boat Festival and National Day with the
// Mid-Autumn Festival, and the five weekend days worked instead. It is
// plain JSON, as a CRM would store it.
const holidays2025 = `{
  "name": "中国法定节假日 2025",
  "off": ["2025-01-01", "2025-01-28/2025-02-04", "2025-04-04/2025-04-06",
          "2025-05-01/2025-05-05", "2025-05-31/2025-06-02", "2025-10-01/2025-10-08"],
  "work": ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]
}`

// calendar decodes the holidays as a CRM would load them and builds the
// working-day calendar from them.
func calendar() (target.Holidays, target.WeekdayCalendar, error) {
	var h target.Holidays
	if err := json.Unmarshal([]byte(holidays2025), &h); err != nil {
		return h, target.WeekdayCalendar{}, err
	}
	cal, err := target.NewWeekdayCalendar(h)
	return h, cal, err
}

// annual is the company's target for 2025, in yuan.
var annual = decimal.NewFromInt(10_000_000)

var (
	jan1     = target.MustDate("2025-01-01")
	nextYear = target.MustDate("2026-01-01")
	shanghai = time.FixedZone("CST", 8*3600)
)

// run prints the plan to w; the same options print the same plan.
func run(w io.Writer, o options) error {
	if o.lang != "en" && o.lang != "zh-CN" {
		return fmt.Errorf("-lang %q: want en or zh-CN", o.lang)
	}
	tr := func(en, zh string) string { return target.Labels{"en": en, "zh-CN": zh}.Get(o.lang) }
	fmt.Fprintln(w, tr("Sales plan 2025: 10,000,000 over China's working calendar, the organisation and the year",
		"2025 年销售计划：10,000,000 按中国工作日历、组织架构与全年分解"))

	// Step 1. Holidays is data; NewWeekdayCalendar makes the Calendar the
	// splits and the tracking count working days with: Monday to Friday,
	// less the days off, plus the make-up working days.
	h, cal, err := calendar()
	if err != nil {
		return err
	}
	console.Heading(w, fmt.Sprintf(tr("Calendar: %s", "日历：%s"), h.Name))
	tb := console.NewTable("lrr", tr("days off", "放假"), tr("days", "天数"), tr("weekdays off", "占用工作日"))
	for _, r := range h.Off {
		weekdays := 0
		for d := r.First; !d.After(r.Last); d = d.AddDays(1) {
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				weekdays++
			}
		}
		tb.Row(r.String(), fmt.Sprint(r.Days()), fmt.Sprint(weekdays))
	}
	tb.Write(w)
	work := make([]string, len(h.Work))
	for i, r := range h.Work {
		work[i] = r.String()
	}
	fmt.Fprintf(w, tr("\nmake-up working days: %s\n", "\n调休上班：%s\n"), strings.Join(work, tr(", ", "、")))

	// Step 2. SplitNested splits the year into quarters by working days,
	// then each quarter into its months, so the months of a quarter add up
	// to that quarter exactly (two separate splits would not nest).
	opts := &target.SplitOptions{Weighting: target.WorkingDays, Calendar: cal}
	plan, err := target.SplitNested(annual, jan1, nextYear, []target.Grain{target.Quarter, target.Month}, 2, opts)
	if err != nil {
		return err
	}
	quarters, months := plan.Level(target.Quarter), plan.Level(target.Month)
	console.Heading(w, tr("The year by working days: quarters, then months", "按工作日分解：先季度，再月度"))
	tb = console.NewTable("lrr", tr("period", "期间"), tr("working days", "工作日"), tr("target", "目标"))
	working := 0
	for i, q := range quarters {
		tb.Row(q.Label, fmt.Sprint(q.WorkingDays), console.Money(q.Target))
		for _, m := range plan.Children(0, i) {
			tb.Row("  "+m.Label, fmt.Sprint(m.WorkingDays), console.Money(m.Target))
		}
		working += q.WorkingDays
	}
	tb.Row(tr("year", "全年"), fmt.Sprint(working), console.Money(sum(quarters)))
	tb.Write(w)

	// Step 3. SplitTree splits the target down the organisation by
	// weights: regions by last year's sales (in millions), teams by
	// headcount. That is the top-down plan.
	console.Heading(w, tr("Top-down and bottom-up", "自上而下与自下而上"))
	topDown, err := target.SplitTree(annual, org(nil), 2)
	if err != nil {
		return err
	}
	// The regional managers answer with their own numbers. A unit with a
	// Target of its own keeps it, its teams split it, and the company's
	// Gap shows how far the commitments fall short of the target.
	bottomUp, err := target.SplitTree(annual, org(map[string]int64{"east": 5_200_000, "north": 2_800_000, "south": 1_700_000}), 2)
	if err != nil {
		return err
	}
	tb = console.NewTable("lrrr", tr("unit", "单位"), tr("top-down", "自上而下"), tr("bottom-up", "自下而上"), tr("difference", "差额"))
	for i, u := range topDown.Units {
		b := bottomUp.Units[i]
		tb.Row(indent(u.Depth)+u.ID, console.Money(u.Target), console.Money(b.Target), console.Money(b.Target.Sub(u.Target)))
	}
	tb.Write(w)
	for _, g := range bottomUp.Gaps() {
		fmt.Fprintf(w, tr("\n%s: target %s, its members commit %s, a gap of %s\n", "\n%s：目标 %s，下级承诺合计 %s，缺口 %s\n"),
			g.ID, console.Money(g.Target), console.Money(g.MembersSum), console.Money(g.Gap))
	}
	rolled := bottomUp.RollUp()
	company, _ := rolled.Unit("company")
	fmt.Fprintf(w, tr("rolled up from the teams, the company would plan %s\n", "若按团队汇总，公司计划为 %s\n"), console.Money(company.Target))

	// Step 4. The company keeps its 10,000,000 and the top-down split.
	// SplitGrid lays it out as a two-way plan, regions × quarters: each
	// region's year over the company's quarters, every row and every
	// column adding up exactly (controlled rounding).
	console.Heading(w, tr("Two-way plan: regions × quarters", "二维计划：区域 × 季度"))
	var rows, cols []target.Margin
	for _, u := range topDown.Units {
		if u.Depth == 1 {
			rows = append(rows, target.Margin{Label: u.ID, Total: u.Target})
		}
	}
	for _, q := range quarters {
		cols = append(cols, target.Margin{Label: q.Label, Total: q.Target})
	}
	grid, err := target.SplitGrid(rows, cols, 2)
	if err != nil {
		return err
	}
	header := []string{tr("region", "区域")}
	for _, c := range grid.Cols {
		header = append(header, c.Label)
	}
	tb = console.NewTable("lrrrrr", append(header, tr("year", "全年"))...)
	for i, r := range grid.Rows {
		cells := []string{r.Label}
		for _, c := range grid.Cells[i] {
			cells = append(cells, console.Money(c))
		}
		tb.Row(append(cells, console.Money(r.Total))...)
	}
	totals := []string{tr("company", "公司")}
	for _, c := range grid.Cols {
		totals = append(totals, console.Money(c.Total))
	}
	tb.Row(append(totals, console.Money(annual))...)
	tb.Write(w)

	// Step 5. At mid-year, Track compares the first half's actuals with
	// what the plan expected by then, in the plan's own shape and on the
	// same calendar. asOf is an instant; its date is read in its own
	// location: as of 1 July in Shanghai, January to June have passed.
	actuals := firstHalf(months[:6], o.seed)
	asOf := time.Date(2025, 7, 1, 9, 0, 0, 0, shanghai)
	console.Heading(w, tr("Mid-year: progress as of 1 July", "年中：截至 7 月 1 日的进度"))
	actual := decimal.Sum(decimal.Zero, actuals...)
	p, err := target.Track(months, actual, asOf, 2, &target.TrackOptions{Calendar: cal})
	if err != nil {
		return err
	}
	tb = console.NewTable("lr", tr("measure", "指标"), tr("value", "数值"))
	tb.Row(tr("actual to date", "累计完成"), console.Money(p.Actual))
	tb.Row(tr("expected by now", "按计划应完成"), console.Money(p.Expected))
	tb.Row(tr("pace", "进度比"), fmt.Sprintf("%.4f", p.Pace))
	tb.Row(tr("projection, plan's shape", "按计划形态预测全年"), console.Money(p.PlanProjection))
	tb.Row(tr("projection, run rate", "按日均速度预测全年"), console.Money(p.RunRate))
	tb.Row(tr("gap to target", "距目标缺口"), console.Money(p.Gap))
	tb.Row(tr("working days left", "剩余工作日"), fmt.Sprint(p.RemainingWorkingDays))
	tb.Row(tr("needed per working day", "每工作日需完成"), console.Money(p.RequiredPerWorkingDay))
	tb.Write(w)
	fmt.Fprintf(w, "\n%s\n", p.Reason.Text(o.lang))

	// Step 6. Replan keeps the year's total, closes January to June at
	// their actuals and spreads what remains over July to December by
	// their working-day weights. Diff lists every changed cell: the plan's
	// change log.
	console.Heading(w, tr("Re-plan from July", "7 月起重新规划"))
	rev, err := target.Replan(months, actuals, asOf, 2)
	if err != nil {
		return err
	}
	changes := target.Diff(target.PlanCells("company", months), target.PlanCells("company", rev.Periods))
	tb = console.NewTable("lrrrr", tr("month", "月份"), tr("working days", "工作日"), tr("old plan", "原计划"), tr("new plan", "新计划"), tr("change", "变动"))
	for _, c := range changes {
		i := indexOf(months, c.Period)
		tb.Row(c.Period, fmt.Sprint(months[i].WorkingDays), console.Money(c.Old), console.Money(c.New), console.Money(c.Delta()))
	}
	tb.Write(w)
	fmt.Fprintf(w, tr("\n%d months closed; %s remains to spread over %d open months; the year still adds up to %s\n",
		"\n已关闭 %d 个月；剩余 %s 分摊到 %d 个未结月份；全年合计仍为 %s\n"),
		rev.Closed, console.Money(rev.Remaining), len(rev.Periods)-rev.Closed, console.Money(sum(rev.Periods)))
	for _, px := range rev.Paradoxes {
		fmt.Fprintf(w, "%s: %s\n", px.Label, px.Reason.Text(o.lang))
	}
	return nil
}

// org is the sales organisation: the company, three regions weighted by
// last year's sales in millions, and their teams weighted by headcount.
// commit gives the regions that set a target of their own.
func org(commit map[string]int64) []target.Unit {
	units := []target.Unit{
		{ID: "company"},
		{ID: "east", Parent: "company", Weight: decimal.NewFromInt(5)},
		{ID: "east-1", Parent: "east", Weight: decimal.NewFromInt(6)},
		{ID: "east-2", Parent: "east", Weight: decimal.NewFromInt(5)},
		{ID: "north", Parent: "company", Weight: decimal.NewFromInt(3)},
		{ID: "north-1", Parent: "north", Weight: decimal.NewFromInt(4)},
		{ID: "north-2", Parent: "north", Weight: decimal.NewFromInt(3)},
		{ID: "south", Parent: "company", Weight: decimal.NewFromInt(2)},
		{ID: "south-1", Parent: "south", Weight: decimal.NewFromInt(1)},
	}
	for i, u := range units {
		if v, ok := commit[u.ID]; ok {
			units[i].Target = decimal.NewNullDecimal(decimal.NewFromInt(v))
		}
	}
	return units
}

// firstHalf makes the first half's monthly actuals from the seed: each
// month between 80% and 105% of its target, to the yuan, so the half
// comes in somewhat behind plan.
func firstHalf(months []target.PeriodTarget, seed uint64) []decimal.Decimal {
	rng := rand.New(rand.NewPCG(seed, 0x91a2))
	out := make([]decimal.Decimal, len(months))
	for i, m := range months {
		share := decimal.NewFromInt(int64(800 + rng.IntN(251))).Shift(-3) // 0.800 to 1.050
		out[i] = m.Target.Mul(share).Round(0)
	}
	return out
}

// sum adds up the periods' targets.
func sum(periods []target.PeriodTarget) decimal.Decimal {
	s := decimal.Zero
	for _, p := range periods {
		s = s.Add(p.Target)
	}
	return s
}

// indexOf is the position of the period labelled label, or -1.
func indexOf(periods []target.PeriodTarget, label string) int {
	for i, p := range periods {
		if p.Label == label {
			return i
		}
	}
	return -1
}

// indent indents a unit of the tree by its depth.
func indent(depth int) string { return strings.Repeat("  ", depth) }
