package app

import "slices"

// StarterSurvey is the template a manager can begin a survey from
// (运营岗位培训需求调研): the questions an experienced trainer asks before
// planning a quarter's training.
func StarterSurvey() (title, intro string, qs []SurveyQuestion) {
	return "运营岗位培训需求调研",
		"这份问卷用于制定下一阶段的培训计划，大约需要 5 分钟。请按实际工作情况填写，没有标准答案；你的回答只用于安排培训，不用于绩效考核。",
		slices.Clone(starterQuestions)
}

func opts(pairs ...string) []SurveyText {
	out := make([]SurveyText, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, SurveyText{ZH: pairs[i], EN: pairs[i+1]})
	}
	return out
}

var starterQuestions = []SurveyQuestion{
	{ID: "q1", Kind: KindSingle, Text: "过去一个月，你觉得工作中最难的环节是哪一个？",
		TextEN: "Over the past month, which part of your work was the hardest?",
		Options: opts("大促活动的报名、备货与执行", "Signing up for, stocking and running big sales",
			"推广计划的搭建与 ROI 优化", "Building ad campaigns and improving ROI",
			"看懂生意参谋数据并找到问题", "Reading Business Advisor data and finding the problem",
			"客服接待与询单转化", "Serving customers and converting inquiries",
			"售后退款与纠纷处理", "Handling refunds and disputes",
			"商品上新与详情页优化", "Listing new items and improving detail pages")},
	{ID: "q2", Kind: KindMulti, Text: "接下来三个月，你最希望学习哪些主题？（可多选）",
		TextEN: "Which topics would you most like to learn in the next three months? (choose any)",
		Options: opts("平台规则与违规申诉", "Platform rules and violation appeals",
			"生意参谋数据分析", "Business Advisor data analysis",
			"万相台无界 / 直通车推广", "Wanxiangtai / Express ads",
			"大促活动策划与复盘", "Planning and reviewing big sales",
			"客服话术与询单转化", "Service scripts and inquiry conversion",
			"售后与纠纷处理", "After-sales and disputes",
			"短视频与直播内容", "Short video and live-stream content",
			"定价与利润测算", "Pricing and profit calculation")},
	{ID: "q3", Kind: KindLikert, Text: "我清楚自己岗位的 KPI（如转化率、3 分钟响应率、退款率）是怎么算出来的。",
		TextEN: "I know how the KPIs of my job (conversion, 3-minute response rate, refund rate) are calculated."},
	{ID: "q4", Kind: KindLikert, Text: "遇到店铺数据异常时，我知道先查什么、找谁。",
		TextEN: "When the store's figures look wrong, I know what to check first and whom to ask."},
	{ID: "q5", Kind: KindLikert, Text: "目前的带教和培训对我的日常工作有实际帮助。",
		TextEN: "The coaching and training I get now help me in my daily work."},
	{ID: "q6", Kind: KindSingle, Text: "你更喜欢哪种学习方式？",
		TextEN: "How do you prefer to learn?",
		Options: opts("师傅带教、跟岗实操", "Coaching on the job with a mentor",
			"线下集中授课 + 案例研讨", "Classroom sessions with case discussions",
			"5–10 分钟的短视频微课", "5–10 minute video lessons",
			"图文 SOP，随用随查", "Illustrated SOPs to look up when needed",
			"复盘会：拿自己店铺的数据讲", "Review meetings on our own store's figures")},
	{ID: "q7", Kind: KindSingle, Text: "每周你能稳定投入多少时间学习？",
		TextEN: "How much time can you reliably give to learning each week?",
		Options: opts("少于 1 小时", "Less than 1 hour", "1–2 小时", "1–2 hours", "2–4 小时", "2–4 hours",
			"4 小时以上", "More than 4 hours")},
	{ID: "q8", Kind: KindCompetency, Text: "请对照各级别的描述，给自己目前的能力打分。",
		TextEN: "Rate your current level against the description of each level.",
		Competencies: []string{"customer-service", "after-sales", "data-analysis", "product-listing",
			"traffic-acquisition", "promotion-execution"}},
	{ID: "q9", Kind: KindText, Text: "最近一次让你觉得“要是早点学过就好了”的工作场景是什么？",
		TextEN: "Describe a recent moment at work when you thought “I wish I had learned this earlier”."},
	{ID: "q10", Kind: KindText, Text: "对培训安排还有什么建议？（时间、形式、讲师都可以说）",
		TextEN: "Any other suggestions for the training (timing, format, trainers)?"},
}
