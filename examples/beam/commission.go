package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/saleskit/saleskit/incentive"
)

func init() {
	register.DoFn2x1[string, func(string, string), error](&creditFn{})
	register.Emitter2[string, string]()
	register.DoFn3x1[string, func(*string) bool, func(string), error](&statementFn{})
	register.Iter1[string]()
	register.DoFn3x1[int, func(*string) bool, func(string), error](&rankFn{})
}

// commissionConfig is what the commission pipeline reads, and how.
type commissionConfig struct {
	Transactions string // a file of incentive.Transaction JSON, one a line
	Plan         string // the plan's JSON (incentive.DecodePlan; built-in rule types only)
	Day          string // a date in the period to compute, "2025-04-01"
	By           incentive.RankBy
	Batch        int   // lines an element carries
	Chunk        int64 // bytes of the file a worker reads at a time
}

// commissionPipeline adds to s the stages that compute the statements of
// the period containing cfg.Day from the transactions, and the period's
// ranking, and returns their JSON (see commissionJSON), one element:
//
//	file ─Split─▶ chunks ─Reshuffle, Read─▶ batches of lines ─Credit─▶ (rep, transaction) for
//	  every rep it credits ─GroupByKey─▶ (rep, its transactions)
//	  ─Statement─▶ the rep's statement ─one group─▶ statements and ranking
//
// A rep's statement depends only on the transactions that credit the rep:
// directly, as a split or overlay rep, or, under Crediting.RollUp, as a
// manager up the chain of a credited rep. incentive.Credits says which
// those are, so each transaction is sent to every rep it credits, and
// each rep's statement is computed by incentive.Compute from its own
// transactions, under the plan restricted to the reps those transactions
// name and their managers. That is exact: the statement equals the one a
// single Compute over every transaction gives, byte for byte. Keying by
// the connected group of reps a transaction links would be exact too, but
// under roll-up every rep of an organisation is in one group, and one
// worker would compute everything. The ranking needs every statement: the
// last stage gathers them (one statement a rep, a small collection), adds
// those of reps without transactions, and ranks them.
func commissionPipeline(s beam.Scope, cfg commissionConfig) beam.PCollection {
	s = s.Scope("commission")
	batches := readLines(s, cfg.Transactions, cfg.Chunk, cfg.Batch)
	credited := beam.ParDo(s, &creditFn{Plan: cfg.Plan}, batches)
	byRep := beam.GroupByKey(s, credited)
	stmts := beam.ParDo(s, &statementFn{Plan: cfg.Plan, Day: cfg.Day}, byRep)
	all := beam.GroupByKey(s, beam.AddFixedKey(s, stmts))
	return beam.ParDo(s, &rankFn{Plan: cfg.Plan, Day: cfg.Day, By: cfg.By}, all)
}

// creditFn sends each transaction of a batch of lines to every rep it
// credits.
type creditFn struct {
	Plan string `json:"plan"`
	def  *incentive.Definition
}

func (f *creditFn) Setup() (err error) {
	f.def, err = incentive.DecodePlan([]byte(f.Plan), nil)
	return err
}

func (f *creditFn) ProcessElement(batch string, emit func(string, string)) error {
	var lines []string
	var txs []incentive.Transaction
	for line := range strings.Lines(batch) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			continue
		}
		var tx incentive.Transaction
		if err := json.Unmarshal([]byte(line), &tx); err != nil {
			return fmt.Errorf("transaction %q: %w", line, err)
		}
		lines, txs = append(lines, line), append(txs, tx)
	}
	credits, err := incentive.Credits(f.def, txs)
	if err != nil {
		return err
	}
	reps := make(map[string][]string, len(txs)) // deal → reps credited
	for _, c := range credits {
		if r := reps[c.Deal]; !slices.Contains(r, c.Rep) {
			reps[c.Deal] = append(r, c.Rep)
		}
	}
	for i, tx := range txs {
		r := reps[tx.ID]
		if len(r) == 0 && tx.Rep != "" {
			r = []string{tx.Rep}
		}
		for _, rep := range r {
			emit(rep, lines[i])
		}
	}
	return nil
}

// statementFn computes one rep's statement from the transactions that
// credit the rep.
type statementFn struct {
	Plan string `json:"plan"`
	Day  string `json:"day"`
	plan incentive.Plan
	day  incentive.Date
}

func (f *statementFn) Setup() error {
	def, err := incentive.DecodePlan([]byte(f.Plan), nil)
	if err != nil {
		return err
	}
	f.plan = def.Plan()
	f.day, err = incentive.ParseDate(f.Day)
	return err
}

func (f *statementFn) ProcessElement(rep string, lines func(*string) bool, emit func(string)) error {
	var txs []incentive.Transaction
	var line string
	for lines(&line) {
		var tx incentive.Transaction
		if err := json.Unmarshal([]byte(line), &tx); err != nil {
			return fmt.Errorf("transaction %q: %w", line, err)
		}
		txs = append(txs, tx)
	}
	def, err := incentive.Build(restrictPlan(f.plan, rep, txs), nil)
	if err != nil {
		return err
	}
	stmts, err := incentive.Compute(def, f.day, txs, nil)
	if err != nil {
		return err
	}
	for _, st := range stmts {
		if st.Rep == rep {
			b, err := json.Marshal(st)
			if err != nil {
				return err
			}
			emit(string(b))
		}
	}
	return nil
}

// restrictPlan returns plan with only the reps that rep and txs name, and
// every manager up their chains, in plan order: what Compute needs for
// rep's statement, without computing one for every rep of the plan.
func restrictPlan(plan incentive.Plan, rep string, txs []incentive.Transaction) incentive.Plan {
	byID := make(map[string]incentive.Rep, len(plan.Reps))
	for _, r := range plan.Reps {
		byID[r.ID] = r
	}
	keep := map[string]bool{}
	var add func(id string)
	add = func(id string) {
		if id == "" || keep[id] {
			return
		}
		if r, ok := byID[id]; ok {
			keep[id] = true
			add(r.Manager)
		}
	}
	add(rep)
	for _, tx := range txs {
		add(tx.Rep)
		for _, sp := range tx.Splits {
			add(sp.Rep)
		}
	}
	p := plan
	p.Reps = nil
	for _, r := range plan.Reps {
		if keep[r.ID] {
			p.Reps = append(p.Reps, r)
		}
	}
	return p
}

// rankFn gathers every statement, adds those of reps without transactions,
// and ranks them.
type rankFn struct {
	Plan string           `json:"plan"`
	Day  string           `json:"day"`
	By   incentive.RankBy `json:"by"`
}

func (f *rankFn) ProcessElement(_ int, stmts func(*string) bool, emit func(string)) error {
	def, err := incentive.DecodePlan([]byte(f.Plan), nil)
	if err != nil {
		return err
	}
	day, err := incentive.ParseDate(f.Day)
	if err != nil {
		return err
	}
	type stmt struct {
		st   incentive.Statement
		json string
	}
	var all []stmt
	seen := map[string]bool{}
	var text string
	for stmts(&text) {
		var st incentive.Statement
		if err := json.Unmarshal([]byte(text), &st); err != nil {
			return err
		}
		all = append(all, stmt{st, text})
		seen[st.Rep] = true
	}
	idle, err := incentive.Compute(def, day, nil, nil)
	if err != nil {
		return err
	}
	for _, st := range idle {
		if !seen[st.Rep] {
			b, err := json.Marshal(st)
			if err != nil {
				return err
			}
			all = append(all, stmt{st, string(b)})
		}
	}
	slices.SortFunc(all, func(a, b stmt) int { return cmp.Compare(a.st.Rep, b.st.Rep) })
	list := make([]incentive.Statement, len(all))
	for i := range all {
		list[i] = all[i].st
	}
	r, err := incentive.Rank(list, f.By)
	if err != nil {
		return err
	}
	ranking, err := json.Marshal(r)
	if err != nil {
		return err
	}
	// The statements' JSON as statementFn wrote it, rather than marshalled
	// again: json.Marshal of the whole (commissionJSON) writes the same
	// bytes, which the tests check, and marshalling 100,000 deals'
	// statements twice takes the pipeline a third longer.
	var b strings.Builder
	b.WriteString(`{"statements":[`)
	for i := range all {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(all[i].json)
	}
	b.WriteString(`],"ranking":`)
	b.Write(ranking)
	b.WriteString("}\n")
	emit(b.String())
	return nil
}

// commissionJSON returns the statements and their ranking by by as JSON,
// as the single-process program writes them.
func commissionJSON(stmts []incentive.Statement, by incentive.RankBy) (string, error) {
	r, err := incentive.Rank(stmts, by)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(struct {
		Statements []incentive.Statement `json:"statements"`
		Ranking    incentive.Ranking     `json:"ranking"`
	}{stmts, r})
	if err != nil {
		return "", err
	}
	return string(b) + "\n", nil
}
