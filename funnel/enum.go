package funnel

// enumText returns names[v] for a valid v and ok=false otherwise.
func enumText(names []string, v int) (string, bool) {
	if v < 0 || v >= len(names) || names[v] == "" {
		return "", false
	}
	return names[v], true
}

// parseEnum returns the index of text in names, or a *FieldError naming typ
// that wraps [ErrUnknownName].
func parseEnum(names []string, typ string, text []byte) (int, error) {
	for i, n := range names {
		if n != "" && n == string(text) {
			return i, nil
		}
	}
	return 0, fieldErr(typ, string(text), ErrUnknownName)
}
