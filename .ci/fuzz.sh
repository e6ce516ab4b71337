# .ci/fuzz.sh: shared by .ci/run and .ci/calibrate-fuzz. Source it; it defines
# functions only.
#
# Fuzz smoke runs are bounded by an execution count (-fuzztime Nx), never by a
# duration. A duration -fuzztime races the Go fuzzing coordinator's own stop
# deadline: under CPU contention a worker misses it and the target is failed
# with a bare "context deadline exceeded" and no crasher
# (https://go.dev/issue/75804, fixed in Go 1.27, present in every Go 1.26.x).
# A count has no wall-clock deadline, so a loaded machine only makes the run
# slower. The count also bounds minimisation: with a count, every call made
# while minimising counts toward it (internal/fuzz, peekMinimizeInput). Do not
# "simplify" this back to -fuzztime 4s.
#
# Minimisation is bounded too, at FUZZ_MINIMIZE calls per input. Unbounded, one
# new input can take half the run's count to minimise, and those calls are
# slow on large inputs: FuzzFire and FuzzDefinitionJSON took 22-134 s instead
# of 4 s in one run in five. A crasher is still written (minimised as far as
# the bound allows) and still fails the run.
#
# N for each target is its measured rate (executions per second, in
# .ci/fuzz-rates) times FUZZ_SECONDS. A target missing from that file runs
# at FUZZ_DEFAULT_RATE and is named in a warning; measure it with
# bash .ci/calibrate-fuzz and add its line.

FUZZ_SECONDS=${FUZZ_SECONDS:-4}
FUZZ_DEFAULT_RATE=${FUZZ_DEFAULT_RATE:-250}
FUZZ_MINIMIZE=${FUZZ_MINIMIZE:-200x}

# fuzz_run PKG TARGET N fuzzes one target for N executions.
fuzz_run() {
	go test -run '^$' -fuzz "^$2\$" -fuzztime "$3x" -fuzzminimizetime "$FUZZ_MINIMIZE" "$1"
}

# fuzz_targets prints "PKG TARGET" for every Fuzz function in every package
# of the module, PKG as ./path (or . for the root), found by name so new
# packages and targets are covered without editing any script.
fuzz_targets() {
	local pkg rel t
	for pkg in $(go list -f '{{.Dir}}' ./...); do
		rel=./${pkg#"$PWD"/}
		[ "$pkg" = "$PWD" ] && rel=.
		for t in $(grep -h -o '^func Fuzz[A-Za-z0-9_]*' "$pkg"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
			echo "$rel $t"
		done
	done
}

# fuzz_rate PKG TARGET prints the target's measured executions per second,
# or nothing when .ci/fuzz-rates has no line for it.
fuzz_rate() {
	awk -v p="$1" -v t="$2" '$1 == p && $2 == t { print $3; exit }' "$(dirname "${BASH_SOURCE[0]}")/fuzz-rates"
}
