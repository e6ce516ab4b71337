package console

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestMoney(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0.00", "1234.5": "1,234.50", "-1234567.891": "-1,234,567.89", "999.995": "1,000.00", "100": "100.00",
	} {
		if got := Money(decimal.RequireFromString(in)); got != want {
			t.Errorf("Money(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestWidth(t *testing.T) {
	for in, want := range map[string]int{"": 0, "abc": 3, "销售线索": 8, "a销b": 4, "（上海）": 8, "–": 1} {
		if got := Width(in); got != want {
			t.Errorf("Width(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestTableAligns: a Chinese cell pads by display width, so the columns
// after it line up: the first column is 8 wide (销售线索), the second 3
// (380), 13 with the gap.
func TestTableAligns(t *testing.T) {
	tb := NewTable("lr", "stage", "n")
	tb.Row("销售线索", "380")
	tb.Row("won", "39")
	var b strings.Builder
	tb.Write(&b)
	want := "stage       n\n-------------\n销售线索  380\nwon        39\n"
	if b.String() != want {
		t.Errorf("table =\n%s\nwant\n%s", b.String(), want)
	}
}
