package lifecycletest_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/saleskit/saleskit/lifecycle"
	"github.com/saleskit/saleskit/lifecycle/lifecycletest"
)

type attempt = lifecycle.Attempt[lifecycle.DealStage, lifecycle.DealTrigger]
type guardFunc = lifecycle.GuardFunc[lifecycle.DealStage, lifecycle.DealTrigger]

func attempts() []attempt {
	d := lifecycle.Opportunity()
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	small, big := d.Start(t0, "chen"), d.Start(t0, "chen")
	small.SetFact("budget", "50000")
	big.SetFact("budget", "900000")
	return []attempt{
		{Instance: small, From: "negotiation", To: "won", Trigger: "win", At: t0, Actor: "chen"},
		{Instance: big, From: "negotiation", To: "won", Trigger: "win", At: t0, Actor: "chen"},
	}
}

// discountLimit is a well-behaved guard: it reads a fact and decides.
var discountLimit = guardFunc(func(a attempt) error {
	if v, _ := a.Instance.Fact("budget"); len(v) > 6 {
		return errors.New("deals over 999,999 need the director's approval")
	}
	return nil
})

func TestGuardAcceptsAWellBehavedGuard(t *testing.T) {
	if err := lifecycletest.TestGuard(discountLimit, attempts()...); err != nil {
		t.Fatal(err)
	}
}

func TestGuardFindsEveryProblem(t *testing.T) {
	calls := 0
	tests := []struct {
		name  string
		guard guardFunc
		want  string
	}{
		{"panics", func(attempt) error { panic("boom") }, "panicked: boom"},
		{"flips", func(attempt) error {
			calls++
			if calls%2 == 0 {
				return errors.New("no")
			}
			return nil
		}, "not deterministic"},
		{"writes", func(a attempt) error { a.Instance.Tick("approved"); return nil }, "changed the instance"},
		{"silent", func(attempt) error { return errors.New("") }, "refused with an empty message"},
		{"prefix only", func(attempt) error { return errors.New("lifecycle: ") }, "refused with an empty message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := lifecycletest.TestGuard(tt.guard, attempts()...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("TestGuard = %v, want an error mentioning %q", err, tt.want)
			}
		})
	}
}

func ExampleTestGuard() {
	// Run it in a test of your own on every guard you register.
	err := lifecycletest.TestGuard(discountLimit, attempts()...)
	fmt.Println("discount guard:", err)

	writes := guardFunc(func(a attempt) error {
		a.Instance.Tick("approved") // a guard must only read
		return nil
	})
	err = lifecycletest.TestGuard(writes, attempts()[:1]...)
	fmt.Println(strings.SplitN(err.Error(), "\n", 2)[0])
	// Output:
	// discount guard: <nil>
	// lifecycletest: attempt 0 (win on "negotiation"): changed the instance:
}
