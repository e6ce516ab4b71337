package main

import (
	"fmt"
	"github.com/saleskit/saleskit/examples/internal/console"
	"io"
	"strings"

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

// width is the number of terminal columns s takes.
func width(s string) int { return console.Width(s) }

// money formats an amount with thousands separators and two decimals.
func money(d decimal.Decimal) string { return console.Money(d) }

// whole formats an amount rounded to a whole number, with separators.
func whole(d decimal.Decimal) string {
	s := d.Round(0).String()
	if strings.HasPrefix(s, "-") {
		return "-" + console.Group(s[1:])
	}
	return console.Group(s)
}

// pct formats a ratio as a percentage with one decimal.
func pct(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }

// bar draws f of a bar n characters long.
func bar(f float64, n int) string {
	k := int(f*float64(n) + 0.5)
	k = min(max(k, 0), n)
	return strings.Repeat("█", k) + strings.Repeat("░", n-k)
}
