package main

import (
	"fmt"
	"strings"

	"github.com/saleskit/saleskit/examples/internal/console"
	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

// wonAmounts are the funnel's won amounts to date: the actuals of the
// sections that follow.
type wonAmounts struct {
	total   decimal.Decimal
	byOwner map[string]decimal.Decimal // by rep id
}

// funnelSection reads the year's stage changes to date, messy as exported,
// into the funnel and prints it by stage and by owner, with its
// bottleneck.
func funnelSection(p *printer, y *year) (wonAmounts, error) {
	stages := funnel.B2B()
	// A status the funnel does not know ("on_hold") is skipped and
	// counted, not an error: the report says how many were left out.
	a, err := funnel.NewAnalyzer(stages, &funnel.Options{OnUnknown: funnel.Skip})
	if err != nil {
		return wonAmounts{}, err
	}
	for _, d := range y.deals {
		for _, c := range d.changes {
			if c.at.Before(y.jan1) {
				continue // the CRM's export of 2025: a deal opened in 2024 enters at its first stage of 2025
			}
			// from the year's records to package funnel
			e := funnel.Event{Deal: d.id, Stage: c.stage, Time: c.at, Amount: d.amount, Owner: d.owner, Source: d.source}
			if err := a.Add(e); err != nil {
				return wonAmounts{}, err
			}
		}
	}
	// The team expects these step conversions.
	bench := map[string]float64{"lead": 0.55, "qualified": 0.55, "proposal": 0.60, "negotiation": 0.70}
	r, err := a.Report(&funnel.ReportOptions{AsOf: y.asOf, Benchmark: bench, By: funnel.ByOwner{}})
	if err != nil {
		return wonAmounts{}, err
	}

	p.heading(p.tr("2. Execution: the sales funnel, January to June (package funnel)", "2. 执行：销售漏斗，1 月至 6 月（funnel 包）"))
	p.linef(p.tr("%d deals, %d stage changes counted", "%d 个商机，计入 %d 次阶段变更"), r.Deals, r.Events)
	var rows [][]string
	for i, s := range r.Stages {
		weighted := ""
		if s.Outcome == funnel.Open {
			weighted = console.Money(s.WeightedAmount)
		}
		rows = append(rows, []string{stages[i].Label(p.lang), fmt.Sprint(s.Entered), pct(s.Conversion.Value),
			pct(s.Conversion.Low) + "–" + pct(s.Conversion.High), pct(s.FromTop.Value), console.Money(s.EnteredAmount), weighted})
	}
	p.table([]string{p.tr("stage", "阶段"), ">" + p.tr("entered", "进入"), ">" + p.tr("conversion", "转化率"),
		">" + p.tr("95% interval", "95% 置信区间"), ">" + p.tr("from top", "累计转化"), ">" + p.tr("amount", "金额"),
		">" + p.tr("weighted open", "加权在途")}, rows)
	o := r.Overall
	p.linef(p.tr("win rate %s (%d won of %d closed), average won deal %s, median cycle %.0f days",
		"赢单率 %s（赢单 %d 个，共结束 %d 个），平均赢单金额 %s，销售周期中位数 %.0f 天"),
		pct(o.WinRate.Value), o.Won, o.Won+o.Lost, console.Money(o.AverageWon), o.Cycle.Median.Hours()/24)
	p.linef(p.tr("%d open worth %s (weighted %s); velocity %s a day",
		"在途 %d 个，金额 %s（加权 %s）；销售速度每天 %s"),
		o.Open, console.Money(o.OpenAmount), console.Money(o.WeightedAmount), console.Money(o.Velocity))
	var mess []string
	mess = append(mess, fmt.Sprintf(p.tr("%d deals reopened", "%d 个商机重新打开"), o.Reopened),
		fmt.Sprintf(p.tr("%d moved back a stage", "%d 个商机退回前一阶段"), o.Regressed))
	for _, ig := range r.Ignored {
		mess = append(mess, fmt.Sprintf(p.tr("%d events left out (%s, %s)", "%d 条记录未计入（%s，%s）"), ig.Events, ig.Cause.Label(p.lang), ig.Stage))
	}
	p.linef(p.tr("messy data: %s", "数据问题：%s"), strings.Join(mess, p.tr(", ", "，")))
	p.linef(p.tr("bottleneck: %s", "瓶颈：%s"), stages.Explain(r.Bottleneck.Reason, p.lang))

	p.linef("")
	top := max(r.Stages[0].Entered, 1)
	for i, s := range r.Stages {
		n := 40 * s.Entered / top
		label := stages[i].Label(p.lang)
		p.linef("  %s%s  %s%s %d", label, strings.Repeat(" ", 12-console.Width(label)), strings.Repeat(" ", (40-n)/2), strings.Repeat("█", n), s.Entered)
	}

	won := wonAmounts{total: o.WonAmount, byOwner: map[string]decimal.Decimal{}}
	rows = rows[:0]
	for _, seg := range r.Segments {
		so := seg.Report.Overall
		won.byOwner[seg.Key] = so.WonAmount
		rows = append(rows, []string{p.name(y.rep(seg.Key)), fmt.Sprint(seg.Report.Deals), fmt.Sprint(so.Won), pct(so.WinRate.Value),
			console.Money(so.WonAmount), console.Money(so.WeightedAmount)})
	}
	p.linef("")
	p.table([]string{p.tr("owner", "负责人"), ">" + p.tr("deals", "商机"), ">" + p.tr("won", "赢单"), ">" + p.tr("win rate", "赢单率"),
		">" + p.tr("won amount", "赢单金额"), ">" + p.tr("weighted open", "加权在途")}, rows)
	return won, nil
}
