// Package lifecycletest checks the guards users write for package
// lifecycle, the way testing/fstest checks a file system: run TestGuard in
// your own tests on every guard you register.
package lifecycletest

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/saleskit/saleskit/lifecycle"
)

// TestGuard calls g on each attempt, twice, and reports every way it breaks
// the contract of lifecycle.Guard:
//
//   - it panics;
//   - it answers the same attempt differently the second time (a guard must
//     be deterministic: no clock, no randomness, no hidden state);
//   - it changes the attempt's instance (a guard may only read);
//   - it refuses with an error whose message is empty, so a refusal would
//     not say why (the refusal's obstacle carries the message without a
//     leading "lifecycle: ", so that alone is empty too).
//
// Give attempts that exercise both outcomes, allowed and refused. TestGuard
// returns nil when every attempt passes, or the problems joined with
// errors.Join, each naming the attempt by its index.
func TestGuard[S, T ~string](g lifecycle.Guard[S, T], attempts ...lifecycle.Attempt[S, T]) error {
	if g == nil {
		return errors.New("lifecycletest: nil guard")
	}
	var errs []error
	for i, a := range attempts {
		if err := checkAttempt(g, a); err != nil {
			errs = append(errs, fmt.Errorf("lifecycletest: attempt %d (%s on %q): %w", i, a.Trigger, a.From, err))
		}
	}
	return errors.Join(errs...)
}

func checkAttempt[S, T ~string](g lifecycle.Guard[S, T], a lifecycle.Attempt[S, T]) error {
	before, err := snapshot(a.Instance)
	if err != nil {
		return err
	}
	first, panicked := allow(g, a)
	if panicked != nil {
		return panicked
	}
	second, panicked := allow(g, a)
	if panicked != nil {
		return panicked
	}
	var errs []error
	switch {
	case (first == nil) != (second == nil):
		errs = append(errs, fmt.Errorf("not deterministic: first %v, then %v", first, second))
	case first != nil && first.Error() != second.Error():
		errs = append(errs, fmt.Errorf("not deterministic: first %q, then %q", first, second))
	}
	if first != nil && strings.TrimPrefix(first.Error(), "lifecycle: ") == "" {
		errs = append(errs, errors.New("refused with an empty message"))
	}
	after, err := snapshot(a.Instance)
	if err != nil {
		return err
	}
	if before != after {
		errs = append(errs, fmt.Errorf("changed the instance:\nbefore %s\nafter  %s", before, after))
	}
	return errors.Join(errs...)
}

// allow calls g, turning a panic into an error.
func allow[S, T ~string](g lifecycle.Guard[S, T], a lifecycle.Attempt[S, T]) (err, panicked error) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Errorf("panicked: %v", r)
		}
	}()
	return g.Allow(a), nil
}

func snapshot[S, T ~string](in *lifecycle.Instance[S, T]) (string, error) {
	if in == nil {
		return "", nil
	}
	b, err := json.Marshal(in)
	if err != nil {
		return "", fmt.Errorf("encoding the instance: %w", err)
	}
	return string(b), nil
}
