package qbank

import (
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// sheetQuestions has one question of each type a row holds, with the
// details a round trip could lose: Chinese text, multi-line explanations,
// formula-looking text, separators inside answers, tags, partial rules.
func sheetQuestions() []quiz.Question {
	return []quiz.Question{
		{ID: "CS-001", Type: quiz.Single, Stem: "天猫店铺的“3 分钟人工响应率”统计的是？",
			Options: opts("A", "3 分钟内人工回复的咨询占比", "B", "3 分钟内发货的订单占比", "C", "=SUM(A1:A9)", "D", "-1 天"),
			Answer:  quiz.Answer{Choices: []string{"A"}}, Points: 2, Difficulty: 2,
			Tags:        []string{"module:客服", "platform:tmall", "响应率"},
			Explanation: "=SUM 不是公式，只是文字。\n第二行：机器人回复不算人工响应。\n+86 热线"},
		{ID: "PR-002", Type: quiz.Multiple, Stem: "万相台无界版里可以新建哪些推广场景？",
			Options: opts("A", "关键词推广", "B", "人群推广", "C", "货品运营", "D", "淘宝客通用计划", "E", "@全站推广"),
			Answer:  quiz.Answer{Choices: []string{"A", "B", "C"}}, Points: 3, Difficulty: 3,
			Partial: quiz.PartialRule{Kind: quiz.SubsetHalf}, Tags: []string{"module:推广", "a,b", "空 格"}},
		{ID: "PR-003", Type: quiz.Multiple, Stem: "直通车出价时要看哪些数据？",
			Options: opts("A", "点击率", "B", "转化率", "C", "星座"),
			Answer:  quiz.Answer{Choices: []string{"B", "A"}}, Points: 2.5, Difficulty: 4,
			Partial: quiz.PartialRule{Kind: quiz.Custom, SubsetFraction: 0.5, WrongPenalty: 0.25}},
		{ID: "AS-004", Type: quiz.TrueFalse, Stem: "支持 7 天无理由退货的商品，签收次日起 7 天内可申请退货。",
			Options: opts("T", "正确", "F", "错误"), Answer: quiz.Answer{Choices: []string{"T"}}, Points: 1, Difficulty: 1,
			Partial: quiz.PartialRule{}, Tags: []string{"module:售后"}},
		{ID: "AS-005", Type: quiz.TrueFalse, Stem: "仅退款申请一律不需要商家处理。",
			Answer: quiz.Answer{Choices: []string{"F"}}, Points: 1, Difficulty: 2},
		{ID: "DA-006", Type: quiz.Fill, Stem: "客单价 = ____ ÷ 支付买家数；响应时长应在（ ）内，分成比例写作 ____。",
			Answer: quiz.Answer{Blanks: [][]string{{"支付金额", "成交金额"}, {"3分钟", "三分钟"}, {"1/2", "50%", `C:\temp|x`}}},
			Points: 3, Difficulty: 2, Explanation: "公式：客单价 = 支付金额 ÷ 支付买家数"},
		{ID: "AS-007", Type: quiz.Ordering, Stem: "请排列退货退款的处理步骤。",
			Options: opts("A", "审核退款申请", "B", "买家提交申请", "C", "仓库验货", "D", "确认退款"),
			Answer:  quiz.Answer{Order: []string{"B", "A", "C", "D"}}, Points: 2, Difficulty: 2},
		{ID: "DA-008", Type: quiz.Matching, Stem: "把指标和定义连起来。",
			Options: opts("A", "转化率", "B", "客单价", "C", "UV=价值", "D", "成交转化率"),
			Targets: opts("1", "支付金额 ÷ 支付买家数", "2", "支付买家数 ÷ 访客数", "3", "支付金额 ÷ 访客数", "4", "a=b|c"),
			Answer:  quiz.Answer{Pairs: map[string]string{"A": "2", "B": "1", "C": "3", "D": "2"}}, Points: 4, Difficulty: 3},
		{ID: "DA-009", Type: quiz.Matching, Stem: "把平台和它的客服工具连起来。",
			Options: opts("A", "天猫", "B", "京东"),
			Targets: opts("1", "千牛", "2", "咚咚"),
			Answer:  quiz.Answer{Pairs: map[string]string{"A": "1", "B": "2"}}, Points: 2, Difficulty: 1},
		{ID: "CS-010", Type: quiz.Short, Stem: "买家说尺码偏小要求退款，吊牌已剪，你会怎么处理？",
			Rubric: "1. 安抚情绪（2 分）\n2. 核实吊牌与规则（3 分）\n3. 给出换码或补偿方案（3 分）", Points: 8, Difficulty: 4,
			Tags: []string{"competency:沟通"}},
	}
}

// caseQuestion is a case analysis with a data table and sub-questions.
func caseQuestion() quiz.Question {
	return quiz.Question{
		ID: "CASE-01", Type: quiz.Case, Difficulty: 4, Points: 6,
		Stem:       "某天猫女装店 6 月 18 日大促后，退款申请激增。请根据下表回答问题。",
		Attachment: "| 日期 | 退款申请数 | 平均响应时长 |\n|---|---|---|\n| 6/17 | 40 | 25 秒 |\n| 6/18 | 320 | 95 秒 |",
		Rubric:     "看学员能否从数据找出问题并给出可执行的改进。",
		Tags:       []string{"module:售后", "platform:tmall"},
		EN: &quiz.Text{Stem: "After the 618 sale refund requests surged. Answer from the table.",
			Attachment: "| Day | Refund requests | Mean response |\n|---|---|---|\n| 6/17 | 40 | 25 s |",
			Rubric:     "Can the learner find the problem in the data and propose workable fixes?"},
		Sub: []quiz.Question{
			{ID: "q1", Type: quiz.Single, Stem: "6/18 的平均响应时长比前一天多了多少秒？",
				Options: opts("A", "70", "B", "95", "C", "25"), Answer: quiz.Answer{Choices: []string{"A"}}, Points: 2,
				EN: &quiz.Text{Stem: "How many seconds longer was the mean response on 6/18?",
					Options: opts("A", "70", "B", "95", "C", "25"), Explanation: "95 − 25 = 70."}},
			{ID: "q2", Type: quiz.Fill, Stem: "6/18 的退款申请数是 6/17 的 ____ 倍。",
				Answer: quiz.Answer{Blanks: [][]string{{"8", "八"}}}, Points: 1, Difficulty: 2},
			{ID: "q3", Type: quiz.Short, Stem: "请提出两条降低响应时长的措施。", Rubric: "每条 1.5 分：排班、快捷短语、机器人分流等。", Points: 3},
		},
	}
}
