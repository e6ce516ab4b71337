package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
)

// table prints rows in aligned columns. Chinese characters take two
// columns on a terminal, so widths are counted in display columns, not in
// bytes or runes as fmt and text/tabwriter count them.
type table struct {
	align string // one letter a column: 'l' left, 'r' right
	rows  [][]string
}

// newTable starts a table with its header; align has a letter for each
// column.
func newTable(align string, header ...string) *table {
	return &table{align: align, rows: [][]string{header}}
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

// write prints the header, a rule under it and the rows, two spaces
// between columns.
func (t *table) write(w io.Writer) {
	widths := make([]int, len(t.align))
	for _, r := range t.rows {
		for i, c := range r {
			widths[i] = max(widths[i], width(c))
		}
	}
	for n, r := range t.rows {
		var b strings.Builder
		for i, c := range r {
			gap := strings.Repeat(" ", widths[i]-width(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if t.align[i] == 'r' {
				b.WriteString(gap + c)
			} else {
				b.WriteString(c + gap)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		if n == 0 {
			total := 2 * (len(widths) - 1)
			for _, x := range widths {
				total += x
			}
			fmt.Fprintln(w, strings.Repeat("-", total))
		}
	}
}

// width is the number of terminal columns s takes: two for a wide
// (East Asian) character, one for any other.
func width(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xff60) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// heading prints a section heading.
func heading(w io.Writer, title string) {
	fmt.Fprintf(w, "\n== %s\n\n", title)
}

// money writes d with two decimals and thousands separators, as the
// packages' sentences do: 1234.5 → "1,234.50".
func money(d decimal.Decimal) string {
	s := d.StringFixed(2)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	return sign + b.String() + "." + frac
}

// pct writes a fraction as a percentage with one decimal: 0.3245 → "32.5%".
func pct(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }
