package risk

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/shopspring/decimal"
)

// Tree limits: [Decide] refuses a tree deeper than MaxDepth or with more
// than MaxNodes nodes, as [ErrRange].
const (
	MaxDepth = 32
	MaxNodes = 10_000
)

// Node is a node of a decision tree: a decision between options, a chance
// event with outcomes, or an end with its payoff. A tree is its root node;
// it is plain data and round-trips through JSON.
//
// Cost is an investment paid on taking the branch to the node (the cost of
// preparing a bid, of a response); Probability, on a child of a chance
// node, is the chance of that outcome; Payoff is an end node's value. The
// zero Node has no kind, and Decide refuses it.
type Node struct {
	Name        string          `json:"name,omitempty"`
	Kind        NodeKind        `json:"kind,omitempty"`
	Probability decimal.Decimal `json:"probability,omitzero"`
	Cost        decimal.Decimal `json:"cost,omitzero"`
	Payoff      decimal.Decimal `json:"payoff,omitzero"`
	Children    []Node          `json:"children,omitempty"`
}

// NodeKind is the kind of a decision-tree node. The zero NodeKind is
// invalid.
type NodeKind int

// The node kinds.
const (
	_ NodeKind = iota
	// Decision chooses the child with the best expected monetary value.
	Decision
	// Chance averages its children, weighted by their probabilities,
	// which add up to exactly 1.
	Chance
	// End is a leaf: its value is its payoff.
	End
)

var nodeKindNames = enumNames{"", "decision", "chance", "end"}

// String returns the wire name of k, or "NodeKind(n)".
func (k NodeKind) String() string { return nodeKindNames.str("NodeKind", int(k)) }

// MarshalText encodes k as its name; the zero NodeKind is a *FieldError
// wrapping ErrUnknownName.
func (k NodeKind) MarshalText() ([]byte, error) {
	return nodeKindNames.text("kind", "NodeKind", int(k))
}

// UnmarshalText decodes a name.
func (k *NodeKind) UnmarshalText(b []byte) error {
	v, err := nodeKindNames.parse("kind", b)
	if err != nil {
		return err
	}
	*k = NodeKind(v)
	return nil
}

// Valuation is a decision tree rolled back: every node's expected monetary
// value and every decision's choice, in the shape of the tree.
//
// An end node is worth Payoff − Cost; a chance node Σ Probability × worth
// of its children − Cost; a decision node the best worth of its children −
// Cost, Choice naming that child (the first of equals). Every EMV is exact.
// Choice is −1 on chance and end nodes.
type Valuation struct {
	Name     string          `json:"name,omitempty"`
	Kind     NodeKind        `json:"kind,omitempty"`
	EMV      decimal.Decimal `json:"emv"`
	Choice   int             `json:"choice"`
	Children []Valuation     `json:"children,omitempty"`
}

// Decide rolls back the tree rooted at root and returns its valuation: at
// each decision node, the option with the best expected monetary value.
//
// A malformed tree is an error joining a [*FieldError] for every problem,
// each naming the node by its path (children[1].children[0].probability):
// a node of no kind, a decision or chance node without children, an end
// node with children, a probability outside [0, 1] or on a node that is
// not an outcome of a chance node, a chance node whose probabilities do not
// add up to exactly 1 ([ErrTree]); a decimal beyond [MaxDigits], a tree
// deeper than [MaxDepth] or larger than [MaxNodes] ([ErrRange]).
func Decide(root Node) (Valuation, error) {
	nodes := 0
	c := &checker{}
	checkNode(c, &root, "", 0, false, &nodes)
	if len(c.errs) > 0 {
		return Valuation{}, c.err()
	}
	return rollBack(&root), nil
}

// checkNode checks n and its subtree; outcome says n is a child of a
// chance node.
func checkNode(c *checker, n *Node, path string, depth int, outcome bool, nodes *int) {
	at := func(f string) string {
		if path == "" {
			return f
		}
		return path + "." + f
	}
	if *nodes++; *nodes > MaxNodes {
		if *nodes == MaxNodes+1 {
			c.fail(at("children"), "", ErrRange, "more than %d nodes", MaxNodes)
		}
		return
	}
	if depth > MaxDepth {
		c.fail(at("children"), "", ErrRange, "deeper than %d levels", MaxDepth)
		return
	}
	decimals := true
	for _, d := range []struct {
		name string
		v    decimal.Decimal
	}{{"probability", n.Probability}, {"cost", n.Cost}, {"payoff", n.Payoff}} {
		if !c.decimal(at(d.name), "", d.v) {
			decimals = false
		}
	}
	switch {
	case !decimals:
	case outcome && (n.Probability.Sign() < 0 || n.Probability.Cmp(one) > 0):
		c.fail(at("probability"), n.Probability.String(), ErrTree, "a probability lies within [0, 1]")
	case !outcome && !n.Probability.IsZero():
		c.fail(at("probability"), n.Probability.String(), ErrTree, "only an outcome of a chance node has a probability")
	}
	switch n.Kind {
	case Decision, Chance:
		if len(n.Children) == 0 {
			c.fail(at("children"), "", ErrTree, "a %s node needs children", n.Kind)
		}
		if !n.Payoff.IsZero() && decimals {
			c.fail(at("payoff"), n.Payoff.String(), ErrTree, "only an end node has a payoff")
		}
	case End:
		if len(n.Children) > 0 {
			c.fail(at("children"), strconv.Itoa(len(n.Children))+" children", ErrTree, "an end node has no children")
		}
	default:
		c.fail(at("kind"), n.Kind.String(), ErrTree, "a node is a decision, a chance or an end")
	}
	sum, sums := zero, n.Kind == Chance
	for k := range n.Children {
		child := &n.Children[k]
		checkNode(c, child, at("children["+strconv.Itoa(k)+"]"), depth+1, n.Kind == Chance, nodes)
		if sums && checkDecimal("", child.Probability) == nil {
			sum = sum.Add(child.Probability)
		} else {
			sums = false
		}
	}
	if sums && len(n.Children) > 0 && !sum.Equal(one) {
		c.fail(at("children"), sum.String(), ErrTree, "a chance node's probabilities add up to 1")
	}
}

// rollBack values a checked tree.
func rollBack(n *Node) Valuation {
	v := Valuation{Name: n.Name, Kind: n.Kind, Choice: -1}
	switch n.Kind {
	case End:
		v.EMV = n.Payoff
	case Chance:
		v.Children = make([]Valuation, len(n.Children))
		v.EMV = zero
		for k := range n.Children {
			v.Children[k] = rollBack(&n.Children[k])
			v.EMV = v.EMV.Add(n.Children[k].Probability.Mul(v.Children[k].EMV))
		}
	case Decision:
		v.Children = make([]Valuation, len(n.Children))
		for k := range n.Children {
			v.Children[k] = rollBack(&n.Children[k])
			if v.Choice < 0 || v.Children[k].EMV.Cmp(v.EMV) > 0 {
				v.Choice, v.EMV = k, v.Children[k].EMV
			}
		}
	}
	if !n.Cost.IsZero() {
		v.EMV = v.EMV.Sub(n.Cost)
	}
	return v
}

// Equal reports whether v and w are the same valuation, comparing EMVs by
// value.
func (v Valuation) Equal(w Valuation) bool {
	return v.Name == w.Name && v.Kind == w.Kind && v.EMV.Equal(w.EMV) && v.Choice == w.Choice &&
		slices.EqualFunc(v.Children, w.Children, Valuation.Equal)
}

// Path returns the names of the options chosen from v down through
// consecutive decisions: ["bid"] for a bid/no-bid tree whose best option is
// to bid, ["bid", "partner"] when the bid leads to a second decision. It
// stops at the first chance or end node.
func (v Valuation) Path() []string {
	var path []string
	for v.Kind == Decision && v.Choice >= 0 && v.Choice < len(v.Children) {
		v = v.Children[v.Choice]
		path = append(path, v.Name)
	}
	return path
}

// Reason explains v's choice in one line: [CodeDecision] citing the
// choice and its EMV and the runner-up and its EMV, or [CodeOnlyOption].
// A chance or end node's reason has no code.
func (v Valuation) Reason() Reason {
	if v.Kind != Decision || v.Choice < 0 || v.Choice >= len(v.Children) {
		return Reason{}
	}
	best := v.Children[v.Choice]
	next := -1
	for k, c := range v.Children {
		if k != v.Choice && (next < 0 || c.EMV.Cmp(v.Children[next].EMV) > 0) {
			next = k
		}
	}
	if next < 0 {
		return Reason{Code: CodeOnlyOption, Amounts: map[string]decimal.Decimal{"emv": best.EMV}, Texts: map[string]string{"choice": best.Name}}
	}
	return Reason{
		Code:    CodeDecision,
		Amounts: map[string]decimal.Decimal{"emv": best.EMV, "runner_up_emv": v.Children[next].EMV},
		Texts:   map[string]string{"choice": best.Name, "runner_up": v.Children[next].Name},
	}
}

// MarshalJSON encodes v with the reason of each decision node under the
// key "reason" (chance and end nodes have none, and no key). Reasons are
// worked out from the other fields, not stored.
func (v Valuation) MarshalJSON() ([]byte, error) {
	type plain Valuation
	return json.Marshal(struct {
		plain
		reasoned
	}{plain(v), reasoned{v.Reason()}})
}
