package lifecycle

import "strings"

// Labels maps a locale ("en", "zh-CN") to display text. A nil Labels is
// empty.
type Labels map[string]string

// Get returns the text for locale; failing that, the text for its language
// ("zh" for "zh-CN"); failing that, "".
func (l Labels) Get(locale string) string {
	if s, ok := l[locale]; ok {
		return s
	}
	if lang, _, ok := strings.Cut(locale, "-"); ok {
		return l[lang]
	}
	return ""
}

// span is a range [lo, hi) of one of a Definition's tables.
type span struct {
	lo, hi int32
}

// label is one locale's text inside a labelTable: the locale as an index
// into locales, the text as a range of text.
type label struct {
	locale int32
	lo, hi int32
}

// labelTable holds every label of a built Definition: the text of all of
// them in one string and the rest as integers, so that building copies the
// caller's maps into a few pointer-free allocations.
type labelTable struct {
	locales []string
	text    string
	list    []label
	buf     strings.Builder // the text while building
}

// add appends l's entries and returns their span. Their order does not
// matter: get scans them and labels makes a map of them. Most maps hold the
// locales seen before, so add looks those up first and iterates the map (a
// slower operation) only when it holds a locale not seen yet.
func (t *labelTable) add(l Labels) span {
	lo := int32(len(t.list))
	if len(l) == 0 {
		return span{lo, lo}
	}
	known := len(t.locales)
	found := 0
	for i, loc := range t.locales[:known] {
		if v, ok := l[loc]; ok {
			t.put(i, v)
			found++
		}
	}
	if found < len(l) {
	next:
		for k, v := range l {
			for _, loc := range t.locales[:known] {
				if loc == k {
					continue next
				}
			}
			t.put(len(t.locales), v)
			t.locales = append(t.locales, k)
		}
	}
	return span{lo, int32(len(t.list))}
}

func (t *labelTable) put(locale int, text string) {
	start := t.buf.Len()
	t.buf.WriteString(text)
	t.list = append(t.list, label{int32(locale), int32(start), int32(t.buf.Len())})
}

// finish turns the text built by add into the table's string, without
// copying it.
func (t *labelTable) finish() {
	t.text = t.buf.String()
	t.buf = strings.Builder{}
}

// get looks up locale in s the way [Labels.Get] does.
func (t *labelTable) get(s span, locale string) string {
	if t == nil || s.lo == s.hi {
		return ""
	}
	part := t.list[s.lo:s.hi]
	for _, l := range part {
		if t.locales[l.locale] == locale {
			return t.text[l.lo:l.hi]
		}
	}
	if lang, _, ok := strings.Cut(locale, "-"); ok {
		for _, l := range part {
			if t.locales[l.locale] == lang {
				return t.text[l.lo:l.hi]
			}
		}
	}
	return ""
}

// labels returns a fresh map of s's entries, or nil when s is empty.
func (t *labelTable) labels(s span) Labels {
	if t == nil || s.lo == s.hi {
		return nil
	}
	m := make(Labels, s.hi-s.lo)
	for _, l := range t.list[s.lo:s.hi] {
		m[t.locales[l.locale]] = t.text[l.lo:l.hi]
	}
	return m
}
