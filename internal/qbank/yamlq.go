package qbank

import (
	"fmt"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/sheet"
)

// questionFields are the keys a question mapping may have, in the order
// ExportYAML writes them.
func questionFields() []string {
	return []string{"id", "type", "stem", "attachment", "options", "targets", "answer", "partial",
		"points", "difficulty", "tags", "explanation", "rubric", "sub", "en"}
}

// translationFields are the fields of a question's en mapping.
func translationFields() []string {
	return []string{"stem", "options", "targets", "attachment", "explanation", "rubric"}
}

// usesField reports whether a question of type t has the field; the
// others would be lost, so they are reported.
func usesField(t quiz.Type, field string) bool {
	switch field {
	case "options":
		return slices.Contains([]quiz.Type{quiz.Single, quiz.Multiple, quiz.TrueFalse, quiz.Ordering, quiz.Matching}, t)
	case "targets":
		return t == quiz.Matching
	case "answer":
		return t != quiz.Short && t != quiz.Case
	case "partial":
		return t == quiz.Multiple
	case "rubric":
		return t == quiz.Short || t == quiz.Case
	case "attachment", "sub":
		return t == quiz.Case
	}
	return true
}

// fieldNodes holds a mapping's values by key.
type fieldNodes map[string]*yaml.Node

// fields reads a mapping's keys, reporting unknown and repeated ones, and
// records the line of each under rel.
func (d *qdecoder) fields(n *yaml.Node, rel string, known []string) fieldNodes {
	f := fieldNodes{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		at := joinPath(rel, k.Value)
		switch {
		case k.Kind != yaml.ScalarNode:
			d.add(rel, k.Line, MsgYAMLWantText, nil)
		case !slices.Contains(known, k.Value):
			d.add(at, k.Line, MsgYAMLUnknownField, map[string]any{"Field": k.Value})
		case f[k.Value] != nil:
			d.add(at, k.Line, MsgYAMLDuplicateKey, map[string]any{"Key": k.Value})
		default:
			f[k.Value] = v
			d.lines[at] = k.Line
		}
	}
	return f
}

// question decodes a question mapping at rel ("" or "sub[1]").
func (d *qdecoder) question(n *yaml.Node, rel string, isSub bool) quiz.Question {
	d.lines[rel] = n.Line
	if !d.kind(n, rel, yaml.MappingNode) {
		return quiz.Question{}
	}
	f := d.fields(n, rel, questionFields())
	at := func(name string) string { return joinPath(rel, name) }
	q := quiz.Question{ID: d.text(f["id"], at("id")), Stem: d.text(f["stem"], at("stem")),
		Explanation: d.text(f["explanation"], at("explanation")), Rubric: d.text(f["rubric"], at("rubric")),
		Attachment: d.text(f["attachment"], at("attachment"))}
	written := d.text(f["type"], at("type"))
	t, known := typeByName(written)
	switch {
	case written == "":
		d.add(at("type"), d.lineOf(at("type")), MsgTypeRequired, nil)
	case known:
		q.Type = t
	default:
		q.Type = quiz.Type(written) // Validate reports quiz.type_unknown
	}
	d.numbers(&q, f, rel, isSub)
	q.Tags = d.tags(f["tags"], at("tags"))
	if known {
		d.body(&q, f, rel)
		d.unused(t, written, f, rel)
	}
	return q
}

func (d *qdecoder) numbers(q *quiz.Question, f fieldNodes, rel string, isSub bool) {
	var ok bool
	at := joinPath(rel, "points")
	if s := d.text(f["points"], at); s != "" {
		if q.Points, ok = parsePoints(s); !ok {
			d.add(at, d.lineOf(at), MsgPointsNotNumber, map[string]any{"Value": s})
		}
	}
	def := defaultDifficulty
	if isSub {
		def = 0 // sub-questions are drawn with their case
	}
	at = joinPath(rel, "difficulty")
	s := d.text(f["difficulty"], at)
	if q.Difficulty, ok = parseDifficulty(s, def); !ok {
		d.add(at, d.lineOf(at), MsgDifficultyInvalid, map[string]any{"Value": s})
	}
	q.Partial = d.partial(f["partial"], joinPath(rel, "partial"))
}

func (d *qdecoder) body(q *quiz.Question, f fieldNodes, rel string) {
	at := func(name string) string { return joinPath(rel, name) }
	first := "A"
	if q.Type == quiz.TrueFalse {
		first = "T" // a list of labels names 对 then 错
	}
	q.Options = d.options(f["options"], at("options"), first)
	q.Targets = d.options(f["targets"], at("targets"), "1")
	d.answer(q, f["answer"], at("answer"))
	q.EN = d.translation(f["en"], at("en"), q)
	if n := f["sub"]; n != nil && d.kind(n, at("sub"), yaml.SequenceNode) {
		for i, item := range n.Content {
			q.Sub = append(q.Sub, d.question(item, fmt.Sprintf("%s[%d]", at("sub"), i), true))
		}
	}
}

// unused reports fields the type does not have, which would be lost.
func (d *qdecoder) unused(t quiz.Type, written string, f fieldNodes, rel string) {
	for _, name := range questionFields() {
		if f[name] != nil && !usesField(t, name) {
			at := joinPath(rel, name)
			d.add(at, d.lineOf(at), MsgFieldUnused, map[string]any{"Type": written})
		}
	}
}

// kind checks n's kind, reporting aliases and other kinds at rel.
func (d *qdecoder) kind(n *yaml.Node, rel string, want yaml.Kind) bool {
	switch {
	case n.Kind == want:
		return true
	case n.Kind == yaml.AliasNode:
		d.add(rel, n.Line, MsgYAMLAlias, nil)
	case want == yaml.MappingNode:
		d.add(rel, n.Line, MsgYAMLWantMapping, nil)
	case want == yaml.SequenceNode:
		d.add(rel, n.Line, MsgYAMLWantList, nil)
	default:
		d.add(rel, n.Line, MsgYAMLWantText, nil)
	}
	return false
}

// text reads a scalar, trimmed; a missing or null value is "".
func (d *qdecoder) text(n *yaml.Node, rel string) string {
	if n == nil || isNull(n) || !d.kind(n, rel, yaml.ScalarNode) {
		return ""
	}
	return sheet.Trim(n.Value) // as in a spreadsheet cell; also the newline a | block ends with
}

// options reads a mapping of key → text, or a list keyed from first on
// ("A", "B", … or "1", "2", …).
func (d *qdecoder) options(n *yaml.Node, rel, first string) []quiz.Option {
	if n == nil || isNull(n) {
		return nil
	}
	var out []quiz.Option
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			at := fmt.Sprintf("%s[%d]", rel, len(out))
			d.lines[at] = n.Content[i].Line
			out = append(out, quiz.Option{Key: normKey(d.text(n.Content[i], at+".key")), Text: d.text(n.Content[i+1], at+".text")})
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			at := fmt.Sprintf("%s[%d]", rel, i)
			d.lines[at] = item.Line
			out = append(out, quiz.Option{Key: nthKey(first, i), Text: d.text(item, at+".text")})
		}
	default:
		d.kind(n, rel, yaml.MappingNode)
	}
	return out
}

// nthKey is the i-th key counting from first: A, B, …; 1, 2, …; or T, F.
func nthKey(first string, i int) string {
	switch {
	case first == "1":
		return strconv.Itoa(i + 1)
	case first == "T" && i < 2:
		return []string{"T", "F"}[i]
	case first == "T":
		return "" // a third label; Validate ignores true/false options
	}
	return string(rune('A' + i))
}

func (d *qdecoder) tags(n *yaml.Node, rel string) []string {
	if n == nil || n.Kind != yaml.SequenceNode {
		return splitTags(d.text(n, rel))
	}
	var tags []string
	for i, item := range n.Content {
		if t := d.text(item, fmt.Sprintf("%s[%d]", rel, i)); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

// translation decodes a question's en mapping: its texts in English.
// Options and targets are mappings by key, or lists in the question's
// order of keys.
func (d *qdecoder) translation(n *yaml.Node, rel string, q *quiz.Question) *quiz.Text {
	if n == nil || isNull(n) || !d.kind(n, rel, yaml.MappingNode) {
		return nil
	}
	f := d.fields(n, rel, translationFields())
	at := func(name string) string { return joinPath(rel, name) }
	return &quiz.Text{Stem: d.text(f["stem"], at("stem")), Attachment: d.text(f["attachment"], at("attachment")),
		Explanation: d.text(f["explanation"], at("explanation")), Rubric: d.text(f["rubric"], at("rubric")),
		Options: d.translatedOptions(f["options"], at("options"), q.Options),
		Targets: d.translatedOptions(f["targets"], at("targets"), q.Targets)}
}

func (d *qdecoder) translatedOptions(n *yaml.Node, rel string, of []quiz.Option) []quiz.Option {
	if n == nil || n.Kind != yaml.SequenceNode {
		return d.options(n, rel, "A")
	}
	var out []quiz.Option
	for i, item := range n.Content {
		at := fmt.Sprintf("%s[%d]", rel, i)
		d.lines[at] = item.Line
		k := ""
		if i < len(of) {
			k = of[i].Key
		}
		out = append(out, quiz.Option{Key: k, Text: d.text(item, at+".text")})
	}
	return out
}
