package main

import (
	"encoding/json"
	"fmt"

	"github.com/saleskit/saleskit/examples/internal/console"
	"github.com/saleskit/saleskit/incentive"
)

// planJSON is the commission plan as a CRM stores it: quarterly periods,
// marginal tiers on quota attainment, nothing paid below half the quota,
// and a clawback of deals cancelled within 90 days. The reps and their
// quotas are added from the target split.
const planJSON = `{
	"id": "sales-2025",
	"labels": {"en": "2025 sales commission", "zh-CN": "2025 年销售提成"},
	"start": "2025-01-01", "end": "2026-01-01", "period": "quarter",
	"rounding": {"places": 2},
	"components": [{
		"id": "revenue", "type": "tiered", "basis": "attainment",
		"threshold": "0.5",
		"tiers": [
			{"from": "0", "to": "1", "rate": "0.04"},
			{"from": "1", "to": "1.5", "rate": "0.07"},
			{"from": "1.5", "rate": "0.10"}
		]
	}],
	"clawback": {"within_days": 90}
}`

// commissionSection computes the second quarter's statements from the won
// deals, each rep's quota their quarter of the target split, and ranks
// them.
func commissionSection(p *printer, y *year, pl *plan) ([]incentive.Statement, error) {
	p.heading(p.tr("7. Commission: the second quarter's statements (package incentive)", "7. 提成：第二季度提成单（incentive 包）"))
	var plan incentive.Plan
	if err := json.Unmarshal([]byte(planJSON), &plan); err != nil {
		return nil, err
	}
	for _, r := range y.reps {
		// from package target: a rep's quarterly quota is their Q2 target
		plan.Reps = append(plan.Reps, incentive.Rep{ID: r.id, Quota: pl.reps[r.id].quarters[1].Target})
	}
	def, err := incentive.Build(plan, nil)
	if err != nil {
		return nil, err
	}
	var txs []incentive.Transaction
	for _, d := range y.deals {
		if y.wonThisYear(&d) {
			// from the year's records: a won deal is a transaction booked on the day it was won in Shanghai
			txs = append(txs, incentive.Transaction{ID: d.id, Rep: d.owner, Amount: d.amount, Booked: incentive.DateOf(d.won.In(y.loc))})
		}
	}
	stmts, err := incentive.Compute(def, incentive.DateOf(y.asOf.AddDate(0, 0, -1)), txs, nil)
	if err != nil {
		return nil, err
	}
	ranking, err := incentive.Rank(stmts, incentive.ByPayout)
	if err != nil {
		return nil, err
	}
	byRep := map[string]incentive.Statement{}
	for _, s := range stmts {
		byRep[s.Rep] = s
	}
	var rows [][]string
	for _, st := range ranking.Standings {
		s := byRep[st.Rep]
		credit, att := s.Subtotals[0].Measure, ""
		if a := s.Subtotals[0].Attainment; a != nil {
			att = pct(*a)
		}
		rows = append(rows, []string{fmt.Sprint(st.Rank), p.name(y.rep(st.Rep)), console.Money(s.Quota.Effective), console.Money(credit), att,
			console.Money(s.Payout), bar(float64(s.Payout.InexactFloat64())/float64(byRep[ranking.Standings[0].Rep].Payout.InexactFloat64()), 20)})
	}
	p.linef(p.tr("%s, %s: statements from the year's %d won deals, ranked by payout:",
		"%s，%s：基于全年 %d 个赢单计算提成单，按提成金额排名："), plan.Labels.Get(p.lang), stmts[0].Period, len(txs))
	p.table([]string{"#", p.tr("rep", "销售"), ">" + p.tr("quota", "配额"), ">" + p.tr("credit", "业绩"), ">" + p.tr("attainment", "达成率"),
		">" + p.tr("payout", "提成"), ""}, rows)

	top := byRep[ranking.Standings[0].Rep]
	p.linef(p.tr("\nThe champion's statement, line by line:", "\n冠军的提成单明细："))
	for _, l := range top.Lines {
		p.linef("  %-9s %12s  %s", l.Deal, console.Money(l.Amount), l.Reason().Text(p.lang))
	}
	p.linef("  %-9s %12s  %s", "", console.Money(top.Payout), p.tr("payout", "应发提成"))
	if err := top.Check(); err != nil {
		return nil, err
	}
	return stmts, nil
}
