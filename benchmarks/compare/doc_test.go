// Package compare holds benchmarks that set saleskit beside the Go
// libraries a team would otherwise pick for the same job, on the same
// scenario, with a test for each pair that checks both do the same work:
//
//   - state machines: lifecycle against github.com/looplab/fsm and
//     github.com/qmuntal/stateless (statemachine_test.go);
//   - exact money splits: target.Allocate and target.AllocateParts against
//     a hand-written split in github.com/shopspring/decimal and against
//     github.com/Rhymond/go-money's Allocate (split_test.go).
//
// It is a module of its own, so the libraries it compares against never
// become dependencies of saleskit, and it has test files only, so the root
// module's conventions test, which type-checks every directory holding a
// non-test Go file, leaves it alone. Run it with
//
//	cd benchmarks/compare && go test -run '^$' -bench . -benchmem -count 5
//
// README.md beside this file has the figures and what each library does
// that the others do not.
package compare
