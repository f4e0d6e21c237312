package qbank

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/shopdojo/shopdojo/internal/quiz"
)

// ParseYAML reads a YAML question bank: one or more YAML documents, each a
// list of questions or a single question, so authors may keep a bank as one
// list or separate its questions with ---. A question is a mapping:
//
//	# 客服基础.yaml
//	- id: cs-001                        # optional; required for sub-questions
//	  type: single                      # or 单选; multiple, truefalse, fill, ordering, matching, short, case
//	  stem: 天猫店铺“3 分钟人工响应率”统计的是？
//	  options: {A: …, B: …, C: …, D: …} # or a list, keyed A, B, … in order
//	  answer: A                         # see below
//	  points: 2
//	  difficulty: 2                     # 1–5 or 易…难; 3 when left out
//	  tags: [module:客服, platform:tmall]
//	  explanation: |
//	    Markdown …
//
// answer is a key (single), a list or "ACD" (multiple), true/false or 对/错
// (truefalse), a list of blanks each a text or a list of accepted texts
// (fill: [[3分钟, 三分钟], 85%]), the keys in order (ordering), or a mapping
// from option to target key (matching, with targets: {1: …, 2: …}). short
// and case take rubric; a case takes attachment (Markdown, e.g. a data
// table) and sub, a list of questions with ids. partial (multiple only) is
// exact, subset_half, proportional, 少选得一半 … or {kind: custom,
// subset_fraction: 0.5, wrong_penalty: 0.25}. Texts are trimmed.
//
// Problems carry a path such as "questions[3].options[1].text" (questions
// counted from 0 across documents) and the line it starts on; Validate's
// problems are included. Every question read is returned; import nothing
// when there are problems. error is kept for I/O failures of r.
func ParseYAML(r io.Reader) ([]quiz.Question, []Problem, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("qbank.ParseYAML: %w", err)
	}
	qs, probs := parseYAML(data)
	return qs, probs, nil
}

type yamlParser struct {
	qs      []quiz.Question
	probs   []Problem
	firstID map[string]int // question id → line of its first use
}

func parseYAML(data []byte) (qs []quiz.Question, probs []Problem) {
	// yaml.v3 parses untrusted text; should it panic, the author gets a
	// syntax problem and the server keeps running.
	defer func() {
		if p := recover(); p != nil {
			qs, probs = nil, []Problem{{Msg: MsgYAMLSyntax, Args: map[string]any{"Detail": fmt.Sprint(p)}}}
		}
	}()
	p := &yamlParser{firstID: map[string]int{}}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			p.probs = append(p.probs, syntaxProblem(err))
			break
		}
		p.document(&doc)
	}
	if len(p.qs) == 0 && len(p.probs) == 0 {
		p.probs = append(p.probs, Problem{Msg: MsgEmpty})
	}
	return p.qs, p.probs
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

func syntaxProblem(err error) Problem {
	line := 0
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	return Problem{Line: line, Msg: MsgYAMLSyntax, Args: map[string]any{"Detail": err.Error()}}
}

func (p *yamlParser) document(doc *yaml.Node) {
	root := doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		root = doc.Content[0]
	}
	switch {
	case root.Kind == yaml.SequenceNode:
		for _, item := range root.Content {
			p.question(item)
		}
	case root.Kind == yaml.MappingNode:
		p.question(root)
	case root.Kind == yaml.DocumentNode || isNull(root):
		// an empty document, such as after a trailing ---
	case root.Kind == yaml.AliasNode:
		p.probs = append(p.probs, Problem{Line: root.Line, Msg: MsgYAMLAlias})
	default:
		p.probs = append(p.probs, Problem{Line: root.Line, Msg: MsgYAMLWantList})
	}
}

// question decodes one top-level question and validates it. A question
// that is not a mapping is kept as a zero Question so the paths of the
// ones after it stay right.
func (p *yamlParser) question(n *yaml.Node) {
	d := &qdecoder{abs: fmt.Sprintf("questions[%d]", len(p.qs)), lines: map[string]int{}, covered: map[string]bool{}}
	q := d.question(n, "", false)
	if q.Type != "" {
		d.addValidation(q)
	}
	if first, dup := p.firstID[q.ID]; dup {
		d.add("id", d.lineOf("id"), MsgDuplicateID, map[string]any{"ID": q.ID, "First": first})
	} else if q.ID != "" {
		p.firstID[q.ID] = d.lineOf("id")
	}
	p.qs = append(p.qs, q)
	p.probs = append(p.probs, d.probs...)
}

// qdecoder decodes one top-level question with its sub-questions. Paths
// relative to the question ("options[1]", "sub[0].answer") are those of
// quiz's Validate, so its problems find their lines.
type qdecoder struct {
	abs     string          // "questions[3]"
	lines   map[string]int  // relative path → line it starts on
	covered map[string]bool // relative paths with a problem of our own
	probs   []Problem
}

func (d *qdecoder) add(rel string, line int, msg string, args map[string]any) {
	d.probs = append(d.probs, Problem{Line: line, Field: joinPath(d.abs, rel), Msg: msg, Args: args})
	d.covered[rel] = true
}

func joinPath(base, name string) string {
	switch {
	case base == "":
		return name
	case name == "":
		return base
	}
	return base + "." + name
}

// parentPath drops the last element: "sub[1].options[2]" → "sub[1].options"
// → "sub[1]" → "sub" → "".
func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// lineOf is the line of rel or of its nearest recorded ancestor.
func (d *qdecoder) lineOf(rel string) int {
	for ; rel != ""; rel = parentPath(rel) {
		if l, ok := d.lines[rel]; ok {
			return l
		}
	}
	return d.lines[""]
}

// isCovered reports whether rel or an ancestor already has our problem.
func (d *qdecoder) isCovered(rel string) bool {
	for ; rel != ""; rel = parentPath(rel) {
		if d.covered[rel] {
			return true
		}
	}
	return d.covered[""]
}

func (d *qdecoder) addValidation(q quiz.Question) {
	for _, p := range q.Validate() {
		if !d.isCovered(p.Field) {
			d.probs = append(d.probs, Problem{Line: d.lineOf(p.Field), Field: joinPath(d.abs, p.Field), Msg: p.Msg, Args: p.Args})
		}
	}
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }
