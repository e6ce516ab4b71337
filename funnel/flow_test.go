package funnel_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/funnel"
	"github.com/shopspring/decimal"
)

func TestFlowWorkedExample(t *testing.T) {
	// The worked example plus d5: new on 3 March at 500, raised to 650 on
	// 6 March.
	events := append(worked(), ev("d5", "lead", day(3), 500), ev("d5", "qualified", day(6), 650))
	a := analyze(t, events)
	line := func(n int, amount string) funnel.FlowLine { return funnel.FlowLine{Deals: n, Amount: dec(amount)} }
	tests := []struct {
		entry string
		want  funnel.Flow
	}{
		// From 2 March noon every deal is open in lead: 1000+400+250+300.
		// d2 (400) and d3 (250) are lost; d5 is new at 500 and grows 150.
		// Closing: d1 1000, d4 300, d5 650 = 1950 = 1950 + 500 − 650 + 150.
		{"", funnel.Flow{Entry: "lead", Opening: line(4, "1950"), New: line(1, "500"), Lost: line(2, "650"),
			Changed: line(1, "150"), Closing: line(3, "1950")}},
		// From qualified on, nothing is pipeline at the start; d1, d2, d3
		// and d5 move in (1000 + 400 + 250 + 650), d2 and d3 are lost.
		// Closing: d1 and d5, 1650 = 2300 − 650.
		{"qualified", funnel.Flow{Entry: "qualified", Opening: line(0, "0"), MovedIn: line(4, "2300"),
			Lost: line(2, "650"), Closing: line(2, "1650")}},
	}
	from, to := day(2).Add(3*time.Hour), day(10)
	for _, tt := range tests {
		got, err := a.Flow(from, to, &funnel.FlowOptions{Entry: tt.entry})
		if err != nil {
			t.Fatal(err)
		}
		tt.want.From, tt.want.To = from, to
		zero := funnel.FlowLine{Amount: decimal.Zero}
		for _, l := range []*funnel.FlowLine{&tt.want.New, &tt.want.MovedIn, &tt.want.Won, &tt.want.Lost, &tt.want.PushedOut, &tt.want.Changed} {
			if l.Amount.IsZero() && l.Deals == 0 {
				*l = zero
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Flow(entry %q) (-want +got):\n%s", tt.entry, diff)
		}
	}
	if _, err := a.Flow(to, from, nil); !errors.Is(err, funnel.ErrOption) {
		t.Errorf("Flow backwards = %v, want ErrOption", err)
	}
	if _, err := a.Flow(from, to, &funnel.FlowOptions{Entry: "won"}); !errors.Is(err, funnel.ErrOption) {
		t.Errorf("Flow from won = %v, want ErrOption", err)
	}
	bad := funnel.Flow{Opening: line(1, "10"), Closing: line(1, "11")}
	if err := bad.Check(); !errors.Is(err, funnel.ErrUnreconciled) {
		t.Errorf("Check of a broken flow = %v, want ErrUnreconciled", err)
	}
}

// TestFlowChains checks on messy data that consecutive flows chain: each
// closing is the next opening, whatever the pipeline's entry stage.
func TestFlowChains(t *testing.T) {
	a := analyze(t, genEvents(7, genOptions{Deals: 300, Owners: 3, Messy: true}))
	for _, entry := range []string{"", "qualified", "negotiation"} {
		var prev *funnel.Flow
		for m := range 12 {
			from, to := genStart.AddDate(0, m, 0), genStart.AddDate(0, m+1, 0)
			f, err := a.Flow(from, to, &funnel.FlowOptions{Entry: entry})
			if err != nil {
				t.Fatal(err)
			}
			if prev != nil && !prev.Closing.Equal(f.Opening) {
				t.Errorf("entry %q, month %d: opening %v ≠ previous closing %v", entry, m, f.Opening, prev.Closing)
			}
			prev = &f
		}
	}
}
