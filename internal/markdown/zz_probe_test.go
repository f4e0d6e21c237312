package markdown

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestProbe(t *testing.T) {
	for _, st := range []extension.EastAsianLineBreaks{extension.EastAsianLineBreaksSimple, extension.EastAsianLineBreaksCSS3Draft} {
		md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.NewCJK(extension.WithEastAsianLineBreaks(st), extension.WithEscapedSpace())),
			goldmark.WithRendererOptions(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)))
		for _, s := range []string{"hello,\nworld", "第一行，\n第二行", "第一行\n第二行", "中文\nEnglish", "ok.\n中文", "**注意：**退款需在 48 小时内处理", "访问https://example.com了解详情", "访问 https://example.com 了解", "| a | b |\n|--:|:-:|\n| 1 | 2 |", "- [x] 完成\n- [ ] 未完成", "www.example.com/a"} {
			var b bytes.Buffer
			md.Convert([]byte(s), &b)
			fmt.Printf("%d %q => %q\n", st, s, b.String())
		}
	}
}
