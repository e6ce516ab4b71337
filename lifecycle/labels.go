package lifecycle

import "strings"

// Labels maps BCP 47 language tags ("en", "zh-CN") to display text. A nil
// Labels is empty.
type Labels map[string]string

// Get returns the text for lang: the entry for lang itself, else the entry
// for its base language ("zh" for "zh-CN"), else the entry for "en", else "".
// Tags match case-insensitively, and "_" matches "-" ("zh_cn" finds
// "zh-CN"). Callers that label a keyed thing fall back to its key when Get
// returns "": every Label method of the package does.
func (l Labels) Get(lang string) string {
	if len(l) == 0 {
		return ""
	}
	return choose(lang, l.find)
}

// choose returns the text for lang in the order Labels.Get documents, asking
// find for the entry of one tag at a time.
func choose(lang string, find func(tag string) (string, bool)) string {
	if s, ok := find(lang); ok {
		return s
	}
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		if s, ok := find(lang[:i]); ok {
			return s
		}
	}
	s, _ := find("en")
	return s
}

// find returns the entry whose tag equals tag, ignoring case and taking "_"
// for "-". When several do, the smallest tag wins, so the result never
// depends on map order.
func (l Labels) find(tag string) (string, bool) {
	if s, ok := l[tag]; ok {
		return s, true
	}
	best, text, found := "", "", false
	for k, v := range l {
		if sameTag(k, tag) && (!found || k < best) {
			best, text, found = k, v, true
		}
	}
	return text, found
}

// sameTag reports whether a and b are the same language tag, ignoring case
// and taking "_" for "-".
func sameTag(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == '_' {
			x = '-'
		}
		if y == '_' {
			y = '-'
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// orKey returns text, or key when text is empty: a labelled thing's label
// falls back to its key.
func orKey(text, key string) string {
	if text == "" {
		return key
	}
	return text
}

// span is a range [lo, hi) of one of a Definition's tables.
type span struct {
	lo, hi int32
}

// label is one language's text inside a labelTable: the tag as an index into
// tags, the text as a range of text.
type label struct {
	tag    int32
	lo, hi int32
}

// labelTable holds every label of a built Definition: the text of all of
// them in one string and the rest as integers, so that building copies the
// caller's maps into a few pointer-free allocations.
type labelTable struct {
	tags []string
	text string
	list []label
	buf  strings.Builder // the text while building
}

// add appends l's entries and returns their span. Their order does not
// matter: get chooses as Labels.Get does and labels makes a map of them.
// Most maps hold the tags seen before, so add looks those up first and
// iterates the map (a slower operation) only when it holds a tag not seen
// yet.
func (t *labelTable) add(l Labels) span {
	lo := int32(len(t.list))
	if len(l) == 0 {
		return span{lo, lo}
	}
	known := len(t.tags)
	found := 0
	for i, tag := range t.tags[:known] {
		if v, ok := l[tag]; ok {
			t.put(i, v)
			found++
		}
	}
	if found < len(l) {
	next:
		for k, v := range l {
			for _, tag := range t.tags[:known] {
				if tag == k {
					continue next
				}
			}
			t.put(len(t.tags), v)
			t.tags = append(t.tags, k)
		}
	}
	return span{lo, int32(len(t.list))}
}

func (t *labelTable) put(tag int, text string) {
	start := t.buf.Len()
	t.buf.WriteString(text)
	t.list = append(t.list, label{int32(tag), int32(start), int32(t.buf.Len())})
}

// finish turns the text built by add into the table's string, without
// copying it.
func (t *labelTable) finish() {
	t.text = t.buf.String()
	t.buf = strings.Builder{}
}

// get returns the text of s for lang, chosen as [Labels.Get] chooses.
func (t *labelTable) get(s span, lang string) string {
	if t == nil || s.lo == s.hi {
		return ""
	}
	part := t.list[s.lo:s.hi]
	return choose(lang, func(tag string) (string, bool) {
		best, text, found := "", "", false
		for _, l := range part {
			if k := t.tags[l.tag]; sameTag(k, tag) && (!found || k < best) {
				best, text, found = k, t.text[l.lo:l.hi], true
			}
		}
		return text, found
	})
}

// labels returns a fresh map of s's entries, or nil when s is empty.
func (t *labelTable) labels(s span) Labels {
	if t == nil || s.lo == s.hi {
		return nil
	}
	m := make(Labels, s.hi-s.lo)
	for _, l := range t.list[s.lo:s.hi] {
		m[t.tags[l.tag]] = t.text[l.lo:l.hi]
	}
	return m
}
