// Command telesales reads a month of a telesales team's call records the
// way a call-centre manager does: the call funnel from dial to deal
// (package funnel's Calls and its Telesales stages), each agent's connect
// rate with its 95% interval, the hours when prospects pick up, and then
// a scorecard bonus paid on revenue, connect rate and appointment rate,
// with the month's ranking (package incentive).
//
// The two packages never import each other: this program turns the
// funnel's figures into the scorecard's metrics and the calls that closed
// into commission transactions, one line each.
//
// Run it with:
//
//	go run ./examples/telesales
//	go run ./examples/telesales -lang zh-CN -seed 42
package main

import (
	"flag"
	"fmt"
	"github.com/saleskit/saleskit/examples/internal/console"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/saleskit/saleskit/funnel"
	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

// options are the program's flags.
type options struct {
	lang string // "en" or "zh-CN"
	seed uint64 // seed of the generated call records
}

func main() {
	var o options
	flag.StringVar(&o.lang, "lang", "en", "language of labels and explanations: en or zh-CN")
	flag.Uint64Var(&o.seed, "seed", 7, "seed of the generated call records")
	flag.Parse()
	if err := run(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "telesales:", err)
		os.Exit(1)
	}
}

// shanghai is where the team works: calls are recorded as instants, and
// the hour-of-day table reads them in Shanghai time.
var shanghai = time.FixedZone("CST", 8*3600)

// march is the month reported: the scorecard's period.
var march = incentive.MustDate("2025-03-01")

// run prints the report to w; the same options print the same report.
func run(w io.Writer, o options) error {
	if o.lang != "en" && o.lang != "zh-CN" {
		return fmt.Errorf("-lang %q: want en or zh-CN", o.lang)
	}
	// tr picks the program's own words in the report's language, the same
	// way every saleskit package picks a label: Labels.Get.
	tr := func(en, zh string) string { return funnel.Labels{"en": en, "zh-CN": zh}.Get(o.lang) }
	calls, deals := generate(o.seed)

	// Step 1. funnel.Calls reads call records, any number and in any order,
	// and counts the funnel overall, per agent and per hour. Each call
	// record says how far the call got; an appointment implies a
	// conversation, a conversation a connection.
	rep, err := funnel.Calls(slices.Values(calls), &funnel.CallOptions{Location: shanghai})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, tr("Telesales, March 2025: the call funnel, connect rates and the scorecard",
		"电话销售 2025 年 3 月：通话漏斗、接通率与计分卡"))

	// Step 2. The Telesales preset names the funnel's stages in English
	// and Chinese. CallStats holds the counts as fields, so the program
	// pairs each stage with its count and the rate into it.
	console.Heading(w, tr("Call funnel, whole team", "通话漏斗（全团队）"))
	stages := funnel.Telesales()
	t := rep.Total
	counts := []int{t.Dials, t.Connected, t.Conversations, t.Appointments, t.Deals}
	rates := []funnel.Rate{{}, t.ConnectRate, t.ConversationRate, t.AppointmentRate, t.DealRate}
	tb := console.NewTable("lrrrr", tr("stage", "阶段"), tr("calls", "通数"), tr("step rate", "环节转化率"),
		tr("95% interval", "95% 区间"), tr("of dials", "占拨打"))
	for i, s := range stages {
		step, ci := "", ""
		if i > 0 {
			step, ci = console.Pct(rates[i].Value), interval(rates[i])
		}
		tb.Row(s.Label(o.lang), fmt.Sprint(counts[i]), step, ci, console.Pct(float64(counts[i])/float64(t.Dials)))
	}
	tb.Write(w)
	fmt.Fprintf(w, tr("\ndeals per 100 dials: %.2f\n", "\n每百通成交：%.2f\n"), t.DealsPer100Dials)

	// Step 3. Per agent, the connect rate comes with its 95% Wilson
	// interval: two agents whose intervals overlap are not told apart by
	// one month of calls.
	console.Heading(w, tr("Connect rate per agent", "坐席接通率"))
	tb = console.NewTable("lrrrrrrrr", tr("agent", "坐席"), tr("dials", "拨打"), tr("connected", "接通"),
		tr("connect rate", "接通率"), tr("95% interval", "95% 区间"), tr("appointments", "邀约"),
		tr("deals", "成交"), tr("per 100 dials", "每百通成交"), tr("talk time", "通话时长"))
	for _, a := range rep.Agents {
		s := a.Stats
		tb.Row(a.Agent, fmt.Sprint(s.Dials), fmt.Sprint(s.Connected), console.Pct(s.ConnectRate.Value), interval(s.ConnectRate),
			fmt.Sprint(s.Appointments), fmt.Sprint(s.Deals), fmt.Sprintf("%.2f", s.DealsPer100Dials), talk(s.Talk))
	}
	tb.Write(w)

	// Step 4. The hours of the day, in Shanghai time: when to call.
	console.Heading(w, tr("Connect rate by hour (Shanghai time)", "各时段接通率（北京时间）"))
	tb = console.NewTable("lrrrr", tr("hour", "时段"), tr("dials", "拨打"), tr("connected", "接通"),
		tr("connect rate", "接通率"), tr("95% interval", "95% 区间"))
	best := 0
	for h, s := range rep.Hours {
		if s.Dials == 0 {
			continue
		}
		if s.ConnectRate.Value > rep.Hours[best].ConnectRate.Value {
			best = h
		}
		tb.Row(fmt.Sprintf("%02d:00", h), fmt.Sprint(s.Dials), fmt.Sprint(s.Connected), console.Pct(s.ConnectRate.Value), interval(s.ConnectRate))
	}
	tb.Write(w)
	fmt.Fprintf(w, tr("\nbest hour to call: %02d:00\n", "\n接通率最高时段：%02d:00\n"), best)

	// Step 5. The scorecard is a plan component like any other, decoded
	// from JSON a sales-ops team edits. Revenue is counted from the
	// transactions; the connect and appointment rates are metrics the plan
	// reads by key, so the program hands them over from the funnel.
	def, err := incentive.DecodePlan([]byte(planJSON), nil)
	if err != nil {
		return err
	}
	stmts, err := incentive.Compute(def, march, deals, &incentive.ComputeOptions{Metrics: metrics(rep)})
	if err != nil {
		return err
	}
	card := def.Plan().Components[0]
	console.Heading(w, fmt.Sprintf(tr("%s: %s", "%s：%s"), def.Plan().Label(o.lang), card.Label(o.lang)))
	header := []string{tr("agent", "坐席")}
	for _, m := range card.Measures {
		header = append(header, m.Label(o.lang)+" "+m.Weight.Shift(2).String()+"%")
	}
	header = append(header, tr("bonus", "奖金"))
	fmt.Fprintln(w, tr("score per measure (its weight), and the bonus", "各项得分（权重）与奖金"))
	tb = console.NewTable("lrrrr", header...)
	for _, s := range stmts {
		cells := []string{s.Rep}
		for _, m := range card.Measures {
			cells = append(cells, scoreOf(s, m.ID))
		}
		tb.Row(append(cells, console.Money(s.Payout))...)
	}
	tb.Write(w)

	// Every line explains itself, in the report's language: the first
	// and the last agent by bonus, line by line.
	byBonus := slices.Clone(stmts)
	slices.SortStableFunc(byBonus, func(a, b incentive.Statement) int { return b.Payout.Cmp(a.Payout) })
	for _, s := range []incentive.Statement{byBonus[0], byBonus[len(byBonus)-1]} {
		fmt.Fprintf(w, tr("\nstatement of %s, quota %s:\n", "\n%s 的计提明细（指标 %s）：\n"), s.Rep, console.Money(s.Quota.Effective))
		for _, l := range s.Lines {
			fmt.Fprintf(w, "  %10s  %s\n", console.Money(l.Amount), l.Reason().Text(o.lang))
		}
	}

	// Step 6. Rank ranks the period's statements, ties sharing a place
	// (1, 2, 2, 4), and names the champions.
	console.Heading(w, tr("Ranking by scorecard bonus", "计分卡奖金排名"))
	r, err := incentive.Rank(stmts, incentive.ByPayout)
	if err != nil {
		return err
	}
	tb = console.NewTable("rlrrl", tr("rank", "名次"), tr("agent", "坐席"), tr("bonus", "奖金"), tr("revenue", "成交金额"), "")
	for _, st := range r.Standings {
		s := stmts[slices.IndexFunc(stmts, func(s incentive.Statement) bool { return s.Rep == st.Rep })]
		mark := ""
		if st.Champion {
			mark = tr("champion", "冠军")
		}
		tb.Row(fmt.Sprint(st.Rank), st.Rep, console.Money(st.Value), console.Money(revenue(s)), mark)
	}
	tb.Write(w)
	return nil
}

// planJSON is the team's monthly scorecard: a bonus of 3,000 at 100%,
// half on revenue against a 50,000 quota (from a floor of 20,000), 30% on
// connect rate (25% to 40%) and 20% on appointment rate, the share of
// conversations that book an appointment (15% to 30%), and no bonus at
// all below 60% of quota.
const planJSON = `{
  "id": "telesales-2025",
  "labels": {"en": "Telesales plan 2025", "zh-CN": "电销提成方案 2025"},
  "start": "2025-01-01", "end": "2026-01-01", "period": "month",
  "rounding": {"places": 2},
  "reps": [
    {"id": "chen", "quota": "50000", "target_incentive": "3000"},
    {"id": "li",   "quota": "50000", "target_incentive": "3000"},
    {"id": "liu",  "quota": "50000", "target_incentive": "3000"},
    {"id": "wang", "quota": "50000", "target_incentive": "3000"},
    {"id": "zhao", "quota": "50000", "target_incentive": "3000"}
  ],
  "components": [{
    "id": "scorecard", "type": "scorecard",
    "labels": {"en": "Scorecard", "zh-CN": "计分卡"},
    "gate": {"measure": "revenue", "at_least": "0.6"},
    "measures": [
      {"id": "revenue", "labels": {"en": "revenue", "zh-CN": "成交金额"}, "weight": "0.5", "floor": "20000"},
      {"id": "connect", "labels": {"en": "connect rate", "zh-CN": "接通率"}, "measure": "custom", "key": "connect_rate",
       "weight": "0.3", "floor": "0.25", "target": "0.40"},
      {"id": "appointment", "labels": {"en": "appointment rate", "zh-CN": "邀约率"}, "measure": "custom", "key": "appointment_rate",
       "weight": "0.2", "floor": "0.15", "target": "0.30"}
    ]
  }]
}`

// metrics hands each agent's connect and appointment rates from the call
// report to the scorecard, one metric a line.
func metrics(rep funnel.CallReport) []incentive.Metric {
	var out []incentive.Metric
	for _, a := range rep.Agents {
		out = append(out,
			incentive.Metric{Rep: a.Agent, Period: march, Key: "connect_rate", Value: fraction(a.Stats.ConnectRate)},
			incentive.Metric{Rep: a.Agent, Period: march, Key: "appointment_rate", Value: fraction(a.Stats.AppointmentRate)})
	}
	return out
}

// fraction turns a funnel rate (a statistic, float64) into the exact
// decimal a scorecard metric is, from its counts, to 4 places: 253 of 700
// is 0.3614.
func fraction(r funnel.Rate) decimal.Decimal {
	return decimal.NewFromInt(int64(r.Successes)).DivRound(decimal.NewFromInt(int64(r.Trials)), 4)
}

// scoreOf is the score a statement's scorecard line gave the measure, as a
// percentage, or "gate" when the gate withheld the bonus.
func scoreOf(s incentive.Statement, measure string) string {
	for _, l := range s.Lines {
		switch {
		case l.Code == incentive.CodeGateNotMet:
			return "-"
		case l.Key == measure:
			return l.Rate.Shift(2).StringFixed(2) + "%"
		}
	}
	return ""
}

// revenue is the revenue the statement's scorecard counted.
func revenue(s incentive.Statement) decimal.Decimal {
	if len(s.Subtotals) == 0 {
		return decimal.Zero
	}
	return s.Subtotals[0].Measure
}

// interval writes a rate's 95% interval: "30.1–34.8%".
func interval(r funnel.Rate) string {
	return fmt.Sprintf("%.1f–%.1f%%", 100*r.Low, 100*r.High)
}

// talk writes a talk time in hours and minutes: "12h05m".
func talk(d time.Duration) string {
	m := int(d.Round(time.Minute).Minutes())
	return fmt.Sprintf("%dh%02dm", m/60, m%60)
}

// profile is how one agent's calls tend to go: the chance that a dial
// connects, that a connected call becomes a conversation, that a
// conversation books an appointment, and that an appointment closes.
type profile struct {
	agent                       string
	connect, talk, appoint, win float64
}

var team = []profile{
	{"chen", 0.36, 0.55, 0.24, 0.40},
	{"li", 0.30, 0.62, 0.26, 0.42},
	{"liu", 0.42, 0.45, 0.17, 0.35},
	{"wang", 0.34, 0.52, 0.30, 0.45},
	{"zhao", 0.26, 0.58, 0.20, 0.22},
}

// callsPerDay is how many dials each agent makes on a working day.
const callsPerDay = 30

// generate makes March 2025's call records from the seed: callsPerDay
// dials an agent on every weekday, 09:00 to 18:00 Shanghai time, people
// answering more readily mid-morning and late afternoon than over lunch.
// Every call that closed becomes a transaction of 3,000 to 10,000 yuan.
func generate(seed uint64) ([]funnel.Call, []incentive.Transaction) {
	rng := rand.New(rand.NewPCG(seed, 0x5a1e5))
	var calls []funnel.Call
	var deals []incentive.Transaction
	for day := time.Date(2025, 3, 1, 0, 0, 0, 0, shanghai); day.Month() == time.March; day = day.AddDate(0, 0, 1) {
		if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			continue
		}
		for _, p := range team {
			for range callsPerDay {
				at := day.Add(9*time.Hour + time.Duration(rng.IntN(9*3600))*time.Second)
				c := funnel.Call{Agent: p.agent, Time: at}
				pick := p.connect * hourFactor(at.Hour())
				switch {
				case rng.Float64() >= pick:
					c.Outcome, c.Duration = funnel.CallNoAnswer, time.Duration(15+rng.IntN(25))*time.Second
					if rng.Float64() < 0.3 {
						c.Outcome, c.Duration = funnel.CallBusy, 5*time.Second
					}
				case rng.Float64() >= p.talk:
					c.Outcome, c.Duration = funnel.CallConnected, time.Duration(20+rng.IntN(60))*time.Second
				case rng.Float64() >= p.appoint:
					c.Outcome, c.Duration = funnel.CallConversation, time.Duration(120+rng.IntN(300))*time.Second
				case rng.Float64() >= p.win:
					c.Outcome, c.Duration = funnel.CallAppointment, time.Duration(300+rng.IntN(300))*time.Second
				default:
					c.Outcome, c.Duration = funnel.CallDeal, time.Duration(480+rng.IntN(420))*time.Second
					// A closed call is a deal for the commission plan: the
					// booking date is the call's date in Shanghai.
					deals = append(deals, incentive.Transaction{ID: fmt.Sprintf("T%03d", len(deals)+1), Rep: p.agent,
						Amount: decimal.NewFromInt(int64(3000 + 500*rng.IntN(15))), Booked: incentive.DateOf(at)})
				}
				calls = append(calls, c)
			}
		}
	}
	return calls, deals
}

// hourFactor scales the chance that a dial connects by the hour it is made.
func hourFactor(h int) float64 {
	switch h {
	case 10, 16:
		return 1.25
	case 12, 13:
		return 0.7
	}
	return 1
}
