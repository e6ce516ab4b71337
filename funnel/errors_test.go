package funnel_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/saleskit/saleskit/funnel"
)

func TestFieldError(t *testing.T) {
	tests := []struct {
		e    *funnel.FieldError
		want string
	}{
		{&funnel.FieldError{Field: "events[108].stage", Value: "on_hold", Err: funnel.ErrUnknownStage},
			`funnel: events[108].stage "on_hold": unknown stage`},
		{&funnel.FieldError{Field: "stages", Err: funnel.ErrNoOpen}, `funnel: stages: stage list needs an open stage`},
		{&funnel.FieldError{Field: "alpha", Value: `say "hi"`, Err: fmt.Errorf("%w: more", funnel.ErrOption)},
			`funnel: alpha "say \"hi\"": invalid option: more`},
		{&funnel.FieldError{Field: "x", Value: "1"}, `funnel: x "1": invalid value`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

// TestMismatchSaysWhich checks that Merge and Compare say what differs, not
// only that something does.
func TestMismatchSaysWhich(t *testing.T) {
	relabelled := funnel.B2B()
	relabelled[5].Labels["zh-CN"] = "丢单"
	reweighted := funnel.B2B()
	reweighted[1].Probability = 0.2
	tests := []struct {
		name  string
		stage funnel.Stages
		opts  *funnel.Options
		want  string
	}{
		{"label", relabelled, nil, `funnel: b: different stage lists or options: stages[5].labels["zh-CN"] is "丢单" in b, "输单" in a`},
		{"probability", reweighted, nil, `funnel: b: different stage lists or options: stages[1].probability is 0.2 in b, 0.25 in a`},
		{"length", funnel.Telesales(), nil, `funnel: b: different stage lists or options: stages has 5 stages in b, 6 in a`},
		{"on_unknown", funnel.B2B(), &funnel.Options{OnUnknown: funnel.Skip}, `funnel: b: different stage lists or options: on_unknown is skip in b, reject in a`},
	}
	for _, tt := range tests {
		a, _ := funnel.NewAnalyzer(funnel.B2B(), nil)
		b, err := funnel.NewAnalyzer(tt.stage, tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		err = a.Merge(b)
		if !errors.Is(err, funnel.ErrMismatch) || err.Error() != tt.want {
			t.Errorf("%s: Merge = %v, want %s", tt.name, err, tt.want)
		}
	}
	a := mustReport(t, funnel.B2B(), worked(), nil)
	b := mustReport(t, funnel.Telesales(), nil, nil)
	_, err := funnel.Compare(a, b, 0.05)
	want := `funnel: b: different stage lists or options: stages[0].key is "dialed" in b, "lead" in a`
	if !errors.Is(err, funnel.ErrMismatch) || err.Error() != want {
		t.Errorf("Compare = %v, want %s", err, want)
	}
}
