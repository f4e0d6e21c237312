package i18n

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// message is a translation cut at its placeholders: lits[0] name[0]
// lits[1] name[1] … lits[n].
type message struct {
	lits  []string
	names []string
}

// placeholder is the only template syntax the message files use.
var placeholder = regexp.MustCompile(`\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)

// splitMessage reads id's raw text in locale and cuts it at its
// placeholders. A message with any other template syntax is left to
// go-i18n (ok is false).
func splitMessage(raw string) (message, bool) {
	var msg message
	last := 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(raw, -1) {
		msg.lits = append(msg.lits, raw[last:m[0]])
		msg.names = append(msg.names, raw[m[2]:m[3]])
		last = m[1]
	}
	msg.lits = append(msg.lits, raw[last:])
	for _, l := range msg.lits {
		if strings.Contains(l, "{{") || strings.Contains(l, "}}") {
			return message{}, false
		}
	}
	return msg, true
}

// fillPairs is fill with args as alternating names and values, which
// spares the caller a map for the one or two arguments most messages take.
func (m message) fillPairs(pairs []any) string {
	return m.write(func(name string) (any, bool) { return pairValue(pairs, name) })
}

func pairValue(pairs []any, name string) (any, bool) {
	for i := 0; i+1 < len(pairs); i += 2 {
		if k, _ := pairs[i].(string); k == name {
			return pairs[i+1], true
		}
	}
	return nil, false
}

// pairsMap is pairs as go-i18n's template data.
func pairsMap(pairs []any) map[string]any {
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		m[fmt.Sprint(pairs[i])] = pairs[i+1]
	}
	return m
}

// fill writes the message with args in place of its placeholders, as
// text/template would print them (a missing one as "<no value>").
func (m message) fill(args map[string]any) string {
	return m.write(func(name string) (any, bool) { v, ok := args[name]; return v, ok })
}

func (m message) write(arg func(name string) (any, bool)) string {
	var sb strings.Builder
	for i, l := range m.lits {
		sb.WriteString(l)
		if i == len(m.names) {
			break
		}
		v, ok := arg(m.names[i])
		switch x := v.(type) {
		case string:
			sb.WriteString(x)
		case int:
			sb.WriteString(strconv.Itoa(x))
		case int64:
			sb.WriteString(strconv.FormatInt(x, 10))
		default:
			if !ok {
				sb.WriteString("<no value>")
			} else {
				fmt.Fprint(&sb, x)
			}
		}
	}
	return sb.String()
}
