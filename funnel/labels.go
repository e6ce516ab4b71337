package funnel

import "strings"

// Labels maps BCP 47 language tags ("en", "zh-CN") to display text. A nil
// Labels is empty.
type Labels map[string]string

// Get returns the text for lang: the entry for lang itself, else the entry
// for its base language ("zh" for "zh-CN"), else the entry for "en", else "".
// Tags match case-insensitively, and "_" matches "-" ("zh_cn" finds
// "zh-CN"). Callers that label a keyed thing fall back to its key when Get
// returns "".
func (l Labels) Get(lang string) string {
	if len(l) == 0 {
		return ""
	}
	if s, ok := l.find(lang); ok {
		return s
	}
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		if s, ok := l.find(lang[:i]); ok {
			return s
		}
	}
	s, _ := l.find("en")
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
