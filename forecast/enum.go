package forecast

import "strconv"

// enumNames maps an enum's values to their wire names: names[v] is the name
// of value v, and "" marks a value that has none (an invalid zero).
type enumNames []string

// str returns the name of v, or "Type(v)" for a value without a name.
func (n enumNames) str(typ string, v int) string {
	if v >= 0 && v < len(n) && n[v] != "" {
		return n[v]
	}
	return typ + "(" + strconv.Itoa(v) + ")"
}

// text returns the name of v for MarshalText; a value without a name is a
// *FieldError naming field and wrapping ErrUnknownName.
func (n enumNames) text(field, typ string, v int) ([]byte, error) {
	if v >= 0 && v < len(n) && n[v] != "" {
		return []byte(n[v]), nil
	}
	return nil, fieldErr(field, n.str(typ, v), ErrUnknownName)
}

// parse returns the value named b for UnmarshalText; any other text,
// "" included, is a *FieldError naming field and wrapping ErrUnknownName.
func (n enumNames) parse(field string, b []byte) (int, error) {
	if len(b) > 0 {
		for i, name := range n {
			if name == string(b) {
				return i, nil
			}
		}
	}
	return 0, fieldErr(field, string(b), ErrUnknownName)
}

// label returns the name for people of value v in lang, from labels (an
// English and a Chinese name for each value, in the order of n), chosen as
// Labels.Get chooses; a value without a name gives its String.
func (n enumNames) label(typ string, v int, labels [][2]string, lang string) string {
	if v < 0 || v >= len(n) || v >= len(labels) || n[v] == "" {
		return n.str(typ, v)
	}
	return Labels{"en": labels[v][0], "zh-CN": labels[v][1]}.Get(lang)
}
