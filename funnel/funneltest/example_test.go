package funneltest_test

import (
	"fmt"
	"strings"

	"github.com/saleskit/saleskit/funnel"
	"github.com/saleskit/saleskit/funnel/funneltest"
)

// Check a segmenter of your own before passing it to ReportOptions.By.
func ExampleTestSegmenter() {
	byRegion := funnel.SegmentFunc(func(d funnel.Deal) string {
		region, _, _ := strings.Cut(d.Owner, "/") // owners are "east/li", "west/wang"
		return region
	})
	fmt.Println(funneltest.TestSegmenter(byRegion))
	// Output:
	// <nil>
}
