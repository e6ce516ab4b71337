package incentive

import (
	"errors"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Comparison is what a change did to a set of statements: per rep and
// period, the payout before and after and the lines that moved, so a
// sales-ops team can see who gains, who loses, by how much and why before
// rolling a plan change out. Reps are ordered by Delta, largest gain
// first, then by rep ID and period; Before, After and Delta are the totals
// over all of them.
type Comparison struct {
	Reps    []PayoutChange  `json:"reps,omitempty"`
	Before  decimal.Decimal `json:"before"`
	After   decimal.Decimal `json:"after"`
	Delta   decimal.Decimal `json:"delta"`
	Gainers int             `json:"gainers"`
	Losers  int             `json:"losers"`
}

// PayoutChange is one rep's statement for one period, before and after a
// change. Lines lists the line groups whose amounts moved.
type PayoutChange struct {
	Rep    string          `json:"rep"`
	Period Period          `json:"period"`
	Before decimal.Decimal `json:"before"`
	After  decimal.Decimal `json:"after"`
	Delta  decimal.Decimal `json:"delta"`
	Lines  []LineChange    `json:"lines,omitempty"`
}

// LineChange is a group of lines — one kind, component, deal and key
// (a scorecard measure, a team member) — whose total moved: Before and
// After are its totals, and BeforeLines and AfterLines the lines
// themselves, each with its explanation, which say why.
type LineChange struct {
	Kind        LineKind        `json:"kind,omitempty"`
	Component   string          `json:"component,omitempty"`
	Deal        string          `json:"deal,omitempty"`
	Key         string          `json:"key,omitempty"`
	Before      decimal.Decimal `json:"before"`
	After       decimal.Decimal `json:"after"`
	Delta       decimal.Decimal `json:"delta"`
	BeforeLines []Line          `json:"before_lines,omitempty"`
	AfterLines  []Line          `json:"after_lines,omitempty"`
}

// WhatIf computes the period containing day under base and under changed,
// from the same transactions and options, and compares the statements. It
// returns Compute's errors, from either plan.
func WhatIf(base, changed *Definition, day Date, txs []Transaction, opts *ComputeOptions) (Comparison, error) {
	before, err := Compute(base, day, txs, opts)
	if err != nil {
		return Comparison{}, err
	}
	after, err := Compute(changed, day, txs, opts)
	if err != nil {
		return Comparison{}, err
	}
	return Compare(before, after)
}

// Compare diffs two sets of statements, matching them by rep and period; a
// statement on one side only compares with nothing (a payout of zero).
// Reps whose payout and lines are unchanged are left out. A statement with
// an amount no statement holds (10^15 or more, more than 24 decimal
// places) is a *FieldError wrapping ErrRange.
func Compare(before, after []Statement) (Comparison, error) {
	for _, side := range []struct {
		name  string
		stmts []Statement
	}{{"before", before}, {"after", after}} {
		for i, s := range side.stmts {
			if err := s.sane(); err != nil {
				var fe *FieldError
				errors.As(err, &fe)
				fe.Field = at(side.name, i) + "." + fe.Field
				return Comparison{}, fe
			}
		}
	}
	type key struct {
		rep    string
		period Period
	}
	var keys []key
	b, a := map[key]*Statement{}, map[key]*Statement{}
	for _, side := range []struct {
		stmts []Statement
		m     map[key]*Statement
	}{{before, b}, {after, a}} {
		for i := range side.stmts {
			s := &side.stmts[i]
			k := key{s.Rep, s.Period}
			if _, seen := b[k]; !seen {
				if _, seen := a[k]; !seen {
					keys = append(keys, k)
				}
			}
			side.m[k] = s
		}
	}
	var c Comparison
	var tb, ta total
	for _, k := range keys {
		pc := PayoutChange{Rep: k.rep, Period: k.period}
		if s := b[k]; s != nil {
			pc.Before = s.Payout
		}
		if s := a[k]; s != nil {
			pc.After = s.Payout
		}
		tb.add(pc.Before)
		ta.add(pc.After)
		pc.Delta = sub(pc.After, pc.Before)
		pc.Lines = lineChanges(b[k], a[k])
		if pc.Delta.IsZero() && len(pc.Lines) == 0 {
			continue
		}
		switch pc.Delta.Sign() {
		case 1:
			c.Gainers++
		case -1:
			c.Losers++
		}
		c.Reps = append(c.Reps, pc)
	}
	sortChanges(c.Reps)
	c.Before, c.After = tb.value(), ta.value()
	c.Delta = sub(c.After, c.Before)
	return c, nil
}

func sortChanges(cs []PayoutChange) {
	slices.SortFunc(cs, func(x, y PayoutChange) int {
		if c := y.Delta.Cmp(x.Delta); c != 0 {
			return c
		}
		if c := strings.Compare(x.Rep, y.Rep); c != 0 {
			return c
		}
		return x.Period.Start.Compare(y.Period.Start)
	})
}

// lineChanges returns the line groups whose totals differ between two
// statements, in the order they first appear (before's lines first).
func lineChanges(before, after *Statement) []LineChange {
	type key struct {
		kind                 LineKind
		component, deal, key string
	}
	var order []key
	groups := map[key]*LineChange{}
	for side, s := range []*Statement{before, after} {
		if s == nil {
			continue
		}
		for _, ls := range [][]Line{s.Lines, s.Adjustments} {
			for _, l := range ls {
				k := key{l.Kind, l.Component, l.Deal, l.Key}
				g := groups[k]
				if g == nil {
					g = &LineChange{Kind: l.Kind, Component: l.Component, Deal: l.Deal, Key: l.Key}
					groups[k] = g
					order = append(order, k)
				}
				if side == 0 {
					g.Before = add(g.Before, l.Amount)
					g.BeforeLines = append(g.BeforeLines, l)
				} else {
					g.After = add(g.After, l.Amount)
					g.AfterLines = append(g.AfterLines, l)
				}
			}
		}
	}
	var out []LineChange
	for _, k := range order {
		g := groups[k]
		g.Delta = sub(g.After, g.Before)
		if !g.Delta.IsZero() {
			out = append(out, *g)
		}
	}
	return out
}
