package forecast_test

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/forecast"
)

// TestCompare is a worked example of two weekly snapshots of July's
// pipeline:
//
//	A  negotiation 100 → won 100          moved commit → closed
//	B  proposal 80 (Jul) → proposal 80 (Aug)  slipped: out of July best case, into August
//	C  lead 50 → lead 70                  resized in July pipeline by +20
//	D  lost 30 → gone                     removed
//	E  —       → qualified 40             added to July pipeline
//	F  lead 10 (Jul 3) → lead 10 (Jul 30) no change that matters
func TestCompare(t *testing.T) {
	d := forecast.MustDate
	before := []forecast.Deal{
		{ID: "A", Stage: "negotiation", Amount: dec("100"), CloseDate: d("2026-07-10")},
		{ID: "B", Stage: "proposal", Amount: dec("80"), CloseDate: d("2026-07-20")},
		{ID: "C", Stage: "lead", Amount: dec("50"), CloseDate: d("2026-07-05")},
		{ID: "D", Stage: "lost", Amount: dec("30"), CloseDate: d("2026-07-01")},
		{ID: "F", Stage: "lead", Amount: dec("10"), CloseDate: d("2026-07-03")},
	}
	after := []forecast.Deal{
		{ID: "F", Stage: "lead", Amount: dec("10.00"), CloseDate: d("2026-07-30")},
		{ID: "E", Stage: "qualified", Amount: dec("40"), CloseDate: d("2026-07-25")},
		{ID: "C", Stage: "lead", Amount: dec("70"), CloseDate: d("2026-07-05")},
		{ID: "B", Stage: "proposal", Amount: dec("80"), CloseDate: d("2026-08-02")},
		{ID: "A", Stage: "won", Amount: dec("100"), CloseDate: d("2026-07-10")},
	}
	c, err := forecast.Compare(forecast.B2B(), before, after, nil)
	if err != nil {
		t.Fatal(err)
	}
	moves := map[string][]forecast.Movement{}
	var ids []string
	for _, m := range c.Moves {
		moves[m.Deal] = m.Movements
		ids = append(ids, m.Deal)
	}
	want := map[string][]forecast.Movement{
		"A": {forecast.Moved, forecast.Restaged},
		"B": {forecast.Slipped},
		"C": {forecast.Resized},
		"D": {forecast.Removed},
		"E": {forecast.Added},
	}
	if diff := cmp.Diff(want, moves); diff != "" {
		t.Errorf("movements (-want +got):\n%s", diff)
	}
	if !equalStrings(ids, []string{"A", "B", "C", "D", "E"}) {
		t.Errorf("moves in order %v, want by deal id", ids)
	}
	type cell struct {
		month string
		cat   forecast.Category
	}
	bridges := map[cell]forecast.Bridge{}
	for _, b := range c.Bridges {
		if !b.Reconciles() {
			t.Errorf("bridge %v %v does not reconcile: %+v", b.Period, b.Category, b)
		}
		bridges[cell{b.Period.Start.String(), b.Category}] = b
	}
	check := func(month string, cat forecast.Category, field string, got, want string) {
		t.Helper()
		if !dec(got).Equal(dec(want)) {
			t.Errorf("%s %s %s = %s, want %s", month, cat, field, got, want)
		}
	}
	jp := bridges[cell{"2026-07-01", forecast.CategoryPipeline}]
	check("July", forecast.CategoryPipeline, "before", jp.Before.String(), "60")
	check("July", forecast.CategoryPipeline, "added", jp.Added.String(), "40")
	check("July", forecast.CategoryPipeline, "resized", jp.Resized.String(), "20")
	check("July", forecast.CategoryPipeline, "after", jp.After.String(), "120")
	jb := bridges[cell{"2026-07-01", forecast.CategoryBestCase}]
	check("July", forecast.CategoryBestCase, "slipped out", jb.SlippedOut.String(), "80")
	check("July", forecast.CategoryBestCase, "after", jb.After.String(), "0")
	ab := bridges[cell{"2026-08-01", forecast.CategoryBestCase}]
	check("August", forecast.CategoryBestCase, "slipped in", ab.SlippedIn.String(), "80")
	jc := bridges[cell{"2026-07-01", forecast.CategoryCommit}]
	check("July", forecast.CategoryCommit, "moved out", jc.MovedOut.String(), "100")
	jcl := bridges[cell{"2026-07-01", forecast.CategoryClosed}]
	check("July", forecast.CategoryClosed, "moved in", jcl.MovedIn.String(), "100")
	jo := bridges[cell{"2026-07-01", forecast.CategoryOmitted}]
	check("July", forecast.CategoryOmitted, "removed", jo.Removed.String(), "30")
}

// TestCompareBridgesProperty: on random snapshot pairs, every bridge
// reconciles, and its Before and After equal the pipeline report of each
// snapshot for that period and category.
func TestCompareBridgesProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for trial := range 20 {
		before := genDeals(300, uint64(trial))
		var after []forecast.Deal
		stages := forecast.B2B()
		for _, d := range before {
			switch r.IntN(6) {
			case 0: // removed
				continue
			case 1:
				d.Stage = stages[r.IntN(len(stages))].Key
				d.Probability = nil
			case 2:
				d.CloseDate = d.CloseDate.AddDays(r.IntN(90) - 45)
			case 3:
				d.Amount = d.Amount.Add(dec(strconv.Itoa(r.IntN(1000))))
			}
			after = append(after, d)
		}
		for i := range 30 {
			extra := genDeals(1, uint64(1000+trial*31+i))[0]
			extra.ID = "new" + strconv.Itoa(i)
			after = append(after, extra)
		}
		c, err := forecast.Compare(stages, before, after, nil)
		if err != nil {
			t.Fatal(err)
		}
		pb, pa := newPipeline(t, 2, nil), newPipeline(t, 2, nil)
		if err := pb.AddAll(before); err != nil {
			t.Fatal(err)
		}
		if err := pa.AddAll(after); err != nil {
			t.Fatal(err)
		}
		rb, ra := pb.Report(nil), pa.Report(nil)
		for _, b := range c.Bridges {
			if !b.Reconciles() {
				t.Fatalf("bridge %v %v does not reconcile: %+v", b.Period, b.Category, b)
			}
			fb, _ := rb.Period(b.Period.Start)
			fa, _ := ra.Period(b.Period.Start)
			if !fb.Category(b.Category).Amount.Equal(b.Before) && !(b.Before.IsZero() && fb.Categories == nil) {
				t.Fatalf("%v %v before = %s, report says %s", b.Period, b.Category, b.Before, fb.Category(b.Category).Amount)
			}
			if !fa.Category(b.Category).Amount.Equal(b.After) && !(b.After.IsZero() && fa.Categories == nil) {
				t.Fatalf("%v %v after = %s, report says %s", b.Period, b.Category, b.After, fa.Category(b.Category).Amount)
			}
		}
	}
}

// TestCompareErrors: deals without ids, or with one id twice, are refused.
func TestCompareErrors(t *testing.T) {
	d := forecast.Deal{ID: "x", Stage: "lead", Amount: dec("1"), CloseDate: forecast.MustDate("2026-01-01")}
	noID := d
	noID.ID = ""
	_, err := forecast.Compare(forecast.B2B(), []forecast.Deal{d, d}, []forecast.Deal{noID, {ID: "y", Stage: "nope"}}, nil)
	for _, w := range []error{forecast.ErrDuplicate, forecast.ErrOption, forecast.ErrUnknownStage} {
		if !errors.Is(err, w) {
			t.Errorf("Compare = %v, want an error wrapping %v", err, w)
		}
	}
}
