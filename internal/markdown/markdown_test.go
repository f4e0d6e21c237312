package markdown

import (
	"net/url"
	"strings"
	"sync"
	"testing"
)

// lesson is a typical trainer-written SOP.
const lesson = "# 售后退款处理 SOP\n\n" +
	"## 一、适用范围\n\n" +
	"本 SOP 适用于天猫、京东、拼多多店铺的**售后客服**。\n" +
	"处理前请先核对订单状态，\n" +
	"确认买家身份。\n\n" +
	"## 二、关键指标\n\n" +
	"| 指标 | 公式 | 目标 |\n" +
	"| --- | --- | ---: |\n" +
	"| 转化率 | 支付买家数 ÷ 访客数 | ≥ 3% |\n" +
	"| 退款率 | 退款订单数 ÷ 支付订单数 | ≤ 5% |\n\n" +
	"## 三、操作步骤\n\n" +
	"- [x] 核对订单号与支付时间\n" +
	"- [ ] 在后台发起退款\n" +
	"- [ ] 记录到工单系统\n\n" +
	"**注意：**退款需在 48 小时内处理，超时将影响店铺评分。\n\n" +
	"参考：[平台规则](https://rule.taobao.com/detail-1.htm)、[内部知识库](/kb/refund)。\n\n" +
	"```text\n退款单号格式：RF + 8 位日期 + 6 位序号\n```\n"

func TestHTMLLesson(t *testing.T) {
	got := mustHTML(t, New(), lesson)
	for _, want := range []string{
		`<h1 id="h-售后退款处理-sop">售后退款处理 SOP</h1>`,
		`<h2 id="h-一-适用范围">一、适用范围</h2>`,
		`<strong>售后客服</strong>。处理前请先核对订单状态，确认买家身份。</p>`,
		`<th>指标</th>`,
		`<th align="right">目标</th>`,
		`<td>支付买家数 ÷ 访客数</td>`,
		`<td align="right">≥ 3%</td>`,
		`<li><input checked="" disabled="" type="checkbox"> 核对订单号与支付时间</li>`,
		`<li><input disabled="" type="checkbox"> 在后台发起退款</li>`,
		`<p><strong>注意：</strong>退款需在 48 小时内处理，超时将影响店铺评分。</p>`,
		`<a href="https://rule.taobao.com/detail-1.htm" rel="noopener noreferrer nofollow" target="_blank">平台规则</a>`,
		`<a href="/kb/refund" rel="nofollow noopener">内部知识库</a>`,
		`<pre><code class="language-text">退款单号格式：RF + 8 位日期 + 6 位序号`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML(lesson) lacks %s\nfull output:\n%s", want, got)
		}
	}
	if bad := unsafeParts(got); len(bad) > 0 {
		t.Errorf("HTML(lesson) has unsafe parts %q", bad)
	}
}

func TestHTML(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"strong ends in Chinese colon", "**注意：**退款需在 48 小时内处理",
			"<p><strong>注意：</strong>退款需在 48 小时内处理</p>"},
		{"emphasis ends in Chinese full stop", "*强调。*后文", "<p><em>强调。</em>后文</p>"},
		{"strong starts at Chinese bracket", "请看**（重要）**说明", "<p>请看<strong>（重要）</strong>说明</p>"},
		{"strikethrough ends in Chinese colon", "~~原价：~~现价 99 元", "<p><del>原价：</del>现价 99 元</p>"},
		{"English emphasis unchanged", "a **b** c and foo**bar**", "<p>a <strong>b</strong> c and foo<strong>bar</strong></p>"},
		{"English punctuation rule unchanged", "**foo.**bar", "<p>**foo.**bar</p>"},
		{"intraword underscores stay literal", "字段order_id说明与snake_case", "<p>字段order_id说明与snake_case</p>"},
		{"soft break between Chinese lines", "第一行\n第二行", "<p>第一行第二行</p>"},
		{"soft break after full-width comma", "第一行，\n第二行", "<p>第一行，第二行</p>"},
		{"soft break after strong", "**注意：**\n退款", "<p><strong>注意：</strong>退款</p>"},
		{"soft break between English lines", "hello,\nworld", "<p>hello,\nworld</p>"},
		{"soft break between Chinese and English", "中文\nEnglish", "<p>中文\nEnglish</p>"},
		{"table cell alignment uses attribute", "| 指标 | 目标 |\n| :-- | :-: |\n| 转化率 | ≥ 3% |",
			"<table>\n<thead>\n<tr>\n<th align=\"left\">指标</th>\n<th align=\"center\">目标</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td align=\"left\">转化率</td>\n<td align=\"center\">≥ 3%</td>\n</tr>\n</tbody>\n</table>"},
		{"task list", "- [x] 完成\n- [ ] 未完成",
			"<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> 完成</li>\n" +
				"<li><input disabled=\"\" type=\"checkbox\"> 未完成</li>\n</ul>"},
		{"fenced code keeps language class", "```go\nfmt.Println(\"退款\")\n```",
			"<pre><code class=\"language-go\">fmt.Println(&#34;退款&#34;)\n</code></pre>"},
		{"internal link", "[课程](/lessons/42)", `<p><a href="/lessons/42" rel="nofollow noopener">课程</a></p>`},
		{"external link", "[淘宝](https://www.taobao.com)",
			`<p><a href="https://www.taobao.com" rel="noopener noreferrer nofollow" target="_blank">淘宝</a></p>`},
		{"protocol-relative link is external", "[x](//example.com/a)",
			`<p><a href="//example.com/a" rel="noopener noreferrer nofollow" target="_blank">x</a></p>`},
		{"mailto link", "[写信](mailto:hr@example.cn)", `<p><a href="mailto:hr@example.cn" rel="nofollow noopener">写信</a></p>`},
		{"bare URL next to Chinese", "访问 https://example.com 了解",
			`<p>访问 <a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">https://example.com</a> 了解</p>`},
		{"email autolink", "联系 hr@example.cn", `<p>联系 <a href="mailto:hr@example.cn" rel="nofollow noopener">hr@example.cn</a></p>`},
		{"anchor link to Chinese heading", "[跳转](#h-退款流程)",
			`<p><a href="#h-%E9%80%80%E6%AC%BE%E6%B5%81%E7%A8%8B" rel="nofollow noopener">跳转</a></p>`},
		{"relative image", `![流程图](img/流程.png "退款流程")`,
			`<p><img src="img/%E6%B5%81%E7%A8%8B.png" alt="流程图" title="退款流程"></p>`},
		{"entity text in a URL stays literal", "[x](&amp;#106;avascript:alert(1))",
			`<p><a href="&amp;#106;avascript:alert(1)" rel="nofollow noopener">x</a></p>`},
		{"file scheme image refused by default", "![截图](file:abc)", "<p>截图</p>"},
		{"invalid UTF-8 is replaced", "\x82\n0 \xe9\x80", "<p>\uFFFD\n0 \uFFFD</p>"},
		{"duplicate headings", "## 注意\n## 注意", "<h2 id=\"h-注意\">注意</h2>\n<h2 id=\"h-注意-1\">注意</h2>"},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.TrimSpace(mustHTML(t, r, tt.src)); got != tt.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestHTMLOptions(t *testing.T) {
	files := WithImageBase(func(src string) (string, bool) {
		if id, ok := strings.CutPrefix(src, "file:"); ok {
			return "/files/" + id, true
		}
		u, err := url.Parse(src)
		return src, err == nil && u.Host == "" // no hot-linked images
	})
	lessons := WithLinkBase(func(href string) (string, bool) {
		if id, ok := strings.CutPrefix(href, "lesson:"); ok {
			return "/lessons/" + id, true
		}
		if path, ok := strings.CutPrefix(href, "https://dojo.example.cn"); ok {
			return path, true
		}
		return href, !strings.HasPrefix(href, "https://banned.example")
	})
	tests := []struct {
		name, src, want string
	}{
		{"image id rewritten", "![图](file:abc123)", `<p><img src="/files/abc123" alt="图"></p>`},
		{"external image refused keeps alt", "![外链 *图*](https://cdn.example.com/a.png)", "<p>外链 图</p>"},
		{"relative image kept", "![图](/static/a.png)", `<p><img src="/static/a.png" alt="图"></p>`},
		{"lesson link rewritten", "[第 2 课](lesson:42)", `<p><a href="/lessons/42" rel="nofollow noopener">第 2 课</a></p>`},
		{"own host becomes internal", "[首页](https://dojo.example.cn/home)",
			`<p><a href="/home" rel="nofollow noopener">首页</a></p>`},
		{"refused link keeps text", "看[这里](https://banned.example/x)**重点**", "<p>看这里<strong>重点</strong></p>"},
		{"refused autolink keeps text", "见 https://banned.example/x", "<p>见 https://banned.example/x</p>"},
		{"rewrite cannot allow a bad scheme", "[x](lesson:1)[y](javascript:alert(1))",
			`<p><a href="/lessons/1" rel="nofollow noopener">x</a>y</p>`},
	}
	r := New(files, lessons)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.TrimSpace(mustHTML(t, r, tt.src)); got != tt.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

// TestConcurrentUse is meant for -race: one Renderer shared by goroutines
// must give every caller the same result as a lone caller.
func TestConcurrentUse(t *testing.T) {
	r := New()
	inputs := []string{lesson, "**注意：**退款", "[x](javascript:alert(1))", "## 注意\n## 注意"}
	want := make([]string, len(inputs))
	for i, src := range inputs {
		want[i] = mustHTML(t, r, src)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 20 {
				k := (g + i) % len(inputs)
				got, err := r.HTML(inputs[k])
				if err != nil || string(got) != want[k] {
					t.Errorf("goroutine %d: HTML(inputs[%d]) = %q, %v; want %q", g, k, got, err, want[k])
					return
				}
				_ = r.Text(inputs[k], 20)
				_ = Headings(inputs[k])
			}
		})
	}
	wg.Wait()
}

func BenchmarkHTML(b *testing.B) {
	src := lesson
	for len(src) < 5*1024 {
		src += "\n" + lesson
	}
	r := New()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.HTML(src); err != nil {
			b.Fatal(err)
		}
	}
}

func mustHTML(t *testing.T, r *Renderer, src string) string {
	t.Helper()
	got, err := r.HTML(src)
	if err != nil {
		t.Fatalf("HTML(%q): %v", src, err)
	}
	return string(got)
}
