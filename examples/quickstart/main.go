// Command quickstart walks through saleskit on one seeded scenario, in the
// order of the sales loop: an annual target checked against SMART and split
// exactly into quarters, months and teams, with its progress at mid-year
// (package target); the quarter's funnel from messy stage-change events, with
// its bottleneck (package funnel); and one sales project driven through its
// loop, refused at a gate and sent back from monitoring (package lifecycle).
//
// Run it with:
//
//	go run ./examples/quickstart
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run prints every section to w; the test compares it with a golden file.
func run(w io.Writer) error {
	fmt.Fprintln(w, "saleskit quickstart: one sales plan, from target to funnel to project loop")
	for _, section := range []func(io.Writer) error{targetSection, funnelSection, lifecycleSection} {
		if err := section(w); err != nil {
			return err
		}
	}
	return nil
}
