package main

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/saleskit/saleskit/risk"
	"github.com/shopspring/decimal"
)

// The sales year the report shows: 2025 in Shanghai time, looked at as 1
// October begins, when January to September have passed and nothing of
// October has happened yet. Its pipeline
// starts with the leads of mid-November 2024 that were still open at the
// turn of the year.
var (
	shanghai  = time.FixedZone("CST", 8*3600)
	yearStart = time.Date(2025, time.January, 1, 0, 0, 0, 0, shanghai)
	leadsFrom = time.Date(2024, time.November, 15, 0, 0, 0, 0, shanghai)
	asOf      = time.Date(2025, time.October, 1, 0, 0, 0, 0, shanghai)
	annual    = decimal.NewFromInt(10_000_000) // the company's 2025 target, CNY
	places    = int32(2)                       // money is in yuan and fen
	stagePath = []string{"lead", "qualified", "proposal", "negotiation", "won"}
	advance   = []float64{0.62, 0.66, 0.45, 0.68} // lead→qualified … negotiation→won; proposal is weak
)

// rep is a salesperson of the team: the weight the annual target is split
// by (last year's share) and their name in each language.
type rep struct {
	ID     string
	Weight int64
	Name   map[string]string
}

// team is the sales team. The weights sum to 100.
var team = []rep{
	{"chen", 22, map[string]string{"en": "Chen Jing", "zh-CN": "陈静"}},
	{"li", 20, map[string]string{"en": "Li Wei", "zh-CN": "李伟"}},
	{"liu", 17, map[string]string{"en": "Liu Yang", "zh-CN": "刘洋"}},
	{"wang", 16, map[string]string{"en": "Wang Fang", "zh-CN": "王芳"}},
	{"zhang", 14, map[string]string{"en": "Zhang Min", "zh-CN": "张敏"}},
	{"zhao", 11, map[string]string{"en": "Zhao Lei", "zh-CN": "赵磊"}},
}

// repName returns the rep's name in lang, English when it has none.
func repName(id, lang string) string {
	for _, r := range team {
		if r.ID == id {
			if n, ok := r.Name[lang]; ok {
				return n
			}
			return r.Name["en"]
		}
	}
	return id
}

// stageChange is one entry of a deal's stage history.
type stageChange struct {
	Stage string
	Time  time.Time
}

// deal is one opportunity as the CRM holds it on the morning of asOf: its
// stage history so far, and for a deal still open, when the rep expects it
// to close.
type deal struct {
	ID      string
	Owner   string
	Amount  decimal.Decimal
	History []stageChange
	// Close is the expected close date of an open deal; zero for a closed one.
	Close time.Time
}

// stage is the deal's stage as of asOf.
func (d deal) stage() string { return d.History[len(d.History)-1].Stage }

// won reports whether the deal was won, and when.
func (d deal) won() (time.Time, bool) {
	last := d.History[len(d.History)-1]
	return last.Time, last.Stage == "won"
}

// open reports whether the deal is neither won nor lost.
func (d deal) open() bool { s := d.stage(); return s != "won" && s != "lost" }

// year is the generated sales year: every deal open at some time from 1
// January up to asOf, with what happened to it before asOf.
type year struct {
	Seed  uint64
	Deals []deal
}

// newYear generates the year from seed. Leads arrive evenly from leadsFrom
// to asOf, and those closed before the year began are last year's business,
// left out; each step is taken with the chance in advance after 2 to 20 days,
// and a deal that does not advance is lost. Events after asOf have not
// happened yet: a deal whose next move would fall after asOf is still open,
// with an expected close date 5 to 80 days after asOf.
func newYear(seed uint64) year {
	rng := rand.New(rand.NewPCG(seed, 2025))
	var total int64
	for _, r := range team {
		total += r.Weight
	}
	y := year{Seed: seed}
	const leads = 1180
	span := asOf.Sub(leadsFrom)
	for n := range leads {
		d := deal{ID: "D-" + strconv.Itoa(10_001+n)}
		pick := rng.Int64N(total)
		for _, r := range team {
			if pick < r.Weight {
				d.Owner = r.ID
				break
			}
			pick -= r.Weight
		}
		d.Amount = decimal.New(20_000_00+rng.Int64N(100_000_00), -places)
		t := leadsFrom.Add(time.Duration(rng.Int64N(int64(span/time.Hour))) * time.Hour)
		d.History = append(d.History, stageChange{"lead", t})
		for step := range len(advance) {
			t = t.Add(time.Duration(48+rng.IntN(18*24)) * time.Hour)
			next := "lost"
			if rng.Float64() < advance[step] {
				next = stagePath[step+1]
			}
			if !t.Before(asOf) {
				d.Close = asOf.Add(time.Duration(5+rng.IntN(76)) * 24 * time.Hour)
				break
			}
			d.History = append(d.History, stageChange{next, t})
			if next == "lost" {
				break
			}
		}
		if last := d.History[len(d.History)-1]; !d.open() && last.Time.Before(yearStart) {
			continue
		}
		y.Deals = append(y.Deals, d)
	}
	return y
}

// riskTitles are the register's risk titles in each language, by risk id.
// The register itself holds the English title, as a CRM holds what its user
// typed.
var riskTitles = map[string]map[string]string{
	"price-war":     {"en": "Competitor cuts prices by >10% in Q4", "zh-CN": "竞争对手第四季度降价超过 10%"},
	"top-rep-quits": {"en": "A top rep leaves before year end", "zh-CN": "骨干销售年底前离职"},
	"budget-freeze": {"en": "Customers freeze budgets in December", "zh-CN": "客户 12 月冻结预算"},
	"late-payment":  {"en": "A large customer pays late", "zh-CN": "大客户延迟付款"},
	"procurement":   {"en": "New procurement rules delay signing", "zh-CN": "新采购规定推迟签约"},
	"demo-outage":   {"en": "The demo environment fails during trials", "zh-CN": "试用期间演示环境故障"},
	"ramp-up":       {"en": "Two new hires ramp up slowly", "zh-CN": "两名新人上手慢"},
	"tender":        {"en": "Shortlisted for the city's tender", "zh-CN": "入围市政府招标"},
	"q1-logistics":  {"en": "Q1 delivery backlog (closed)", "zh-CN": "一季度交付积压（已关闭）"},
}

// riskTitle returns the title of the risk in lang.
func riskTitle(id, lang string) string {
	if t, ok := riskTitles[id][lang]; ok {
		return t
	}
	return riskTitles[id]["en"]
}

// register is the sales year's risk register on the PMBOK matrix's levels:
// seven threats, one opportunity and one closed risk, most with a response.
func register() risk.Register {
	yuan := func(n int64) decimal.Decimal { return decimal.NewFromInt(n) }
	threat := func(id string, c risk.Category, p, i string, money int64, r risk.Response) risk.Risk {
		return risk.Risk{ID: id, Title: riskTitles[id]["en"], Category: c, Kind: risk.Threat,
			Probability: risk.Probability{Level: p}, Impact: risk.Impact{Level: i, Money: yuan(money)},
			Owner: "sales-ops", Review: risk.MustDate("2025-10-15"), Response: r}
	}
	action := func(title string, cost int64) []risk.Action { return []risk.Action{{Title: title, Cost: yuan(cost)}} }
	risks := []risk.Risk{
		threat("price-war", risk.Competition, "high", "high", 600_000, risk.Response{Strategy: risk.Mitigate,
			Actions: action("value bundles for renewals", 50_000), ResidualProbability: risk.Probability{Level: "moderate"}}),
		threat("top-rep-quits", risk.StaffTurnover, "low", "very_high", 900_000, risk.Response{Strategy: risk.Mitigate,
			Actions:        action("retention bonus and account pairing", 60_000),
			ResidualImpact: risk.Impact{Level: "moderate", Money: yuan(300_000)}}),
		threat("budget-freeze", risk.Customer, "moderate", "high", 500_000, risk.Response{Strategy: risk.Accept}),
		threat("late-payment", risk.Financial, "moderate", "moderate", 200_000, risk.Response{Strategy: risk.Transfer,
			Actions: action("credit insurance", 15_000), ResidualImpact: risk.Impact{Level: "low", Money: yuan(40_000)}}),
		threat("procurement", risk.Compliance, "low", "moderate", 250_000, risk.Response{Strategy: risk.Mitigate,
			Actions: action("pre-approved contract templates", 20_000), ResidualProbability: risk.Probability{Level: "very_low"}}),
		threat("demo-outage", risk.Technical, "very_high", "low", 80_000, risk.Response{Strategy: risk.Avoid,
			Actions: action("move demos to the hosted sandbox", 30_000)}),
		threat("ramp-up", risk.Resource, "high", "moderate", 300_000, risk.Response{Strategy: risk.Mitigate,
			Actions: action("mentoring by senior reps", 25_000), ResidualProbability: risk.Probability{Level: "moderate"}}),
		{ID: "tender", Title: riskTitles["tender"]["en"], Category: risk.Market, Kind: risk.Opportunity,
			Probability: risk.Probability{Level: "moderate"}, Impact: risk.Impact{Level: "high", Money: yuan(700_000)},
			Owner: "chen", Review: risk.MustDate("2025-09-20"),
			Response: risk.Response{Strategy: risk.Enhance, Actions: action("reference visits for the panel", 40_000),
				ResidualProbability: risk.Probability{Level: "high"}}},
		{ID: "q1-logistics", Title: riskTitles["q1-logistics"]["en"], Category: risk.Schedule, Status: risk.Closed,
			Probability: risk.Probability{Level: "moderate"}, Impact: risk.Impact{Level: "low", Money: yuan(60_000)}},
	}
	return risk.Register{Name: "Sales 2025", Risks: risks}
}
