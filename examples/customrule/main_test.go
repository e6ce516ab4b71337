package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/saleskit/saleskit/examples/internal/golden"
	"github.com/saleskit/saleskit/incentive"
	"github.com/saleskit/saleskit/incentive/incentivetest"
)

// TestCustomRuleGolden runs the program and compares its output with the
// golden file, so every change to what users see is reviewed in a diff.
// Run go test ./examples/customrule -update to accept a deliberate change.
func TestCustomRuleGolden(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatalf("run: %v", err)
	}
	golden.Check(t, "customrule.golden", out.String())
}

// TestNewLogoBonusKeepsTheContract runs the rule through incentivetest,
// on its sample inputs (which include a first month of a quarter and a
// reversal) and on one of February's.
func TestNewLogoBonusKeepsTheContract(t *testing.T) {
	var c incentive.Component
	if err := json.Unmarshal([]byte(`{"id":"new_logo","type":"new_logo_bonus","amount":"500","params":{"first_month_multiplier":"2"}}`), &c); err != nil {
		t.Fatal(err)
	}
	rule, err := newNewLogoBonus(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := incentivetest.TestRule(rule); err != nil {
		t.Fatal(err)
	}
}

// TestNewLogoBonusRefusesBadParams: the constructor's errors reach the
// caller at the component's path, wrapped in ErrParam.
func TestNewLogoBonusRefusesBadParams(t *testing.T) {
	reg := incentive.NewRegistry()
	if err := reg.Register("new_logo_bonus", newNewLogoBonus); err != nil {
		t.Fatal(err)
	}
	plan := []byte(`{"start":"2025-01-01","end":"2026-01-01","reps":[{"id":"ana"}],
		"components":[{"id":"new_logo","type":"new_logo_bonus","params":{"first_month_multiplier":"2"}}]}`)
	_, err := incentive.DecodePlan(plan, reg)
	if !errors.Is(err, incentive.ErrParam) {
		t.Fatalf("DecodePlan = %v, want ErrParam", err)
	}
	if _, err := incentive.DecodePlan(plan, nil); !errors.Is(err, incentive.ErrUnknownType) {
		t.Fatalf("DecodePlan without the registry = %v, want ErrUnknownType", err)
	}
}
