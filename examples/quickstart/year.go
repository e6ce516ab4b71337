package main

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"
)

// year is the generated sales year: what a CRM's database would hold on
// the morning of 1 July 2025. It is plain data in no package's types; each
// section converts what it reads, in one line, to the types of the
// package it uses.
type year struct {
	seed uint64         // the seed it was generated from, which also seeds the simulations
	loc  *time.Location // Shanghai (UTC+8, no daylight saving)
	jan1 time.Time      // 2025-01-01 00:00 in loc: the year the plan is for starts
	asOf time.Time      // 2025-07-01 09:00 in loc
	// history holds the monthly bookings of 2022 to 2024, from the books
	// kept before the CRM: 36 months, 8,000,000 in 2024.
	history []decimal.Decimal
	teams   []team
	reps    []rep
	deals   []deal
}

// team is a sales team.
type team struct {
	id, en, zh string
}

// rep is a sales rep.
type rep struct {
	id, en, zh string
	team       int             // index into year.teams
	lastYear   decimal.Decimal // last year's sales, which weigh this year's target
	skill      float64         // how much likelier than average the rep's deals move on
}

// deal is an opportunity and the stage changes the CRM recorded for it up
// to asOf.
type deal struct {
	id, owner, source string
	amount            decimal.Decimal
	changes           []change  // in the order recorded, duplicates and all
	stage             string    // where the deal stands at asOf
	won               time.Time // when it was won; zero unless stage is "won"
	// (won before 2025 is last year's business: the sections leave it out)
	closing time.Time // for an open deal, when its owner expects it to close
}

// change is one stage change as the CRM exports it.
type change struct {
	stage string
	at    time.Time
}

// The rep names, in English and Chinese.
var names = [][2]string{
	{"Chen Jie", "陈杰"}, {"Li Na", "李娜"}, {"Wang Lei", "王磊"}, {"Zhao Min", "赵敏"},
	{"Liu Yang", "刘洋"}, {"Zhou Ting", "周婷"}, {"Wu Hao", "吴昊"}, {"Xu Jing", "徐静"},
	{"Sun Wei", "孙伟"}, {"Ma Lin", "马琳"}, {"Hu Bo", "胡波"}, {"Guo Xin", "郭欣"},
	{"He Yun", "何芸"}, {"Lin Tao", "林涛"}, {"Luo Qing", "罗青"}, {"Gao Fei", "高飞"},
	{"Zheng Hui", "郑辉"}, {"Liang Yu", "梁宇"}, {"Song Jia", "宋佳"}, {"Tang Kai", "唐凯"},
}

// newYear generates the year from seed, with n reps.
func newYear(seed uint64, n int) *year {
	rng := rand.New(rand.NewPCG(seed, 0x5a1e5))
	loc := time.FixedZone("CST", 8*3600)
	y := &year{
		seed: seed,
		loc:  loc,
		jan1: time.Date(2025, 1, 1, 0, 0, 0, 0, loc),
		asOf: time.Date(2025, 7, 1, 9, 0, 0, 0, loc),
		teams: []team{
			{"east", "East (Shanghai)", "华东（上海）"},
			{"north", "North (Beijing)", "华北（北京）"},
			{"south", "South (Shenzhen)", "华南（深圳）"},
		},
	}
	for i := range n {
		r := rep{team: i % len(y.teams), skill: 0.9 + 0.2*rng.Float64(),
			lastYear: decimal.NewFromInt(int64(400+rng.IntN(800)) * 1000)}
		if i < len(names) {
			r.en, r.zh = names[i][0], names[i][1]
		} else {
			r.en, r.zh = fmt.Sprintf("Rep %d", i+1), fmt.Sprintf("销售 %d", i+1)
		}
		r.id = fmt.Sprintf("r%02d", i+1)
		y.reps = append(y.reps, r)
	}

	// Three years of monthly bookings: 6,400,000, 7,200,000 and 8,000,000,
	// spread over the months by the business's season (a slow February, a
	// strong December), each month give or take 6%.
	season := []int64{7, 5, 8, 8, 8, 9, 8, 8, 9, 8, 9, 13} // percent of the year
	for _, total := range []int64{6_400_000, 7_200_000, 8_000_000} {
		for _, share := range season {
			noise := 0.94 + 0.12*rng.Float64()
			y.history = append(y.history, decimal.NewFromInt(int64(float64(total*share/100)*noise/100)*100))
		}
	}

	// The market brings 500 opportunities from October to June, however
	// many reps share them. Each moves along the B2B path with a chance per
	// step that its owner's skill scales; one that does not move on is lost,
	// or stalls where it is.
	path := []string{"lead", "qualified", "proposal", "negotiation", "won"}
	advance := []float64{0.45, 0.55, 0.62, 0.75} // few leads qualify this year
	sources := []string{"web", "referral", "event", "outbound"}
	start := time.Date(2024, 10, 1, 9, 0, 0, 0, loc) // the pipeline the year starts with is in the data
	var weights []int64                              // reps get leads in proportion to last year's sales
	var sum int64
	for _, r := range y.reps {
		sum += r.lastYear.IntPart()
		weights = append(weights, sum)
	}
	for k := range 500 {
		pick := rng.Int64N(sum)
		i := 0
		for weights[i] <= pick {
			i++
		}
		owner := &y.reps[i]
		u := rng.Float64()
		d := deal{
			id:     fmt.Sprintf("OPP-%05d", 10001+k),
			owner:  owner.id,
			source: sources[rng.IntN(len(sources))],
			amount: decimal.NewFromInt(int64(300+int(2000*u*u)) * 100),
		}
		t := start.Add(time.Duration(rng.IntN(272*24)) * time.Hour).Add(time.Duration(rng.IntN(60)) * time.Minute)
		record := func(stage string) {
			if t.Before(y.asOf) {
				d.changes = append(d.changes, change{stage, t})
				if stage != "on_hold" {
					d.stage = stage
				}
			}
		}
		record("lead")
		if rng.IntN(40) == 0 {
			record("lead") // exported twice
		}
		for p := 0; p < len(advance); p++ {
			t = t.Add(time.Duration(72+rng.IntN(18*24)) * time.Hour)
			if rng.Float64() >= min(advance[p]*owner.skill, 0.95) {
				if rng.IntN(3) > 0 {
					record("lost")
					if rng.IntN(15) == 0 { // the customer came back
						t = t.Add(96 * time.Hour)
						record(path[p])
						continue
					}
				}
				break
			}
			next := p + 1
			if next < 3 && rng.IntN(12) == 0 {
				next++ // a stage skipped
			}
			if p > 0 && rng.IntN(10) == 0 { // back a stage, then on
				record(path[p-1])
				t = t.Add(48 * time.Hour)
			}
			if rng.IntN(50) == 0 {
				record("on_hold") // a status the funnel does not know
			}
			record(path[next])
			p = next - 1
		}
		switch d.stage {
		case "won":
			d.won = d.changes[len(d.changes)-1].at
		case "lost":
		default:
			// The owner expects the deal to close a few weeks per stage
			// still to go after its last move, and never in the past.
			last := d.changes[len(d.changes)-1].at
			togo := len(path) - 1 - stageIndex(path, d.stage)
			d.closing = last.AddDate(0, 0, 12*togo+rng.IntN(40))
			if d.closing.Before(y.asOf) {
				d.closing = y.asOf.AddDate(0, 0, 7+rng.IntN(50))
			}
		}
		y.deals = append(y.deals, d)
	}
	return y
}

// stageIndex returns the index of stage in path, or 0.
func stageIndex(path []string, stage string) int {
	for i, s := range path {
		if s == stage {
			return i
		}
	}
	return 0
}

// rep returns the rep with the given id.
func (y *year) rep(id string) *rep {
	for i := range y.reps {
		if y.reps[i].id == id {
			return &y.reps[i]
		}
	}
	return nil
}

// name is the rep's display name in the report's language.
func (p *printer) name(r *rep) string { return p.tr(r.en, r.zh) }

// wonThisYear reports whether d was won in 2025, by asOf.
func (y *year) wonThisYear(d *deal) bool { return !d.won.IsZero() && !d.won.Before(y.jan1) }
