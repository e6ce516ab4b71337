package main

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// canvas accumulates one inline SVG element. Every attribute value and text
// it writes is escaped, so the result is well-formed XML whatever the labels
// hold. Attribute names and element names are the program's own constants.
type canvas struct {
	b strings.Builder
}

// newCanvas starts an SVG of w × h user units whose <title> (what a screen
// reader announces and a browser shows on hover) is title; desc, when not
// empty, is its longer <desc>.
func newCanvas(w, h float64, title, desc string) *canvas {
	c := &canvas{}
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img">`,
		num(w), num(h), num(w), num(h))
	fmt.Fprintf(&c.b, "<title>%s</title>", esc(title))
	if desc != "" {
		fmt.Fprintf(&c.b, "<desc>%s</desc>", esc(desc))
	}
	return c
}

// rect draws a rectangle; extra are further attribute name, value pairs.
func (c *canvas) rect(x, y, w, h float64, fill string, extra ...string) {
	fmt.Fprintf(&c.b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"%s/>`,
		num(x), num(y), num(math.Max(w, 0)), num(math.Max(h, 0)), esc(fill), attrs(extra))
}

// rectTip draws a rectangle whose tooltip (its <title>) is tip.
func (c *canvas) rectTip(x, y, w, h float64, fill, tip string, extra ...string) {
	fmt.Fprintf(&c.b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"%s><title>%s</title></rect>`,
		num(x), num(y), num(math.Max(w, 0)), num(math.Max(h, 0)), esc(fill), attrs(extra), esc(tip))
}

// text writes s at (x, y); anchor is start, middle or end, class one of the
// page's text styles.
func (c *canvas) text(x, y float64, anchor, class, s string, extra ...string) {
	fmt.Fprintf(&c.b, `<text x="%s" y="%s" text-anchor="%s" class="%s"%s>%s</text>`,
		num(x), num(y), esc(anchor), esc(class), attrs(extra), esc(s))
}

// line draws a straight line.
func (c *canvas) line(x1, y1, x2, y2 float64, stroke string, extra ...string) {
	fmt.Fprintf(&c.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"%s/>`,
		num(x1), num(y1), num(x2), num(y2), esc(stroke), attrs(extra))
}

// path draws a polyline through pts, or a polygon when closed.
func (c *canvas) path(pts [][2]float64, closed bool, stroke, fill string, extra ...string) {
	var d strings.Builder
	for i, p := range pts {
		if i > 0 {
			d.WriteString(" L")
		} else {
			d.WriteString("M")
		}
		d.WriteString(num(p[0]) + " " + num(p[1]))
	}
	if closed {
		d.WriteString(" Z")
	}
	fmt.Fprintf(&c.b, `<path d="%s" stroke="%s" fill="%s"%s/>`, d.String(), esc(stroke), esc(fill), attrs(extra))
}

// circle draws a dot whose tooltip (its <title>) is tip.
func (c *canvas) circle(x, y, r float64, fill, tip string) {
	fmt.Fprintf(&c.b, `<circle cx="%s" cy="%s" r="%s" fill="%s"><title>%s</title></circle>`,
		num(x), num(y), num(r), esc(fill), esc(tip))
}

// String closes the SVG and returns it.
func (c *canvas) String() string { return c.b.String() + "</svg>" }

// attrs writes name, value pairs as attributes, the values escaped.
func attrs(kv []string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		fmt.Fprintf(&b, ` %s="%s"`, kv[i], esc(kv[i+1]))
	}
	return b.String()
}

// num writes a coordinate with at most two decimals; a NaN or infinity
// (which no chart should produce) is written as 0 so the SVG stays valid.
func num(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		f = 0
	}
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}

// esc escapes s for XML text and attribute values: & < > " and '.
func esc(s string) string { return html.EscapeString(s) }

// The palette every chart shares. Colour only ever repeats what a chart
// also says in text.
const (
	ink      = "#1f2933"
	muted    = "#616e7c"
	gridline = "#e4e7eb"
	accent   = "#2563eb"
	accentBg = "#bfdbfe"
	barFill  = "#93c5fd"
	good     = "#16a34a"
	goodBg   = "#bbf7d0"
	warn     = "#d97706"
	warnBg   = "#fde68a"
	bad      = "#dc2626"
	badBg    = "#fecaca"
)
