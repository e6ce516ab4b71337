// Package console prints the example programs' reports on a terminal:
// aligned tables whose widths count a Chinese character as two columns,
// section headings, and money with thousands separators. It is shared by
// the programs under examples/ and is not part of saleskit's API.
package console

import (
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
)

// Table is a table of text cells printed in aligned columns. Chinese
// characters take two columns on a terminal, so widths are counted in
// display columns, not in bytes or runes as fmt and text/tabwriter count
// them.
type Table struct {
	// Indent is written before every line, for a table under a heading.
	Indent string
	align  string // one letter a column: 'l' left, 'r' right
	rows   [][]string
}

// NewTable starts a table with its header; align has a letter for each
// column, 'l' for left-aligned and 'r' for right-aligned.
func NewTable(align string, header ...string) *Table {
	return &Table{align: align, rows: [][]string{header}}
}

// Row adds a row of cells.
func (t *Table) Row(cells ...string) { t.rows = append(t.rows, cells) }

// Write prints the header, a rule under it and the rows, two spaces
// between columns.
func (t *Table) Write(w io.Writer) {
	widths := make([]int, len(t.align))
	for _, r := range t.rows {
		for i, c := range r {
			widths[i] = max(widths[i], Width(c))
		}
	}
	for n, r := range t.rows {
		var b strings.Builder
		b.WriteString(t.Indent)
		for i, c := range r {
			gap := strings.Repeat(" ", widths[i]-Width(c))
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
			fmt.Fprintln(w, t.Indent+strings.Repeat("-", total))
		}
	}
}

// Width is the number of terminal columns s takes: two for each wide
// (Chinese, Japanese, Korean or full-width) character, one for any other.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

// wide reports whether a terminal shows r in two columns.
func wide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf && r != 0x303f) ||
		(r >= 0xac00 && r <= 0xd7a3) || (r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) ||
		(r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6))
}

// Heading prints a section heading.
func Heading(w io.Writer, title string) {
	fmt.Fprintf(w, "\n== %s\n\n", title)
}

// Money writes d rounded half away from zero to two decimals, with
// thousands separators, as the packages' sentences write amounts:
// 1234.5 → "1,234.50".
func Money(d decimal.Decimal) string {
	s := d.StringFixed(2)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	return sign + Group(whole) + "." + frac
}

// Group puts a comma between every three digits of a run of digits:
// "1234567" → "1,234,567".
func Group(digits string) string {
	var b strings.Builder
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

// Pct writes a fraction as a percentage with one decimal: 0.3245 →
// "32.5%".
func Pct(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }
