package main

import (
	"fmt"
	"strings"

	"github.com/saleskit/saleskit/examples/internal/console"
	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// riskSection keeps the year's risk register, with the forecast's
// shortfall as its first risk, and prints the heat maps before and after
// the responses, the top risks and the contingency reserve.
func riskSection(p *printer, y *year, o outlook) error {
	p.heading(p.tr("6. Risks: the register and its reserve (package risk)", "6. 风险：风险登记册与应急储备（risk 包）"))
	d := decimal.NewFromInt
	lvl := func(s string) risk.Probability { return risk.Probability{Level: s} }

	// from package forecast: the chance of missing the target is the
	// first risk's probability, the median shortfall its impact.
	miss := decimal.Max(decimal.NewFromFloat(1-o.hit).Round(2), decimal.RequireFromString("0.01"))
	shortfall := decimal.Max(o.gap.Sub(o.p50), d(100_000)).Round(0)
	impact := "moderate"
	if shortfall.GreaterThan(d(1_000_000)) { // over a tenth of the year's target
		impact = "high"
	}
	reg := risk.Register{Name: "2025", Risks: []risk.Risk{
		{ID: "target-miss", Title: p.tr("The year's target is missed", "全年目标未达成"), Category: risk.Market, Owner: "wang.fang",
			Probability: risk.Probability{Value: miss}, Impact: risk.Impact{Level: impact, Money: shortfall},
			Response: risk.Response{Strategy: risk.Mitigate, Actions: []risk.Action{{Title: p.tr("two new-logo campaigns", "两场新客户获取活动"), Cost: d(120_000)}},
				ResidualProbability: risk.Probability{Value: decimal.Max(miss.Sub(decimal.RequireFromString("0.2")), decimal.RequireFromString("0.05"))}}},
		{ID: "price-war", Title: p.tr("A competitor undercuts our price", "竞争对手低价抢单"), Category: risk.Competition, Owner: "r01",
			Probability: lvl("high"), Impact: risk.Impact{Level: "moderate", Money: d(400_000)},
			Response: risk.Response{Strategy: risk.Accept}},
		{ID: "rep-leaves", Title: p.tr("A top rep leaves mid-year", "骨干销售年中离职"), Category: risk.StaffTurnover, Owner: "wang.fang",
			Probability: lvl("moderate"), Impact: risk.Impact{Level: "high", Money: d(700_000), Shape: risk.PERT, Min: d(300_000), Max: d(1_100_000)},
			Response: risk.Response{Strategy: risk.Mitigate, Actions: []risk.Action{{Title: p.tr("retention bonus and account pairing", "留任奖金与客户双人负责"), Cost: d(60_000)}},
				ResidualProbability: lvl("low")}},
		{ID: "budget-freeze", Title: p.tr("A key account freezes its budget", "重点客户冻结预算"), Category: risk.Customer, Owner: "r02",
			Probability: lvl("low"), Impact: risk.Impact{Level: "high", Money: d(900_000)},
			Response: risk.Response{Strategy: risk.Transfer, Actions: []risk.Action{{Title: p.tr("prepayment terms in the contract", "合同约定预付款"), Cost: d(20_000)}},
				ResidualImpact: risk.Impact{Level: "low", Money: d(200_000)}}},
		{ID: "subsidy", Title: p.tr("A digitisation subsidy lifts demand", "数字化补贴带动需求"), Kind: risk.Opportunity, Category: risk.Market, Owner: "r03",
			Probability: lvl("low"), Impact: risk.Impact{Level: "moderate", Money: d(500_000)},
			Response: risk.Response{Strategy: risk.Enhance, Actions: []risk.Action{{Title: p.tr("subsidy application desk", "补贴申报专班"), Cost: d(30_000)}},
				ResidualProbability: lvl("moderate")}},
	}}
	m := risk.PMBOK()
	// from the year's clock to package risk
	rep, err := reg.Report(m, &risk.ReportOptions{AsOf: risk.DateOf(y.asOf), Top: 3})
	if err != nil {
		return err
	}
	spec := m.Spec()
	p.linef(p.tr("Heat map of open risks, before and after the responses (probability up, impact across):",
		"未关闭风险热力图，应对前与应对后（纵轴概率，横轴影响）："))
	grid := 2*len(spec.Impact) - 1
	before, after := p.tr("before", "应对前"), p.tr("after", "应对后")
	p.linef("  %s  %s%s    %s", strings.Repeat(" ", 10), before, strings.Repeat(" ", max(grid-console.Width(before), 0)), after)
	for pi := len(spec.Probability) - 1; pi >= 0; pi-- {
		row := []string{spec.Probability[pi].Label(p.lang)}
		for _, side := range []risk.Side{risk.Inherent, risk.Residual} {
			var cells []string
			for ii := range spec.Impact {
				c := "·"
				if n := rep.HeatMap.Count(side, risk.Cell{Probability: pi, Impact: ii}); n > 0 {
					c = fmt.Sprint(n)
				}
				cells = append(cells, c)
			}
			row = append(row, strings.Join(cells, " "))
		}
		p.linef("  %s%s  %s    %s", row[0], strings.Repeat(" ", 10-console.Width(row[0])), row[1], row[2])
	}

	title := map[string]string{}
	for _, r := range reg.Risks {
		title[r.ID] = r.Title
	}
	var rows [][]string
	for _, a := range rep.Top {
		rows = append(rows, []string{title[a.ID], m.RatingLabel(a.Inherent.Rating, p.lang), console.Money(a.Inherent.EMV),
			m.RatingLabel(a.Residual.Rating, p.lang), console.Money(a.Residual.EMV), console.Money(a.Worth)})
	}
	p.linef("")
	p.table([]string{p.tr("top risks", "主要风险"), p.tr("rating", "评级"), ">EMV", p.tr("after", "应对后"), ">EMV", ">" + p.tr("response worth", "应对价值")}, rows)
	t := rep.Totals.All
	p.linef(p.tr("  exposure %s before the responses, %s after; the responses cost %s",
		"  风险敞口：应对前 %s，应对后 %s；应对成本 %s"), console.Money(t.Inherent), console.Money(t.Residual), console.Money(t.Cost))

	c, err := risk.Reserve(m, reg.Risks, &risk.ReserveOptions{Seed: y.seed, Trials: 20_000, Confidence: 0.8})
	if err != nil {
		return err
	}
	p.linef("  %s", c.Reason().Text(p.lang))
	return nil
}
