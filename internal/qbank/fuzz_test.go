package qbank

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte(head + "单选,题干,a,b,,,A,1,,,,\n"))
	f.Add([]byte("\ufeff标题\n" + head + "匹配,连,a=1,b＝2,\\=c=3,,1|2|\\|3,2,,易,x\\ y,\n"))
	f.Add([]byte(head + "填空,____ ____,,,,,a/b|\\/c,1,,,,自定义 50% 25%\n案例,x,,,,,,1,,,,\n"))
	f.Add([]byte("题型\t题干\t答案\n判断\t\"多\n行\"\t√\n"))
	f.Add([]byte("\xcc\xe2\xd0\xcd,\xcc\xe2\xb8\xc9\n")) // GBK 题型,题干
	f.Add([]byte("PK\x03\x04"))
	if b, err := Template(); err == nil {
		f.Add(b)
	}
	var buf bytes.Buffer
	if err := Export(&buf, "xlsx", sheetQuestions(), "en"); err == nil {
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, probs, err := Parse(bytes.NewReader(data), 20)
		if err != nil {
			t.Fatalf("Parse returned error for in-memory input: %v", err)
		}
		if len(rows) > 20 {
			t.Fatalf("%d rows beyond the limit", len(rows))
		}
		for _, r := range rows {
			if r.Line < 2 {
				t.Fatalf("row with line %d", r.Line)
			}
		}
		for _, p := range probs {
			if p.Line < 0 || (p.Line == 0 && p.Field != "") || !knownMessage(p.Msg) {
				t.Fatalf("bad problem %+v", p)
			}
			checkArgs(t, p)
		}
	})
}

func FuzzParseYAML(f *testing.F) {
	f.Add([]byte(handBank))
	f.Add([]byte("- {type: fill, stem: ____, answer: [[a, b]], points: 1}\n---\n- &x {type: short}\n- *x\n"))
	f.Add([]byte("type: matching\noptions: [a]\ntargets: {1: b}\nanswer: {A: 1, A: 2}\npartial: {kind: 自定义}\n"))
	f.Add([]byte("- type: case\n  sub: [{type: case, sub: [1]}]\n"))
	var buf bytes.Buffer
	if err := ExportYAML(&buf, append(sheetQuestions(), caseQuestion())); err == nil {
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		qs, probs, err := ParseYAML(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("ParseYAML returned error for in-memory input: %v", err)
		}
		for _, p := range probs {
			if p.Line < 0 || !knownMessage(p.Msg) || (p.Field != "" && !strings.HasPrefix(p.Field, "questions[")) {
				t.Fatalf("bad problem %+v", p)
			}
			checkArgs(t, p)
		}
		if len(probs) == 0 {
			// A clean bank must survive its own export.
			var out bytes.Buffer
			if err := ExportYAML(&out, qs); err != nil {
				t.Fatalf("ExportYAML: %v", err)
			}
			again, probs, _ := ParseYAML(&out)
			if diff := cmp.Diff(qs, again, equateEmpty); len(probs) > 0 || diff != "" {
				t.Fatalf("re-export: %v %s\n%s", probs, diff, out.String())
			}
		}
	})
}
