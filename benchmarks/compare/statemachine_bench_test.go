package compare

import (
	"context"
	"errors"
	"testing"

	"github.com/looplab/fsm"
	"github.com/saleskit/saleskit/lifecycle"
)

// restartEvery is how many loops a lifecycle instance runs before the
// benchmark starts over on a fresh clone: the history grows by one step a
// fire, and without a restart b.Loop's millions of fires would hold
// hundreds of megabytes of it. The clone and the history's growth are timed
// (amortised over 3·restartEvery fires), so lifecycle's figures include
// the cost of keeping the audit trail. The audited tickets of the other
// libraries start their history over as often.
const restartEvery = 64

// BenchmarkFireLoop fires the loop's triggers, start, submit, reopen, over
// and over: one successful transition per op. lifecycle also appends an
// audit step per fire (see restartEvery); the others keep the state alone.
func BenchmarkFireLoop(b *testing.B) {
	b.Run("lifecycle", benchLifecycleLoop)
	b.Run("looplab-fsm", func(b *testing.B) { benchFSMLoop(b, false) })
	b.Run("stateless", func(b *testing.B) { benchStatelessLoop(b, false) })
}

// BenchmarkFireLoopAudited is BenchmarkFireLoop with looplab/fsm and
// stateless keeping an audit trail as lifecycle does: a callback appends a
// record per transition. lifecycle is run again here so the three are
// measured back to back.
func BenchmarkFireLoopAudited(b *testing.B) {
	b.Run("lifecycle", benchLifecycleLoop)
	b.Run("looplab-fsm", func(b *testing.B) { benchFSMLoop(b, true) })
	b.Run("stateless", func(b *testing.B) { benchStatelessLoop(b, true) })
}

func benchLifecycleLoop(b *testing.B) {
	d := lifecycleTicket(b)
	tmpl := d.Start(t0, "rep")
	in := tmpl.Clone()
	trs := []ticketTrigger{trStart, trSubmit, trReopen}
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Fire(in, trs[i%3], t0, "rep"); err != nil {
			b.Fatal(err)
		}
		if i++; i == 3*restartEvery {
			i, in = 0, tmpl.Clone()
		}
	}
}

func benchFSMLoop(b *testing.B, audited bool) {
	ctx := context.Background()
	tk := newFSMTicket(audited)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		if err := tk.FSM.Event(ctx, cycle[i%3]); err != nil {
			b.Fatal(err)
		}
		if i++; i == 3*restartEvery {
			i, tk.history = 0, nil
		}
	}
}

func benchStatelessLoop(b *testing.B, audited bool) {
	tk := newStatelessTicket(audited)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		if err := tk.SM.Fire(cycle[i%3]); err != nil {
			b.Fatal(err)
		}
		if i++; i == 3*restartEvery {
			i, tk.history = 0, nil
		}
	}
}

// The tickets the refusal and permission benchmarks start from: in review,
// not signed off.

func lifecycleInReview(b *testing.B) (*lifecycle.Definition[ticketState, ticketTrigger], *lifecycle.Instance[ticketState, ticketTrigger]) {
	d := lifecycleTicket(b)
	in := d.Start(t0, "rep")
	for _, tr := range []ticketTrigger{trStart, trSubmit} {
		if _, err := d.Fire(in, tr, t0, "rep"); err != nil {
			b.Fatal(err)
		}
	}
	return d, in
}

func fsmInReview(b *testing.B) *fsmTicket {
	tk := newFSMTicket(false)
	for _, tr := range cycle[:2] {
		if err := tk.FSM.Event(context.Background(), tr); err != nil {
			b.Fatal(err)
		}
	}
	return tk
}

func statelessInReview(b *testing.B) *statelessTicket {
	tk := newStatelessTicket(false)
	for _, tr := range cycle[:2] {
		if err := tk.SM.Fire(tr); err != nil {
			b.Fatal(err)
		}
	}
	return tk
}

// BenchmarkFireRefused fires approve on a ticket in review that is not
// signed off. lifecycle returns a *Refusal naming the gate and the missing
// item; looplab/fsm runs the before_approve callback, which cancels the
// event with an error; stateless evaluates the guard and returns the
// unhandled-trigger error naming the unmet guard.
func BenchmarkFireRefused(b *testing.B) {
	b.Run("lifecycle", func(b *testing.B) {
		d, in := lifecycleInReview(b)
		b.ReportAllocs()
		for b.Loop() {
			_, err := d.Fire(in, trApprove, t0, "rep")
			if r, ok := err.(*lifecycle.Refusal); !ok || len(r.Obstacles) != 1 {
				b.Fatal(err)
			}
		}
	})
	b.Run("looplab-fsm", func(b *testing.B) {
		ctx := context.Background()
		tk := fsmInReview(b)
		b.ReportAllocs()
		for b.Loop() {
			err := tk.FSM.Event(ctx, trApprove)
			if c, ok := err.(fsm.CanceledError); !ok || !errors.Is(c.Err, errNotSignedOff) {
				b.Fatal(err)
			}
		}
	})
	b.Run("stateless", func(b *testing.B) {
		tk := statelessInReview(b)
		b.ReportAllocs()
		for b.Loop() {
			if err := tk.SM.Fire(trApprove); err == nil {
				b.Fatal("approve went through")
			}
		}
	})
}

// BenchmarkPermitted asks which triggers a ticket in review may fire now:
// reopen yes, approve no. lifecycle's Permitted lists both, each allowed or
// not with its obstacles; stateless's PermittedTriggers evaluates the guards
// and lists the allowed ones; looplab/fsm's AvailableTransitions lists the
// state's events without running callbacks, so it reports approve as
// available, and the benchmark adds the sign-off check a caller must make
// by hand to get the same answer.
func BenchmarkPermitted(b *testing.B) {
	b.Run("lifecycle", func(b *testing.B) {
		d, in := lifecycleInReview(b)
		b.ReportAllocs()
		for b.Loop() {
			ps, err := d.Permitted(in, t0, "rep")
			if err != nil || len(ps) != 2 || !ps[0].Allowed || ps[1].Allowed {
				b.Fatal(ps, err)
			}
		}
	})
	b.Run("looplab-fsm", func(b *testing.B) {
		tk := fsmInReview(b)
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			for _, ev := range tk.FSM.AvailableTransitions() {
				if ev != trApprove || tk.signedOff {
					n++
				}
			}
			if n != 1 {
				b.Fatal(n)
			}
		}
	})
	b.Run("stateless", func(b *testing.B) {
		tk := statelessInReview(b)
		b.ReportAllocs()
		for b.Loop() {
			ts, err := tk.SM.PermittedTriggers()
			if err != nil || len(ts) != 1 {
				b.Fatal(ts, err)
			}
		}
	})
}
