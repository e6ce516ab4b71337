package lifecycle

import (
	"strconv"
	"strings"
)

// Mermaid returns the lifecycle as a Mermaid stateDiagram-v2, with labels
// for lang (see [Labels.Get]; keys stand in for missing labels). Each edge
// is labelled with its trigger and the gates and guards it must pass, so a
// reader sees where each gate stands. The output is deterministic: states
// and transitions appear in definition order.
func (d *Definition[S, T]) Mermaid(lang string) string {
	d = d.def()
	var b strings.Builder
	if title := d.Label(lang); title != "" {
		b.WriteString("---\ntitle: ")
		b.WriteString(strconv.Quote(title)) // a YAML double-quoted string
		b.WriteString("\n---\n")
	}
	b.WriteString("stateDiagram-v2\n")
	ids := d.mermaidIDs()
	for i := range d.states {
		b.WriteString("    state \"")
		b.WriteString(strings.ReplaceAll(mermaidText(d.stateText(int32(i), lang)), `"`, "#quot;"))
		b.WriteString("\" as ")
		b.WriteString(ids[i])
		b.WriteByte('\n')
	}
	if len(d.states) > 0 {
		b.WriteString("    [*] --> ")
		b.WriteString(ids[d.initial])
		b.WriteByte('\n')
	}
	for i := range d.trans {
		t := &d.trans[i]
		b.WriteString("    ")
		b.WriteString(ids[t.from])
		b.WriteString(" --> ")
		b.WriteString(ids[t.to])
		b.WriteString(" : ")
		b.WriteString(mermaidText(d.edgeText(t, lang)))
		b.WriteByte('\n')
	}
	for i := range d.states {
		if d.states[i].kind == Terminal {
			b.WriteString("    ")
			b.WriteString(ids[i])
			b.WriteString(" --> [*]\n")
		}
	}
	return b.String()
}

// mermaidIDs returns a Mermaid identifier per state: the key when it is a
// plain identifier, "s<index>" otherwise, or "s<index>" for every state if
// that would make two equal.
func (d *Definition[S, T]) mermaidIDs() []string {
	ids := make([]string, len(d.states))
	seen := make(map[string]bool, len(d.states))
	clash := false
	for i := range d.states {
		k := string(d.states[i].key)
		if !plainID(k) {
			k = "s" + strconv.Itoa(i)
		}
		clash = clash || seen[k]
		seen[k] = true
		ids[i] = k
	}
	if clash {
		for i := range ids {
			ids[i] = "s" + strconv.Itoa(i)
		}
	}
	return ids
}

func plainID(s string) bool {
	if s == "" || s == "state" || s == "note" || s == "direction" || s == "end" || s == "class" || s == "classDef" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// mermaidText escapes the characters Mermaid would read as syntax.
var mermaidText = strings.NewReplacer(
	"#", "#35;", ";", "#59;", ":", "#58;", "%", "#37;",
	"\n", " ", "\r", " ", "{", "#123;", "}", "#125;",
).Replace

// DOT returns the lifecycle as a Graphviz digraph, with labels for lang
// as [Definition.Mermaid] has them. Terminal states have a double border,
// internal transitions are dashed. The output is deterministic.
func (d *Definition[S, T]) DOT(lang string) string {
	d = d.def()
	var b strings.Builder
	b.WriteString("digraph ")
	b.WriteString(dotQuote(d.name))
	b.WriteString(" {\n")
	if title := d.Label(lang); title != "" {
		b.WriteString("    label=")
		b.WriteString(dotQuote(title))
		b.WriteString(";\n    labelloc=t;\n")
	}
	b.WriteString("    rankdir=LR;\n    node [shape=box, style=rounded];\n")
	start := "[*]"
	for {
		if _, taken := d.lookupState(S(start)); !taken {
			break
		}
		start += "*"
	}
	b.WriteString("    ")
	b.WriteString(dotQuote(start))
	b.WriteString(" [shape=point, label=\"\"];\n")
	for i := range d.states {
		s := &d.states[i]
		b.WriteString("    ")
		b.WriteString(dotQuote(string(s.key)))
		b.WriteString(" [label=")
		b.WriteString(dotQuote(d.stateText(int32(i), lang)))
		if s.kind == Terminal {
			b.WriteString(", peripheries=2")
		}
		b.WriteString("];\n")
	}
	if len(d.states) > 0 {
		b.WriteString("    ")
		b.WriteString(dotQuote(start))
		b.WriteString(" -> ")
		b.WriteString(dotQuote(string(d.states[d.initial].key)))
		b.WriteString(";\n")
	}
	for i := range d.trans {
		t := &d.trans[i]
		b.WriteString("    ")
		b.WriteString(dotQuote(string(d.states[t.from].key)))
		b.WriteString(" -> ")
		b.WriteString(dotQuote(string(d.states[t.to].key)))
		b.WriteString(" [label=")
		b.WriteString(dotQuote(d.edgeText(t, lang)))
		if t.internal {
			b.WriteString(", style=dashed")
		}
		b.WriteString("];\n")
	}
	b.WriteString("}\n")
	return b.String()
}

func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "").Replace(s) + `"`
}

// diagramWords are the words edgeText puts beside a trigger's label, in
// English and Chinese.
var diagramWords = map[string]Labels{
	"internal": {"en": "internal", "zh-CN": "内部"},
	"gate":     {"en": "gate", "zh-CN": "关卡"},
	"advisory": {"en": "advisory", "zh-CN": "建议关卡"},
	"guard":    {"en": "guard", "zh-CN": "守卫"},
	"sep":      {"en": ", ", "zh-CN": "，"},
}

// edgeText is a transition's label: its trigger, then its gates and guards
// in parentheses.
func (d *Definition[S, T]) edgeText(t *transition[S, T], lang string) string {
	var b strings.Builder
	b.WriteString(d.TriggerLabel(t.trigger, lang))
	var parts []string
	if t.internal {
		parts = append(parts, diagramWords["internal"].Get(lang))
	}
	for _, gi := range d.checks[t.check.lo:t.check.hi] {
		g := &d.gates[gi]
		name := orKey(d.labels.get(g.labels, lang), g.name)
		if g.mode == Advisory {
			parts = append(parts, diagramWords["advisory"].Get(lang)+" "+name)
		} else {
			parts = append(parts, diagramWords["gate"].Get(lang)+" "+name)
		}
	}
	for _, g := range d.guards[t.guards.lo:t.guards.hi] {
		parts = append(parts, diagramWords["guard"].Get(lang)+" "+g.name)
	}
	if len(parts) > 0 {
		sep := diagramWords["sep"].Get(lang)
		b.WriteString(" (")
		b.WriteString(strings.Join(parts, sep))
		b.WriteString(")")
	}
	return b.String()
}
