package target

import (
	"strings"

	"github.com/shopspring/decimal"
)

// formatAmount writes d with thousands separators, as reasons quote it:
// 18000000 → "18,000,000", -1234.5 → "-1,234.5".
func formatAmount(d decimal.Decimal) string {
	s := d.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// formatPercent writes the fraction f as a percentage with at most two
// decimals: 0.8 → "80%", 0.12345 → "12.35%".
func formatPercent(f decimal.Decimal) string {
	return f.Shift(2).Round(2).String() + "%"
}
