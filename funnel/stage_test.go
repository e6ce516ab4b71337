package funnel_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/funnel"
)

func TestStagesValidate(t *testing.T) {
	open := func(k string) funnel.Stage { return funnel.Stage{Key: k} }
	won := funnel.Stage{Key: "won", Outcome: funnel.Won}
	tests := []struct {
		name   string
		stages funnel.Stages
		want   []error
	}{
		{"one stage", funnel.Stages{won}, []error{funnel.ErrTooFewStages}},
		{"no won", funnel.Stages{open("a"), open("b")}, []error{funnel.ErrNoWon}},
		{"duplicate", funnel.Stages{open("a"), open("a"), won}, []error{funnel.ErrDuplicateStage}},
		{"empty key and bad probability", funnel.Stages{open(""), {Key: "b", Probability: 1.5}, won}, []error{funnel.ErrEmptyKey, funnel.ErrProbability}},
		{"open after terminal", funnel.Stages{open("a"), won, open("b")}, []error{funnel.ErrStageOrder}},
		{"no open stage", funnel.Stages{won, {Key: "lost", Outcome: funnel.Lost}}, []error{funnel.ErrNoOpen}},
		{"two won", funnel.Stages{open("a"), won, {Key: "won2", Outcome: funnel.Won}}, []error{funnel.ErrNoWon}},
	}
	for _, tt := range tests {
		err := tt.stages.Validate()
		for _, w := range tt.want {
			if !errors.Is(err, w) {
				t.Errorf("%s: Validate() = %v, want %v", tt.name, err, w)
			}
		}
		if _, err := funnel.NewAnalyzer(tt.stages, nil); err == nil {
			t.Errorf("%s: NewAnalyzer accepted an invalid list", tt.name)
		}
	}
	for _, s := range []funnel.Stages{funnel.B2B(), funnel.Telesales()} {
		if err := s.Validate(); err != nil {
			t.Errorf("preset invalid: %v", err)
		}
	}
}

func TestStagesJSON(t *testing.T) {
	for _, s := range []funnel.Stages{funnel.B2B(), funnel.Telesales()} {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back funnel.Stages
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s, back); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
	}
	if got := funnel.B2B()[1].Label("zh-CN"); got != "商机确认" {
		t.Errorf("zh-CN label = %q", got)
	}
	var s funnel.Stages
	err := json.Unmarshal([]byte(`[{"key":"a","outcome":"open"},{"key":"b","outcome":"closed"}]`), &s)
	if !errors.Is(err, funnel.ErrUnknownName) {
		t.Errorf("unknown outcome: err = %v", err)
	}
	err = json.Unmarshal([]byte(`[{"key":"a"},{"key":"b"}]`), &s)
	if !errors.Is(err, funnel.ErrNoWon) || s != nil {
		t.Errorf("no won: err = %v, stages %v", err, s)
	}
}

func TestEnumText(t *testing.T) {
	type enum interface {
		MarshalText() ([]byte, error)
		String() string
	}
	tests := []struct {
		v    enum
		back interface{ UnmarshalText([]byte) error }
		name string
	}{
		{funnel.Strict, new(funnel.Mode), "strict"},
		{funnel.AnyOrder, new(funnel.Mode), "any_order"},
		{funnel.Skip, new(funnel.OnUnknown), "skip"},
		{funnel.Lost, new(funnel.Outcome), "lost"},
		{funnel.OutsideWindow, new(funnel.Cause), "outside_window"},
		{funnel.CallNoAnswer, new(funnel.CallOutcome), "no_answer"},
		{funnel.CallDeal, new(funnel.CallOutcome), "deal"},
	}
	for _, tt := range tests {
		b, err := tt.v.MarshalText()
		if err != nil || string(b) != tt.name || tt.v.String() != tt.name {
			t.Errorf("MarshalText(%v) = %q, %v; want %q", tt.v, b, err, tt.name)
		}
		if err := tt.back.UnmarshalText(b); err != nil {
			t.Errorf("UnmarshalText(%q) = %v", b, err)
		}
		if err := tt.back.UnmarshalText([]byte("nope")); !errors.Is(err, funnel.ErrUnknownName) {
			t.Errorf("UnmarshalText(nope) = %v, want ErrUnknownName", err)
		}
	}
	if _, err := funnel.CallOutcome(0).MarshalText(); !errors.Is(err, funnel.ErrUnknownName) {
		t.Errorf("zero CallOutcome marshals: %v", err)
	}
	if _, err := funnel.Mode(7).MarshalText(); !errors.Is(err, funnel.ErrUnknownName) {
		t.Errorf("Mode(7) marshals: %v", err)
	}
}
