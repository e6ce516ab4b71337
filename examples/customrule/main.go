// Command customrule shows a commission rule of one's own in package
// incentive: a new-logo bonus that doubles in the first month of a
// quarter, written in Go (newlogo.go), registered under a type name,
// decoded from the plan's JSON (plan.json), paid beside a built-in tiered
// component, explained on the statements, clawed back with the rest when
// a deal is cancelled, and checked against the Rule contract by
// incentivetest in main_test.go.
//
// Run it with:
//
//	go run ./examples/customrule
package main

import (
	_ "embed"
	"fmt"
	"github.com/saleskit/saleskit/examples/internal/console"
	"io"
	"os"
	"strings"

	"github.com/saleskit/saleskit/incentive"
	"github.com/shopspring/decimal"
)

//go:embed plan.json
var planJSON []byte

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "customrule:", err)
		os.Exit(1)
	}
}

// transactions are the deals of January and February as the CRM has them
// at the end of February: ben's B3 was cancelled on 14 February, and
// ana's A2 was corrected from 30,000 to 32,000 after January was locked.
func transactions(corrected bool) []incentive.Transaction {
	d := decimal.RequireFromString
	day := incentive.MustDate
	a2 := "30000"
	if corrected {
		a2 = "32000"
	}
	return []incentive.Transaction{
		{ID: "A1", Rep: "ana", Amount: d("40000"), Kind: incentive.New, Booked: day("2025-01-08")},
		{ID: "A2", Rep: "ana", Amount: d(a2), Kind: incentive.Renewal, Booked: day("2025-01-20")},
		{ID: "A3", Rep: "ana", Amount: d("15000"), Kind: incentive.New, Booked: day("2025-02-10")},
		{ID: "B1", Amount: d("20000"), Kind: incentive.New, Booked: day("2025-01-12"),
			Splits: []incentive.Split{{Rep: "ben", Share: d("0.5")}, {Rep: "chen", Share: d("0.5")}}},
		{ID: "B3", Rep: "ben", Amount: d("10000"), Kind: incentive.New, Booked: day("2025-01-25"), Cancelled: day("2025-02-14")},
		{ID: "C1", Rep: "chen", Amount: d("12000"), Kind: incentive.New, Booked: day("2025-01-28")},
		{ID: "C2", Rep: "chen", Amount: d("36000"), Booked: day("2025-02-20")},
	}
}

// run prints the plan, January's statements, and February's with January
// locked, then February's ranking.
func run(w io.Writer) error {
	reg := incentive.NewRegistry()
	if err := reg.Register("new_logo_bonus", newNewLogoBonus); err != nil {
		return err
	}
	def, err := incentive.DecodePlan(planJSON, reg)
	if err != nil {
		return err
	}
	plan := def.Plan()
	fmt.Fprintf(w, "%s / %s: components", plan.Label("en"), plan.Label("zh-CN"))
	for _, c := range plan.Components {
		fmt.Fprintf(w, " %s (%s)", c.Label("en"), c.Type)
	}
	fmt.Fprintln(w)

	// January closes on time, before anyone knew of B3's cancellation or
	// A2's correction: its statements are locked as they are.
	jan, err := incentive.Compute(def, incentive.MustDate("2025-01-01"), transactions(false), nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\n== January 2025")
	for _, s := range jan {
		printStatement(w, s, "en")
	}

	feb, err := incentive.Compute(def, incentive.MustDate("2025-02-01"), transactions(true),
		&incentive.ComputeOptions{Locked: jan})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\n== February 2025 (January locked)")
	for i, s := range feb {
		lang := "en"
		if i == len(feb)-1 {
			lang = "zh-CN"
		}
		printStatement(w, s, lang)
	}

	r, err := incentive.Rank(feb, incentive.ByPayout)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\n== February ranking by payout")
	for _, st := range r.Standings {
		fmt.Fprintf(w, "%d. %-5s %10s\n", st.Rank, st.Rep, st.Value.StringFixed(2))
	}
	fmt.Fprintf(w, "champions: %s\n", strings.Join(r.Champions, ", "))
	return nil
}

func printStatement(w io.Writer, s incentive.Statement, lang string) {
	fmt.Fprintf(w, "%s %s, quota %s\n", s.Rep, s.Period, s.Quota.Effective.StringFixed(2))
	for _, l := range s.Lines {
		fmt.Fprintf(w, "  %-4s %10s  %s\n", l.Deal, l.Amount.StringFixed(2), explain(l, lang))
	}
	for _, l := range s.Adjustments {
		fmt.Fprintf(w, "  %-4s %10s  %s\n", l.Deal, l.Amount.StringFixed(2), explain(l, lang))
	}
	fmt.Fprintf(w, "  payout %8s\n", s.Payout.StringFixed(2))
}

// explain returns a line's sentence in lang. The package words its own
// codes; this program words the code its rule made, from the values the
// line's Reason cites.
func explain(l incentive.Line, lang string) string {
	r := l.Reason()
	if r.Code != CodeNewLogoDoubled {
		return r.Text(lang)
	}
	bonus, share, amount := console.Money(r.Amounts["rate"]), r.Amounts["basis"].Shift(2).String()+"%", console.Money(r.Amounts["amount"])
	if incentive.Labels(map[string]string{"en": "en", "zh-CN": "zh"}).Get(lang) == "zh" {
		return fmt.Sprintf("%s：季度首月新客户，奖金翻倍 %s × 分成 %s = %s", r.Texts["component"], bonus, share, amount)
	}
	return fmt.Sprintf("%s: a new customer in the first month of the quarter, doubled to %s × share %s = %s",
		r.Texts["component"], bonus, share, amount)
}
