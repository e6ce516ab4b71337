// Package benchcpu reports the CPU time a benchmark used per operation,
// beside the wall-clock ns/op, as the metric cpu-ns/op: on a machine shared
// with other work it is the figure that compares with a budget for one
// core. It serves saleskit's own benchmarks and is not part of its API.
package benchcpu

import (
	"syscall"
	"testing"
	"time"
)

// Now returns the CPU time the process has used so far.
func Now() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Report reports the CPU time used since since, per operation of b, as
// cpu-ns/op.
func Report(b *testing.B, since time.Duration) {
	b.ReportMetric(float64(Now()-since)/float64(b.N), "cpu-ns/op")
}
