// Command readme is the sample program of the README: a 2025 target split
// exactly into quarters and months, and its progress on 1 July explained
// in English and Chinese.
package main

import (
	"fmt"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

func main() {
	// 10,000,000 for 2025: quarters, and each quarter into months, exactly.
	start, end := target.MustDate("2025-01-01"), target.MustDate("2026-01-01")
	plan, err := target.SplitNested(decimal.NewFromInt(10_000_000), start, end,
		[]target.Grain{target.Quarter, target.Month}, 2, nil)
	if err != nil {
		panic(err)
	}
	for _, m := range plan.Children(0, 0) { // the months of Q1
		fmt.Println(m.Label, m.Target)
	}

	// Progress on the morning of 1 July in Shanghai, 4,260,400 won so far.
	asOf := time.Date(2025, 7, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	p, err := target.Track(plan.Level(target.Month), decimal.NewFromInt(4_260_400), asOf, 2, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Status, "|", p.Reason)
	fmt.Println(p.Reason.Text("zh-CN"))
}
