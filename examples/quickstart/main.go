// Command quickstart walks through saleskit on one seeded scenario: an annual
// sales target split exactly into quarters, months and teams, and its progress
// at mid-year. Later sections drive the funnel and the sales-project loop.
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
	fmt.Fprintln(w, "saleskit quickstart: one sales plan, from target to progress")
	for _, section := range []func(io.Writer) error{targetSection, funnelSection, lifecycleSection} {
		if err := section(w); err != nil {
			return err
		}
	}
	return nil
}
