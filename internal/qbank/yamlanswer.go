package qbank

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/shopdojo/shopdojo/internal/quiz"
)

// answer reads answer in the form of q's type.
func (d *qdecoder) answer(q *quiz.Question, n *yaml.Node, rel string) {
	if n == nil || isNull(n) {
		return
	}
	switch q.Type {
	case quiz.Single, quiz.Multiple:
		q.Answer.Choices = d.keyList(n, rel)
	case quiz.Ordering:
		q.Answer.Order = d.keyList(n, rel)
	case quiz.TrueFalse:
		if key, ok := truth(d.text(n, rel)); ok {
			q.Answer.Choices = []string{key}
		}
	case quiz.Fill:
		q.Answer.Blanks = d.blanks(n, rel)
		if marks := countBlankMarks(q.Stem); marks > 0 && marks != len(q.Answer.Blanks) {
			d.add(rel, n.Line, MsgBlankCountMismatch, map[string]any{"Blanks": marks, "Answers": len(q.Answer.Blanks)})
		}
	case quiz.Matching:
		q.Answer.Pairs = d.pairs(n, rel)
	}
}

// keyList reads option keys as a list ([A, C, D]) or one text ("ACD",
// "A、C、D").
func (d *qdecoder) keyList(n *yaml.Node, rel string) []string {
	if n.Kind != yaml.SequenceNode {
		s := d.text(n, rel)
		keys, ok := parseKeys(s)
		if !ok {
			d.add(rel, n.Line, MsgAnswerKeysInvalid, map[string]any{"Value": s})
		}
		return keys
	}
	keys := make([]string, 0, len(n.Content))
	for i, item := range n.Content {
		keys = append(keys, normKey(d.text(item, fmt.Sprintf("%s[%d]", rel, i))))
	}
	return keys
}

// blanks reads a fill answer: a list of blanks, each a text or a list of
// accepted texts; a single text is one blank. No separators are split
// here, so "1/2" is one accepted answer.
func (d *qdecoder) blanks(n *yaml.Node, rel string) [][]string {
	if n.Kind != yaml.SequenceNode {
		if s := d.text(n, rel); s != "" {
			return [][]string{{s}}
		}
		return nil
	}
	blanks := make([][]string, 0, len(n.Content))
	for i, item := range n.Content {
		at := fmt.Sprintf("%s[%d]", rel, i)
		d.lines[at] = item.Line
		alts := []string{}
		if item.Kind != yaml.SequenceNode {
			item = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{item}}
		}
		for j, a := range item.Content {
			if s := d.text(a, fmt.Sprintf("%s[%d]", at, j)); s != "" {
				alts = append(alts, s)
			}
		}
		blanks = append(blanks, alts)
	}
	return blanks
}

// pairs reads a matching answer: option key → target key.
func (d *qdecoder) pairs(n *yaml.Node, rel string) map[string]string {
	if !d.kind(n, rel, yaml.MappingNode) {
		return nil
	}
	pairs := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := normKey(d.text(n.Content[i], rel))
		if _, dup := pairs[k]; dup {
			d.add(rel, n.Content[i].Line, MsgYAMLDuplicateKey, map[string]any{"Key": k})
		}
		pairs[k] = normKey(d.text(n.Content[i+1], rel))
	}
	return pairs
}

// partial reads a preset name or {kind, subset_fraction, wrong_penalty}.
func (d *qdecoder) partial(n *yaml.Node, rel string) quiz.PartialRule {
	if n == nil || isNull(n) {
		return quiz.PartialRule{}
	}
	if n.Kind != yaml.MappingNode {
		s := d.text(n, rel)
		p, ok := parsePartial(s)
		if !ok {
			d.add(rel, n.Line, MsgPartialInvalid, map[string]any{"Value": s})
		}
		return p
	}
	f := d.fields(n, rel, []string{"kind", "subset_fraction", "wrong_penalty"})
	p := quiz.PartialRule{Kind: partialKind(d.text(f["kind"], joinPath(rel, "kind")))}
	p.SubsetFraction = d.fraction(f["subset_fraction"], joinPath(rel, "subset_fraction"))
	p.WrongPenalty = d.fraction(f["wrong_penalty"], joinPath(rel, "wrong_penalty"))
	return p
}

// partialKind reads a kind by any of its names; an unknown one is kept for
// Validate to report.
func partialKind(s string) quiz.PartialKind {
	if f := fold(s); f == "custom" || f == "自定义" {
		return quiz.Custom
	}
	if p, ok := parsePartial(s); ok && p.Kind != quiz.Custom {
		return p.Kind
	}
	return quiz.PartialKind(s)
}

// fraction reads 0.25 or 25%.
func (d *qdecoder) fraction(n *yaml.Node, rel string) float64 {
	s := d.text(n, rel)
	if s == "" {
		return 0
	}
	if m := fractionRE.FindString(s); m != "" && m == strings.TrimSpace(s) {
		return fraction(m)
	}
	d.add(rel, d.lineOf(rel), MsgPartialInvalid, map[string]any{"Value": s})
	return 0
}
