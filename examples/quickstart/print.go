package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/saleskit/saleskit/examples/internal/console"
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
func (p *printer) title(s string) { p.linef("%s\n%s", s, strings.Repeat("=", console.Width(s))) }

// heading prints a section heading, underlined, after a blank line.
func (p *printer) heading(s string) { p.linef("\n%s\n%s", s, strings.Repeat("-", console.Width(s))) }

// table prints rows under header in aligned columns, indented by two,
// with console.Table. Columns whose header starts with ">" are
// right-aligned (the ">" is not printed).
func (p *printer) table(header []string, rows [][]string) {
	align := make([]byte, len(header))
	head := make([]string, len(header))
	for i, h := range header {
		align[i] = 'l'
		if strings.HasPrefix(h, ">") {
			align[i] = 'r'
		}
		head[i] = strings.TrimPrefix(h, ">")
	}
	t := console.NewTable(string(align), head...)
	t.Indent = "  "
	for _, r := range rows {
		t.Row(r...)
	}
	var b strings.Builder
	t.Write(&b)
	p.linef("%s", strings.TrimSuffix(b.String(), "\n"))
}

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
