package roster

import (
	"bytes"
	"testing"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte(basicCSV))
	f.Add([]byte("\ufeff标题\n工号*,姓名,手机,入职日期,角色\nE1,张三,+86 138 0013 8000,45352,学员、讲师\n"))
	f.Add([]byte("工号\t姓名\n\"E1\"\t\"多\n行\"\n\n'=1,x\n"))
	f.Add([]byte("\xb9\xa4\xba\xc5,\xd0\xd5\xc3\xfb\nE1,\xd5\xc5\xc8\xfd\n")) // GBK 工号,姓名
	f.Add([]byte("\xff\xfeA\x00"))
	f.Add([]byte("PK\x03\x04"))
	if b, err := Template(); err == nil {
		f.Add(b)
	}
	var buf bytes.Buffer
	if err := Export(&buf, "xlsx", nil, peopleRows); err == nil {
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, probs, err := Parse(bytes.NewReader(data), 50)
		if err != nil {
			t.Fatalf("Parse returned error for in-memory input: %v", err)
		}
		if len(rows) > 50 {
			t.Fatalf("%d rows beyond the limit", len(rows))
		}
		for _, r := range rows {
			if r.Line < 2 {
				t.Fatalf("row with line %d: %+v", r.Line, r)
			}
		}
		for _, p := range probs {
			if p.Line < 0 || p.Msg == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		for _, p := range Validate(rows) {
			if p.Line < 2 {
				t.Fatalf("validate problem with line %d: %+v", p.Line, p)
			}
		}
	})
}
