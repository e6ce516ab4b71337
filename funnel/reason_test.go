package funnel_test

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/saleskit/saleskit/funnel"
)

var update = flag.Bool("update", false, "rewrite testdata/reasons.golden")

// TestReasonsGolden pins the sentences of every reason code in English and
// in Chinese, on worked cases: the worked example's bottleneck against the
// pooled rate and against benchmarks, a leaky step, a funnel with nothing
// to judge, and
// the comparisons of ExampleCompare (40 of 100 against 60 of 100: z = 2.83,
// p = 0.47%), their reverse, a small sample and an untestable pair.
func TestReasonsGolden(t *testing.T) {
	var reasons []funnel.Reason
	for _, o := range []*funnel.ReportOptions{
		nil,
		{Benchmark: map[string]float64{"lead": 0.99, "qualified": 0.5}},
		{Benchmark: map[string]float64{"proposal": 0.6}},
	} {
		reasons = append(reasons, mustReport(t, funnel.B2B(), worked(), o).Bottleneck.Reason)
	}
	// 100 leads, 90 qualified, 10 proposals, 9 negotiations, 8 won:
	// qualified → proposal converts 10 of 90 (upper bound 19.3%) against
	// the other steps' (90 + 9 + 8) ÷ (100 + 10 + 9) = 89.9%.
	var leaky []funnel.Event
	for i := range 100 {
		id := "d" + strconv.Itoa(i)
		for k, n := range []int{100, 90, 10, 9, 8} {
			if i < n {
				leaky = append(leaky, ev(id, funnel.B2B()[k].Key, day(1+k), 1))
			}
		}
	}
	reasons = append(reasons, mustReport(t, funnel.B2B(), leaky, nil).Bottleneck.Reason)
	// Seven deals stuck in lead: every step after it has no deals.
	var stuck []funnel.Event
	for _, id := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		stuck = append(stuck, ev(id, "lead", day(1), 1))
	}
	reasons = append(reasons, mustReport(t, funnel.B2B(), stuck, nil).Bottleneck.Reason)
	mk := func(top, next int) funnel.Report {
		return funnel.Report{Stages: []funnel.StageReport{
			{Key: "lead", Entered: top, Conversion: funnel.Wilson(top, top)},
			{Key: "qualified", Entered: next, Conversion: funnel.Wilson(next, top)},
		}}
	}
	for _, pair := range [][2]funnel.Report{
		{mk(100, 40), mk(100, 60)},
		{mk(100, 60), mk(100, 40)},
		{mk(10, 4), mk(10, 6)},
		{mk(10, 10), mk(0, 0)},
	} {
		c, err := funnel.Compare(pair[0], pair[1], 0.05)
		if err != nil {
			t.Fatal(err)
		}
		reasons = append(reasons, c.Steps[0].Reason)
	}
	var b strings.Builder
	for _, r := range reasons {
		b.WriteString(r.Code + "\n  en:    " + r.Text("en") + "\n  zh-CN: " + r.Text("zh-CN") + "\n")
	}
	golden := filepath.Join("testdata", "reasons.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	for _, r := range reasons {
		if r.String() != r.Text("en") || r.Text("fr") != r.Text("en") || r.Text("zh") != r.Text("en") {
			t.Errorf("%s: String, Text(fr) and Text(zh) should be the English sentence", r.Code)
		}
	}
}
