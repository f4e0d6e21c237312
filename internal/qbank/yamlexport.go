package qbank

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/shopdojo/shopdojo/internal/quiz"
)

// ExportYAML writes qs as one YAML list that ParseYAML reads back to the
// same questions, case analyses included. Questions are separated by a
// blank line, multi-line texts are written as | blocks, and short lists in
// flow style, so the file reads like one an author wrote.
func ExportYAML(w io.Writer, qs []quiz.Question) error {
	if len(qs) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return wrapYAML(err)
	}
	var buf bytes.Buffer
	for i, q := range qs {
		if i > 0 {
			buf.WriteByte('\n')
		}
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		item := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{questionNode(q)}}
		if err := enc.Encode(item); err != nil {
			return wrapYAML(fmt.Errorf("question %d (%q): %w", i+1, q.ID, err))
		}
		if err := enc.Close(); err != nil {
			return wrapYAML(err)
		}
	}
	_, err := w.Write(buf.Bytes())
	return wrapYAML(err)
}

func wrapYAML(err error) error {
	if err != nil {
		return fmt.Errorf("qbank.ExportYAML: %w", err)
	}
	return nil
}

// mapping builds a block mapping, skipping nil values.
type mapping struct{ n *yaml.Node }

func newMapping() mapping { return mapping{&yaml.Node{Kind: yaml.MappingNode}} }

func (m mapping) set(key string, v *yaml.Node) {
	if v != nil {
		m.n.Content = append(m.n.Content, str(key), v)
	}
}

func questionNode(q quiz.Question) *yaml.Node {
	m := newMapping()
	m.set("id", text(q.ID))
	m.set("type", str(string(q.Type)))
	m.set("stem", text(q.Stem))
	m.set("attachment", text(q.Attachment))
	m.set("options", optionsNode(q.Options))
	m.set("targets", optionsNode(q.Targets))
	m.set("answer", answerNode(q))
	m.set("partial", partialNode(q.Partial))
	if q.Points != 0 {
		m.set("points", number(q.Points))
	}
	if q.Difficulty != 0 {
		m.set("difficulty", number(float64(q.Difficulty)))
	}
	if len(q.Tags) > 0 {
		m.set("tags", flowList(q.Tags))
	}
	m.set("explanation", text(q.Explanation))
	m.set("rubric", text(q.Rubric))
	m.set("en", translationNode(q.EN))
	if len(q.Sub) > 0 {
		subs := &yaml.Node{Kind: yaml.SequenceNode}
		for _, s := range q.Sub {
			subs.Content = append(subs.Content, questionNode(s))
		}
		m.set("sub", subs)
	}
	return m.n
}

func translationNode(t *quiz.Text) *yaml.Node {
	if t == nil {
		return nil
	}
	m := newMapping()
	m.set("stem", text(t.Stem))
	m.set("attachment", text(t.Attachment))
	m.set("options", optionsNode(t.Options))
	m.set("targets", optionsNode(t.Targets))
	m.set("explanation", text(t.Explanation))
	m.set("rubric", text(t.Rubric))
	return m.n
}

// str is a string scalar; the encoder quotes it when it would otherwise
// read as a number, a boolean or null.
func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

// text is str, or nil for "" so the field is left out.
func text(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	return str(s)
}

func number(f float64) *yaml.Node {
	tag := "!!float"
	if f == float64(int64(f)) {
		tag = "!!int"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: formatNumber(f)}
}

// key is an option or target key, unquoted when it is a number.
func key(k string) *yaml.Node {
	if k != "" && strings.Trim(k, "0123456789") == "" {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: k}
	}
	return str(k)
}

func flowList(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range items {
		n.Content = append(n.Content, str(s))
	}
	return n
}

func optionsNode(opts []quiz.Option) *yaml.Node {
	if len(opts) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, o := range opts {
		n.Content = append(n.Content, key(o.Key), str(o.Text))
	}
	return n
}

func answerNode(q quiz.Question) *yaml.Node {
	a := q.Answer
	switch q.Type {
	case quiz.Single:
		if len(a.Choices) == 1 {
			return str(a.Choices[0])
		}
		return keysNode(a.Choices)
	case quiz.Multiple:
		return keysNode(a.Choices)
	case quiz.Ordering:
		return keysNode(a.Order)
	case quiz.TrueFalse:
		return truthNode(a.Choices)
	case quiz.Fill:
		return blanksNode(a.Blanks)
	case quiz.Matching:
		return pairsNode(a.Pairs)
	}
	return nil
}

// truthNode writes true or false unquoted, as people write them.
func truthNode(choices []string) *yaml.Node {
	if len(choices) != 1 || (normKey(choices[0]) != "T" && normKey(choices[0]) != "F") {
		return keysNode(choices) // not a true/false answer; Validate says so
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: truthLabel(normKey(choices[0]), false)}
}

func keysNode(keys []string) *yaml.Node {
	if len(keys) == 0 {
		return nil
	}
	return flowList(keys)
}

// blanksNode writes a blank with one accepted answer as a text and one
// with several as a list: [[3分钟, 三分钟], 85%].
func blanksNode(blanks [][]string) *yaml.Node {
	if len(blanks) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, alts := range blanks {
		if len(alts) == 1 {
			n.Content = append(n.Content, str(alts[0]))
		} else {
			n.Content = append(n.Content, flowList(alts))
		}
	}
	return n
}

func pairsNode(pairs map[string]string) *yaml.Node {
	if len(pairs) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	for _, k := range slices.Sorted(maps.Keys(pairs)) {
		n.Content = append(n.Content, key(k), key(pairs[k]))
	}
	return n
}

func partialNode(p quiz.PartialRule) *yaml.Node {
	switch p.Kind {
	case "":
		return nil
	case quiz.Custom:
		m := newMapping()
		m.n.Style = yaml.FlowStyle
		m.set("kind", str(string(p.Kind)))
		m.set("subset_fraction", number(p.SubsetFraction))
		m.set("wrong_penalty", number(p.WrongPenalty))
		return m.n
	}
	return str(string(p.Kind))
}
