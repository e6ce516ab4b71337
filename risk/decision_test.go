package risk_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/risk"
)

// bidTree is a bid/no-bid decision worked by hand:
//
//	bid alone:        preparing the bid costs 50,000; win 40% of 500,000
//	                  → 0.4 × 500,000 − 50,000 = 150,000
//	bid with partner: costs 20,000; win 55% of a shared 300,000, and if
//	                  won the partner may (30%) claim a further 60,000
//	                  → win: 0.3 × 240,000 + 0.7 × 300,000 = 282,000;
//	                  0.55 × 282,000 − 20,000 = 135,100
//	no bid:           0
//
// The best option is to bid alone, 150,000, ahead of the partner bid.
func bidTree() risk.Node {
	return risk.Node{Name: "bid?", Kind: risk.Decision, Children: []risk.Node{
		{Name: "bid alone", Kind: risk.Chance, Cost: money(50_000), Children: []risk.Node{
			{Name: "win", Kind: risk.End, Probability: dec("0.4"), Payoff: money(500_000)},
			{Name: "lose", Kind: risk.End, Probability: dec("0.6")},
		}},
		{Name: "bid with partner", Kind: risk.Chance, Cost: money(20_000), Children: []risk.Node{
			{Name: "win", Kind: risk.Chance, Probability: dec("0.55"), Children: []risk.Node{
				{Name: "partner claims more", Kind: risk.End, Probability: dec("0.3"), Payoff: money(240_000)},
				{Name: "as agreed", Kind: risk.End, Probability: dec("0.7"), Payoff: money(300_000)},
			}},
			{Name: "lose", Kind: risk.End, Probability: dec("0.45")},
		}},
		{Name: "no bid", Kind: risk.End},
	}}
}

func TestDecideBidNoBid(t *testing.T) {
	v, err := risk.Decide(bidTree())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what      string
		got, want string
	}{
		{"EMV", v.EMV.String(), "150000"},
		{"bid alone", v.Children[0].EMV.String(), "150000"},
		{"partner win", v.Children[1].Children[0].EMV.String(), "282000"},
		{"bid with partner", v.Children[1].EMV.String(), "135100"},
		{"no bid", v.Children[2].EMV.String(), "0"},
	} {
		if !same(c.got, c.want) {
			t.Errorf("%s = %s, want %s", c.what, c.got, c.want)
		}
	}
	if v.Choice != 0 || v.Children[1].Choice != -1 {
		t.Errorf("Choice = %d (partner %d), want 0 (-1)", v.Choice, v.Children[1].Choice)
	}
	if diff := cmp.Diff([]string{"bid alone"}, v.Path()); diff != "" {
		t.Errorf("Path differs (-want +got):\n%s", diff)
	}
	want := "choose bid alone: EMV 150,000, ahead of bid with partner at 135,100"
	if got := v.Reason().String(); got != want {
		t.Errorf("Reason = %q, want %q", got, want)
	}
	// Ties go to the first option; a lone option says so.
	tie, _ := risk.Decide(risk.Node{Kind: risk.Decision, Children: []risk.Node{{Name: "a", Kind: risk.End}, {Name: "b", Kind: risk.End}}})
	if tie.Choice != 0 {
		t.Errorf("tie: Choice = %d, want 0", tie.Choice)
	}
	lone, _ := risk.Decide(risk.Node{Kind: risk.Decision, Children: []risk.Node{{Name: "go", Kind: risk.End, Payoff: money(7)}}})
	if got := lone.Reason().String(); got != "choose go, the only option: EMV 7" {
		t.Errorf("lone Reason = %q", got)
	}
	// A tree is data: it round-trips through JSON.
	data, _ := json.Marshal(bidTree())
	var back risk.Node
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(bidTree(), back, decimalEqual); diff != "" {
		t.Errorf("tree after a JSON round trip differs (-want +got):\n%s", diff)
	}
}

func TestDecideErrors(t *testing.T) {
	cases := []struct {
		name  string
		tree  func() risk.Node
		field string
		err   error
	}{
		{"no kind", func() risk.Node { n := bidTree(); n.Children[2].Kind = 0; return n }, "children[2].kind", risk.ErrTree},
		{"probabilities short of 1", func() risk.Node { n := bidTree(); n.Children[0].Children[1].Probability = dec("0.5"); return n }, "children[0].children", risk.ErrTree},
		{"probability above 1", func() risk.Node { n := bidTree(); n.Children[0].Children[0].Probability = dec("1.4"); return n }, "children[0].children[0].probability", risk.ErrTree},
		{"probability on a decision's option", func() risk.Node { n := bidTree(); n.Children[2].Probability = dec("0.5"); return n }, "children[2].probability", risk.ErrTree},
		{"end with children", func() risk.Node { n := bidTree(); n.Children[2].Children = []risk.Node{{Kind: risk.End}}; return n }, "children[2].children", risk.ErrTree},
		{"chance without children", func() risk.Node { n := bidTree(); n.Children[0].Children = nil; return n }, "children[0].children", risk.ErrTree},
		{"payoff on a decision", func() risk.Node { n := bidTree(); n.Payoff = money(1); return n }, "payoff", risk.ErrTree},
		{"huge cost", func() risk.Node { n := bidTree(); n.Children[1].Cost = dec("1e99"); return n }, "children[1].cost", risk.ErrRange},
		{"too deep", func() risk.Node {
			n := risk.Node{Kind: risk.End}
			for range risk.MaxDepth + 1 {
				n = risk.Node{Kind: risk.Decision, Children: []risk.Node{n}}
			}
			return n
		}, "", risk.ErrRange},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := risk.Decide(c.tree())
			if err == nil {
				t.Fatal("Decide = nil error")
			}
			clearError(t, err)
			if c.field == "" {
				if !errors.Is(err, c.err) {
					t.Fatalf("Decide: %v, want %v", err, c.err)
				}
				return
			}
			if fe := fieldErrors(err)[c.field]; fe == nil || !errors.Is(fe, c.err) {
				t.Fatalf("Decide: %v; want an error on %s wrapping %v", err, c.field, c.err)
			}
		})
	}
}
