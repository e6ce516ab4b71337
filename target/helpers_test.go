package target_test

import (
	"testing"
	"time"

	"github.com/saleskit/saleskit/target"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func ds(ss ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = d(s)
	}
	return out
}

func ones(n int) []decimal.Decimal {
	out := make([]decimal.Decimal, n)
	for i := range out {
		out[i] = decimal.NewFromInt(1)
	}
	return out
}

// day returns the date "2006-01-02".
func day(s string) target.Date { return target.MustDate(s) }

// at returns the first instant of the date "2006-01-02" in UTC, an asOf.
func at(s string) time.Time { return target.MustDate(s).In(time.UTC) }

func sum(parts []decimal.Decimal) decimal.Decimal {
	var s decimal.Decimal
	for _, p := range parts {
		s = s.Add(p)
	}
	return s
}

// equalDecimals fails the test unless got equals want element by element, by value.
func equalDecimals(t *testing.T, what string, got, want []decimal.Decimal) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s = %v (%d parts), want %v (%d parts)", what, got, len(got), want, len(want))
	}
	for i := range got {
		if !got[i].Equal(want[i]) {
			t.Fatalf("%s = %v, want %v (part %d differs)", what, got, want, i)
		}
	}
}

// china2025 is the State Council's 2025 public-holiday schedule for mainland
// China (国办发明电〔2024〕12号): days off and make-up working days (调休).
func china2025(t testing.TB) target.WeekdayCalendar {
	t.Helper()
	var h target.Holidays
	for _, s := range []string{
		"2025-01-01",            // 元旦
		"2025-01-28/2025-02-04", // 春节
		"2025-04-04/2025-04-06", // 清明节
		"2025-05-01/2025-05-05", // 劳动节
		"2025-05-31/2025-06-02", // 端午节
		"2025-10-01/2025-10-08", // 国庆节、中秋节
	} {
		h.Off = append(h.Off, target.MustDateRange(s))
	}
	for _, s := range []string{"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"} {
		h.Work = append(h.Work, target.MustDateRange(s))
	}
	c, err := target.NewWeekdayCalendar(h)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
