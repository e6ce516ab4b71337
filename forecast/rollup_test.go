package forecast_test

import (
	"errors"
	"testing"

	"github.com/saleskit/saleskit/forecast"
)

func rollupOrg(t *testing.T) *forecast.Org {
	t.Helper()
	org, err := forecast.NewOrg([]forecast.Unit{
		{Key: "vp"},
		{Key: "mgr-east", Manager: "vp"},
		{Key: "ana", Manager: "mgr-east"},
		{Key: "ben", Manager: "mgr-east"},
		{Key: "cara", Manager: "vp"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return org
}

func rollupReport(t *testing.T) forecast.PipelineReport {
	t.Helper()
	p := newPipeline(t, 0, nil)
	jul := forecast.MustDate("2026-07-15")
	for _, d := range []forecast.Deal{
		{Owner: "ana", Stage: "negotiation", Amount: dec("100"), CloseDate: jul},
		{Owner: "ana", Stage: "won", Amount: dec("50"), CloseDate: jul},
		{Owner: "ben", Stage: "negotiation", Amount: dec("40"), CloseDate: jul},
		{Owner: "ben", Stage: "proposal", Amount: dec("30"), CloseDate: jul},
		{Owner: "cara", Stage: "lead", Amount: dec("20"), CloseDate: jul},
		{Owner: "mgr-east", Stage: "negotiation", Amount: dec("10"), CloseDate: jul},
	} {
		if err := p.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	return p.Report(&forecast.ReportOptions{ByOwner: true})
}

// TestRollUp is a worked example: ben calls his commit 60, his manager
// overrides it with 45, the VP overrides the manager's 155 with 150, and
// sets cara's August commit where she has no deals.
//
//	ana       commit 100, closed 50
//	ben       commit 40 computed → 60 (his own) → 45 (mgr-east's)
//	mgr-east  commit 10 own + 100 + 45 = 155 → 150 (vp's); closed 50
//	cara      pipeline 20
//	vp        commit 150 + 0 = 150; pipeline 20; best case 30; closed 50
//	          open pipeline 20 + 30 + 150 = 200, best case 30 + 150 + 50 = 230,
//	          commit 150 + 50 = 200
func TestRollUp(t *testing.T) {
	jul, aug := forecast.MustDate("2026-07-01"), forecast.MustDate("2026-08-20")
	adj := []forecast.Adjustment{
		{Unit: "ben", By: "ben", Period: jul, Category: forecast.CategoryCommit, Amount: dec("60")},
		{Unit: "ben", By: "mgr-east", Period: jul, Category: forecast.CategoryCommit, Amount: dec("45"), Note: "slips to Q4"},
		{Unit: "mgr-east", By: "vp", Period: jul, Category: forecast.CategoryCommit, Amount: dec("150")},
		{Unit: "cara", By: "vp", Period: aug, Category: forecast.CategoryCommit, Amount: dec("25")},
	}
	ru, err := rollupReport(t).RollUp(rollupOrg(t), adj)
	if err != nil {
		t.Fatal(err)
	}
	if len(ru.Periods) != 2 {
		t.Fatalf("%d periods, want July and August", len(ru.Periods))
	}
	july := ru.Periods[0]
	var order []string
	for _, u := range july.Units {
		order = append(order, u.Unit)
	}
	if want := []string{"vp", "mgr-east", "ana", "ben", "cara"}; !equalStrings(order, want) {
		t.Errorf("units in order %v, want %v", order, want)
	}
	line := func(unit string, c forecast.Category) forecast.RollUpLine {
		u, ok := july.Unit(unit)
		if !ok {
			t.Fatalf("no unit %s", unit)
		}
		return u.Line(c)
	}
	for _, c := range []struct {
		unit            string
		cat             forecast.Category
		own, team, comp string
		amount          string
		adjustments     int
	}{
		{"ana", forecast.CategoryCommit, "100", "0", "100", "100", 0},
		{"ben", forecast.CategoryCommit, "40", "0", "40", "45", 2},
		{"mgr-east", forecast.CategoryCommit, "10", "145", "155", "150", 1},
		{"mgr-east", forecast.CategoryClosed, "0", "50", "50", "50", 0},
		{"vp", forecast.CategoryCommit, "0", "150", "150", "150", 0},
		{"vp", forecast.CategoryBestCase, "0", "30", "30", "30", 0},
		{"vp", forecast.CategoryPipeline, "0", "20", "20", "20", 0},
	} {
		l := line(c.unit, c.cat)
		if !l.Own.Equal(dec(c.own)) || !l.Team.Equal(dec(c.team)) || !l.Computed.Equal(dec(c.comp)) ||
			!l.Amount.Equal(dec(c.amount)) || len(l.Adjustments) != c.adjustments {
			t.Errorf("%s %s = own %s team %s computed %s amount %s (%d adjustments); want %s %s %s %s (%d)", c.unit, c.cat,
				l.Own, l.Team, l.Computed, l.Amount, len(l.Adjustments), c.own, c.team, c.comp, c.amount, c.adjustments)
		}
	}
	ben := line("ben", forecast.CategoryCommit)
	if ben.Adjustments[0].By != "ben" || ben.Adjustments[1].By != "mgr-east" {
		t.Errorf("ben's adjustments in order %q, %q; want ben's own, then his manager's", ben.Adjustments[0].By, ben.Adjustments[1].By)
	}
	if got, want := ben.Reason.String(), "mgr-east set ben's commit to 45; the deals say 40"; got != want {
		t.Errorf("ben's reason = %q, want %q", got, want)
	}
	vp, _ := july.Unit("vp")
	for _, c := range []struct {
		name      string
		got, want string
	}{
		{"open pipeline", vp.Forecasts.OpenPipeline.String(), "200"},
		{"best case", vp.Forecasts.BestCase.String(), "230"},
		{"commit", vp.Forecasts.Commit.String(), "200"},
		{"closed", vp.Forecasts.Closed.String(), "50"},
	} {
		if c.got != c.want {
			t.Errorf("vp %s forecast = %s, want %s", c.name, c.got, c.want)
		}
	}
	august := ru.Periods[1]
	if cara, _ := august.Unit("cara"); !cara.Line(forecast.CategoryCommit).Amount.Equal(dec("25")) {
		t.Errorf("cara's August commit = %s, want 25", cara.Line(forecast.CategoryCommit).Amount)
	}
	if vpAug, _ := august.Unit("vp"); !vpAug.Line(forecast.CategoryCommit).Amount.Equal(dec("25")) {
		t.Errorf("vp's August commit = %s, want 25", vpAug.Line(forecast.CategoryCommit).Amount)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRollUpErrors checks that bad adjustments and owners outside the org
// are refused, every one reported.
func TestRollUpErrors(t *testing.T) {
	jul := forecast.MustDate("2026-07-01")
	err := func() error {
		_, err := rollupReport(t).RollUp(rollupOrg(t), []forecast.Adjustment{
			{Unit: "ben", By: "ana", Period: jul, Category: forecast.CategoryCommit, Amount: dec("1")},
			{Unit: "bob", By: "vp", Period: jul, Category: forecast.CategoryCommit, Amount: dec("1")},
			{Unit: "ana", By: "ana", Period: jul, Category: forecast.CategoryOmitted, Amount: dec("1")},
			{Unit: "ana", By: "ana", Period: jul, Category: forecast.CategoryCommit, Amount: dec("-1")},
			{Unit: "cara", By: "vp", Period: jul, Category: forecast.CategoryCommit, Amount: dec("1")},
			{Unit: "cara", By: "vp", Period: jul, Category: forecast.CategoryCommit, Amount: dec("2")},
			{Unit: "cara", By: "cara", Category: forecast.CategoryCommit, Amount: dec("2")},
		})
		return err
	}()
	for _, w := range []error{forecast.ErrAdjustment, forecast.ErrUnknownUnit, forecast.ErrDuplicate, forecast.ErrDate} {
		if !errors.Is(err, w) {
			t.Errorf("RollUp = %v, want an error wrapping %v", err, w)
		}
	}
	small, _ := forecast.NewOrg([]forecast.Unit{{Key: "ana"}})
	if _, err := rollupReport(t).RollUp(small, nil); !errors.Is(err, forecast.ErrUnknownUnit) {
		t.Errorf("RollUp with owners outside the org = %v, want ErrUnknownUnit", err)
	}
	for _, units := range [][]forecast.Unit{
		{{Key: ""}},
		{{Key: "a"}, {Key: "a"}},
		{{Key: "a", Manager: "b"}},
		{{Key: "a", Manager: "a"}},
		{{Key: "a", Manager: "b"}, {Key: "b", Manager: "a"}},
	} {
		if _, err := forecast.NewOrg(units); !errors.Is(err, forecast.ErrOrg) {
			t.Errorf("NewOrg(%v) = %v, want ErrOrg", units, err)
		}
	}
}
