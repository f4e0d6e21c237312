package qbank

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/sheet"
)

const notesSheet = "说明"

// Template returns an XLSX import template: the Chinese header row, one
// example question of each type a row can hold, drop-downs for 题型, 难度
// and 多选计分 (which still accept typed values), and a second sheet 说明
// explaining each column in Chinese and English. Parse reads it as it is.
func Template() ([]byte, error) {
	b, err := template()
	if err != nil {
		return nil, fmt.Errorf("qbank.Template: %w", err)
	}
	return b, nil
}

func template() ([]byte, error) {
	rows := make([][]string, 0, len(examples()))
	for _, q := range examples() {
		cells, err := questionCells(q, true)
		if err != nil {
			return nil, err
		}
		rows = append(rows, cells)
	}
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	name := sheetName(true)
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		return nil, err
	}
	if err := addDropLists(f, name); err != nil {
		return nil, err
	}
	if err := sheet.Stream(f, name, Headers("zh-CN"), rows); err != nil {
		return nil, err
	}
	if err := writeNotes(f); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// addDropLists offers the usual values of three columns; typed values such
// as 单选题 or 较难 stay allowed.
func addDropLists(f *excelize.File, name string) error {
	lists := []struct {
		key    string
		values []string
	}{
		{ColType, []string{"单选", "多选", "判断", "填空", "排序", "匹配", "简答"}},
		{ColDifficulty, []string{"1", "2", "3", "4", "5", "易", "较易", "中", "较难", "难"}},
		{ColPartial, []string{"全对得分", "少选得一半", "按比例"}},
	}
	cols := columns()
	for _, l := range lists {
		col := 1 + slices.IndexFunc(cols, func(c column) bool { return c.key == l.key })
		first, _ := excelize.CoordinatesToCellName(col, 2)
		last, _ := excelize.CoordinatesToCellName(col, DefaultMaxRows+1)
		dv := excelize.NewDataValidation(true) // no error message: typed values stay allowed
		dv.Sqref = first + ":" + last
		if err := dv.SetDropList(l.values); err != nil {
			return err
		}
		if err := f.AddDataValidation(name, dv); err != nil {
			return err
		}
	}
	return nil
}

func writeNotes(f *excelize.File) error {
	if _, err := f.NewSheet(notesSheet); err != nil {
		return err
	}
	for i, r := range notes() {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(notesSheet, cell, &r); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(notesSheet, "A", "B", 16); err != nil {
		return err
	}
	return f.SetColWidth(notesSheet, "C", "D", 70)
}

// examples are the template's example rows: realistic questions from
// Chinese e-commerce training, one per type a row can hold.
func examples() []quiz.Question {
	return []quiz.Question{
		{
			Type: quiz.Single, Stem: "天猫店铺后台的“3 分钟人工响应率”统计的是？",
			Options: opts("A", "买家咨询后 3 分钟内得到客服人工回复的咨询占比", "B", "客服在 3 分钟内完成催付的订单占比",
				"C", "店铺在 3 分钟内完成发货的订单占比", "D", "买家进店 3 分钟内下单的比例"),
			Answer: quiz.Answer{Choices: []string{"A"}}, Points: 2, Difficulty: 2,
			Tags:        []string{"module:客服", "platform:tmall", "响应率"},
			Explanation: "3 分钟人工响应率 = 3 分钟内得到人工回复的咨询人次 ÷ 人工咨询总人次。\n机器人自动回复不计入人工响应。",
		},
		{
			Type: quiz.Multiple, Stem: "以下哪些是万相台无界版里可以新建的推广场景？",
			Options: opts("A", "关键词推广", "B", "人群推广", "C", "货品运营", "D", "淘宝客通用计划"),
			Answer:  quiz.Answer{Choices: []string{"A", "B", "C"}}, Points: 3, Difficulty: 3,
			Partial:     quiz.PartialRule{Kind: quiz.SubsetHalf},
			Tags:        []string{"module:推广", "platform:tmall", "万相台"},
			Explanation: "淘宝客属于淘宝联盟的按成交付费推广，不在万相台无界版中新建。",
		},
		{
			Type: quiz.TrueFalse, Stem: "支持“7 天无理由退货”的商品，买家签收次日起 7 天内申请退货且商品完好，商家应当同意。",
			Answer: quiz.Answer{Choices: []string{"T"}}, Points: 1, Difficulty: 1,
			Tags:        []string{"module:售后", "规则"},
			Explanation: "依据《网络购买商品七日无理由退货暂行办法》，时间自签收次日起算。",
		},
		{
			Type: quiz.Fill, Stem: "客单价 = ____ ÷ 支付买家数。某店当天支付金额 12000 元、支付买家数 150 人，客单价为 ____ 元。",
			Answer: quiz.Answer{Blanks: [][]string{{"支付金额", "成交金额"}, {"80", "80.00"}}}, Points: 2, Difficulty: 2,
			Tags: []string{"module:数据分析", "客单价"},
		},
		{
			Type: quiz.Ordering, Stem: "请按正确顺序排列“退货退款”售后的处理步骤。",
			Options: opts("A", "审核退款申请和凭证", "B", "买家提交退货退款申请", "C", "仓库签收并验货",
				"D", "确认退款给买家", "E", "买家寄回商品并填写物流单号"),
			Answer: quiz.Answer{Order: []string{"B", "A", "E", "C", "D"}}, Points: 2, Difficulty: 2,
			Tags: []string{"module:售后", "流程"},
		},
		{
			Type: quiz.Matching, Stem: "把指标和它的计算公式连起来。",
			Options: opts("A", "转化率", "B", "客单价", "C", "UV 价值"),
			Targets: opts("1", "支付买家数 ÷ 访客数", "2", "支付金额 ÷ 支付买家数", "3", "支付金额 ÷ 访客数", "4", "加购人数 ÷ 访客数"),
			Answer:  quiz.Answer{Pairs: map[string]string{"A": "1", "B": "2", "C": "3"}}, Points: 3, Difficulty: 3,
			Tags:        []string{"module:数据分析"},
			Explanation: "“加购人数 ÷ 访客数”是加购率，是干扰项。",
		},
		{
			Type: quiz.Short, Stem: "买家收到连衣裙后说“尺码偏小”，要求退款，但吊牌已剪。请写出你的处理思路和话术要点。",
			Rubric: "满分 10 分：\n1. 先安抚情绪并致歉（2 分）；\n2. 核实订单、尺码和吊牌情况，说明店铺与平台规则（3 分）；\n" +
				"3. 给出方案：换码、补偿优惠券或协商部分退款（3 分）；\n4. 语气礼貌，不推诿、不承诺做不到的事（2 分）。",
			Points: 10, Difficulty: 4, Tags: []string{"module:客服", "competency:沟通", "售后"},
		},
	}
}

// opts builds options from key, text pairs.
func opts(kv ...string) []quiz.Option {
	out := make([]quiz.Option, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, quiz.Option{Key: kv[i], Text: kv[i+1]})
	}
	return out
}
