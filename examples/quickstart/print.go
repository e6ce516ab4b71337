package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// printer writes the report in one language and keeps the first write
// error.
type printer struct {
	w    io.Writer
	lang string
	err  error
}

// tr returns en or zh by the report's language.
func (p *printer) tr(en, zh string) string {
	if p.lang == "zh-CN" {
		return zh
	}
	return en
}

func (p *printer) linef(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

// title prints the report's title, double-underlined.
func (p *printer) title(s string) { p.linef("%s\n%s", s, strings.Repeat("=", width(s))) }

// heading prints a section heading, underlined, after a blank line.
func (p *printer) heading(s string) { p.linef("\n%s\n%s", s, strings.Repeat("-", width(s))) }

// table prints rows under header in aligned columns, two spaces apart,
// indented by two. Columns whose header starts with ">" are right-aligned
// (the ">" is not printed); widths count a Chinese character as two
// columns, as a terminal shows it.
func (p *printer) table(header []string, rows [][]string) {
	right := make([]bool, len(header))
	cols := make([]int, len(header))
	head := make([]string, len(header))
	for i, h := range header {
		right[i] = strings.HasPrefix(h, ">")
		head[i] = strings.TrimPrefix(h, ">")
		cols[i] = width(head[i])
	}
	for _, r := range rows {
		for i, c := range r {
			cols[i] = max(cols[i], width(c))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range cells {
			gap := strings.Repeat(" ", cols[i]-width(c))
			if right[i] {
				b.WriteString(gap + c)
			} else if i < len(cells)-1 {
				b.WriteString(c + gap)
			} else {
				b.WriteString(c)
			}
			if i < len(cells)-1 {
				b.WriteString("  ")
			}
		}
		p.linef("%s", strings.TrimRight(b.String(), " "))
	}
	line(head)
	for _, r := range rows {
		line(r)
	}
}

// width is the number of terminal columns s takes: two for each wide
// (Chinese, Japanese, Korean or full-width) character.
func width(s string) int {
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

// money formats an amount with thousands separators and two decimals.
func money(d decimal.Decimal) string {
	s := d.StringFixed(2)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	return sign + group(whole) + "." + frac
}

// whole formats an amount rounded to a whole number, with separators.
func whole(d decimal.Decimal) string {
	s := d.Round(0).String()
	if strings.HasPrefix(s, "-") {
		return "-" + group(s[1:])
	}
	return group(s)
}

// group puts a comma between every three digits of the digit string s.
func group(s string) string {
	var b strings.Builder
	for i := range utf8.RuneCountInString(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// pct formats a ratio as a percentage with one decimal.
func pct(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }

// bar draws f of a bar n characters long.
func bar(f float64, n int) string {
	k := int(f*float64(n) + 0.5)
	k = min(max(k, 0), n)
	return strings.Repeat("█", k) + strings.Repeat("░", n-k)
}
