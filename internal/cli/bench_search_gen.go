package cli

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/go-ego/gse"

	"github.com/shopdojo/shopdojo/internal/search"
)

// Word lists of the generated operations corpus: sentences are built from
// a subject, a metric or tool, an action and an outcome, so the text has
// the words people search for in realistic proportions.
var (
	genPlatforms = []string{"天猫", "淘宝", "京东", "抖店", "拼多多", "快手小店"}
	genSubjects  = []string{"店铺", "运营专员", "客服主管", "推广负责人", "新品", "爆款", "直播间", "会员中心", "售后组", "美工"}
	genTools     = []string{"直通车", "万相台", "引力魔方", "千川", "京东快车", "生意参谋", "千牛工作台", "精选联盟", "达人广场", "客服工作台"}
	genMetrics   = []string{"点击率", "转化率", "客单价", "投产比", "退款率", "访客数", "加购率", "复购率", "千次展现成本", "响应时间", "DSR 评分", "GMV", "ROI", "CTR", "CVR", "UV 价值"}
	genActions   = []string{"优化了主图和标题", "调整了关键词出价", "缩小了投放人群", "重新设置了满减券", "增加了搭配套餐",
		"改写了客服话术", "加快了退款审核", "补充了详情页卖点", "延长了直播时长", "减少了低效计划", "测试了三组创意", "拉高了预算上限"}
	genOutcomes = []string{"一周后明显回升", "但效果不稳定", "成本下降了两成", "超过了同行均值", "仍低于目标值", "带动了整体成交",
		"退货退款明显减少", "买家评价更好", "需要继续观察", "在大促期间翻倍"}
	genTopics = []string{"复盘", "操作指南", "常见问题", "案例", "检查清单", "培训笔记", "周报", "排查思路"}
)

// fillerWords are Chinese words of two to four characters from gse's
// word-frequency list, most common first, for the general text around the
// operations sentences (so a query word is in a realistic few per cent of
// documents, not in all of them).
func fillerWords() []string {
	var ws []string
	for _, line := range strings.Split(gse.ZhIdf, "\n") {
		w, idf, ok := strings.Cut(line, " ")
		if n := len([]rune(w)); ok && n >= 2 && n <= 4 && idf < "9" && idf > "6" {
			ws = append(ws, w)
		}
	}
	return ws
}

// genDocs makes n deterministic documents of about 500 bytes of Chinese
// text each: two operations sentences among general text.
func genDocs(n int, seed uint64, now time.Time) ([]search.Doc, int64) {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	filler := fillerWords()
	zipf := rand.NewZipf(r, 1.1, 4, uint64(len(filler)-1))
	docs := make([]search.Doc, n)
	var bytes int64
	for i := range docs {
		var b strings.Builder
		for s := 0; b.Len() < 480; s++ {
			if s%4 == 1 {
				fmt.Fprintf(&b, "%s的%s在%s上%s，%s%s。", pick(genPlatforms), pick(genSubjects), pick(genTools),
					pick(genActions), pick(genMetrics), pick(genOutcomes))
				continue
			}
			for range 6 + r.IntN(6) {
				b.WriteString(filler[zipf.Uint64()])
			}
			b.WriteString("，")
		}
		title := pick(genPlatforms) + pick(genTools) + pick(genMetrics) + pick(genTopics)
		docs[i] = search.Doc{Kind: benchKind, RefID: fmt.Sprintf("bench-%06d", i), Title: title, Body: b.String(),
			Tags: []string{pick(genTopics)}, Module: fmt.Sprintf("m%02d", 1+r.IntN(8)), Platform: pick(genPlatforms),
			UpdatedAt: now.Add(-time.Duration(r.IntN(365*24)) * time.Hour), URL: fmt.Sprintf("/kb/bench-%06d", i)}
		bytes += int64(len(title) + b.Len())
	}
	return docs, bytes
}

// benchKind is the generated documents' kind: a kind no source owns, so
// serve's start-up pass over the sources (which removes documents of their
// kinds that they no longer list) leaves the corpus alone.
const benchKind = "bench"

// benchQueries are the searches the load sends, in turn: two-character
// words, mixed Chinese and English, synonyms, pinyin, one character.
var benchQueries = []string{"退款", "客服", "直通车 ROI", "客单价", "AOV", "tuikuan", "kefu", "千川 投放", "转化率 提升",
	"投产比", "生意参谋 访客数", "万相台 预算", "复购率 会员", "点击率 主图", "京东快车", "达人", "大促 翻倍", "运费险"}
