package target_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/saleskit/saleskit/target"
)

// TestErrorsNameWhatTheCallerPassed pins the field, value and message of
// errors that used to blame an internal variable or say too little.
func TestErrorsNameWhatTheCallerPassed(t *testing.T) {
	quarters := func() []target.PeriodTarget {
		p, err := target.SplitTime(d("1000"), day("2025-01-01"), day("2026-01-01"), target.Quarter, 2, nil)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	negative := quarters()
	negative[2].Weight = d("-1")
	g := func(id, parent string) target.Goal { r := revenueGoal(); r.ID, r.Parent = id, parent; return r }
	tests := []struct {
		name string
		err  error
		want string
		is   error
	}{
		// 1,000 − 100.005 leaves 899.995 to spread: the actual is what is
		// finer than the cent, not a total the caller never passed.
		{"replan actual finer than places", second(target.Replan(quarters(), ds("100.005"), at("2025-04-01"), 2)),
			`target: actuals[0] "100.005": amount is finer than the places allow: places 2 rounds to whole multiples of 0.01`, target.ErrPrecision},
		// Q3 is plan[2], the first open period's weight is weights[1] inside.
		{"replan negative weight", second(target.Replan(negative, ds("100"), at("2025-04-01"), 2)),
			`target: plan[2].weight "-1": negative weight`, target.ErrNegativeWeight},
		{"weekend by working days", second(target.SplitTime(d("100"), day("2025-01-04"), day("2025-01-06"), target.Day, 2,
			&target.SplitOptions{Weighting: target.WorkingDays})),
			`target: opts.weighting "working_days": all weights are zero: no working day from 2025-01-04 to 2025-01-06`, target.ErrZeroWeights},
		{"grid totals differ", second(target.SplitGrid([]target.Margin{{Label: "a", Total: d("3")}}, []target.Margin{{Label: "x", Total: d("8")}}, 0)),
			`target: cols: inputs do not match: rows add up to 3 and columns to 8`, target.ErrMismatch},
		// a → b → c → b: the cycle is b, c; goal a only leads into it.
		{"cycle between b and c", second(target.CheckTree([]target.Goal{g("a", "b"), g("b", "c"), g("c", "b")}, nil)),
			`target: goals[1].parent "c": malformed tree: cycle of parents b → c → b`, target.ErrTree},
		{"end before start", second(target.SplitTime(d("100"), day("2026-03-01"), day("2026-01-01"), target.Month, 2, nil)),
			`target: end "2026-01-01": invalid period: end is before start 2026-03-01`, target.ErrSpan},
		{"places -4", second(target.Allocate(d("12345"), ones(2), -4)),
			`target: total "12345": amount is finer than the places allow: places -4 rounds to whole multiples of 10,000`, target.ErrPrecision},
		{"places out of range", second(target.Allocate(d("1"), ones(2), 19)),
			`target: places "19": decimal places out of range: places must lie in [-18, 18]`, target.ErrPlaces},
		{"tree members all zero", second(target.SplitTree(d("100"), []target.Unit{{ID: "co"}, {ID: "a", Parent: "co"}}, 2)),
			`target: units[0] "co": all weights are zero: the weights of its members are all zero`, target.ErrZeroWeights},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil || tt.err.Error() != tt.want {
				t.Fatalf("error = %v, want %s", tt.err, tt.want)
			}
			if !errors.Is(tt.err, tt.is) {
				t.Errorf("error %v does not wrap %v", tt.err, tt.is)
			}
		})
	}
}

func TestEveryBadWeightReported(t *testing.T) {
	// Weights 1, −2, 3, −4: both negative weights are named, joined.
	_, err := target.Allocate(d("10"), ds("1", "-2", "3", "-4"), 0)
	var fields []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *target.FieldError
		if errors.As(e, &fe) {
			fields = append(fields, fe.Field)
		}
	}
	if got := strings.Join(fields, ","); got != "weights[1],weights[3]" {
		t.Errorf("Allocate with two negative weights names %q, want weights[1],weights[3]", got)
	}
	// AllocateUnits checks them the same way.
	_, err = target.AllocateUnits(10, []int64{1, -2, 3, -4})
	if !errors.Is(err, target.ErrNegativeWeight) || !strings.Contains(err.Error(), `weights[3] "-4"`) {
		t.Errorf("AllocateUnits with two negative weights: %v", err)
	}
}

func TestFieldErrorWithoutErr(t *testing.T) {
	e := &target.FieldError{Field: "plan[0].target", Value: "x"}
	if got, want := e.Error(), `target: plan[0].target "x": invalid value`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
