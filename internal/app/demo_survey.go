package app

import (
	"context"
	"fmt"
	"time"
)

// demoNeedsAnswer is one demo person's answers to the starter survey:
// the hardest part of the job (q1), the topics (q2), the three agreement
// statements (q3–q5), the learning mode (q6) and time (q7), the six
// self-ratings (q8: customer service, after-sales, data analysis,
// listing, traffic, promotions) and the two open questions.
type demoNeedsAnswer struct {
	no      string
	hardest int
	topics  []int
	agree   [3]int
	mode    int
	time    int
	self    [6]int
	moment  string
	advice  string
	manager [6]int // the team lead's rating of the same six
}

var demoNeedsAnswers = []demoNeedsAnswer{
	{"SD1002", 0, []int{3, 7}, [3]int{5, 4, 4}, 4, 2, [6]int{3, 3, 3, 4, 3, 4},
		"双 11 预热期报名时没算清楚叠加券后的到手价，差点破了最低价被取消资格。", "希望复盘会拿我们自己店的数据讲，别讲太多通用理论。", [6]int{2, 3, 3, 4, 3, 3}},
	{"SD1003", 2, []int{1, 3}, [3]int{3, 2, 4}, 0, 1, [6]int{2, 2, 3, 3, 2, 2},
		"上周转化率突然掉了 0.8 个点，我翻了半天生意参谋也没找到原因，最后是主管发现主图被换了。", "带教的时候能不能把常用的数据看板先给我们配好？", [6]int{1, 2, 2, 3, 2, 2}},
	{"SD1004", 1, []int{2, 1}, [3]int{4, 3, 3}, 1, 2, [6]int{2, 2, 3, 2, 3, 3},
		"接手万相台计划时不知道为什么 ROI 一直在 1.5 以下，只能不停调出价。", "推广的课希望有实操账户练手，光看录屏记不住。", [6]int{1, 2, 2, 2, 2, 2}},
	{"SD1005", 5, []int{7, 0}, [3]int{2, 2, 3}, 3, 1, [6]int{3, 2, 2, 3, 2, 2},
		"新品上架类目放错了，被判描述不符下架，申诉材料不知道怎么写。", "", [6]int{2, 2, 2, 2, 2, 2}},
	{"SD1006", 2, []int{1, 3, 6}, [3]int{3, 3, 4}, 2, 0, [6]int{3, 3, 3, 2, 2, 3},
		"", "晚班结束太晚了，培训最好放在下午 3 点到 5 点之间。", [6]int{2, 2, 2, 2, 2, 2}},
	{"SD2003", 3, []int{4, 5}, [3]int{4, 3, 4}, 0, 1, [6]int{3, 3, 2, 2, 1, 2},
		"大促当晚同时接 20 多个咨询，3 分钟响应率掉到 70% 多，快捷短语根本不够用。", "想要一份按场景分好的话术库，新人上手会快很多。", [6]int{2, 2, 2, 2, 1, 2}},
	{"SD2004", 4, []int{5, 4}, [3]int{3, 2, 2}, 0, 1, [6]int{4, 3, 1, 1, 1, 1},
		"有个买家说收到的四件套有色差要全额退款还威胁给差评，我不知道能不能直接同意。", "售后纠纷的处理尺度希望有书面规定，现在每个人说法都不一样。", [6]int{2, 2, 1, 1, 1, 1}},
}

// demoNeedsNotes are the analysis' interview and observation notes.
var demoNeedsNotes = []struct{ kind, no, body string }{
	{"observation", "SD2004", "跟岗观察晚高峰 19:30–21:30：孙浩同时接待 14 个会话，有 5 个超过 3 分钟才回复，主要卡在查物流和找话术；快捷短语只建了 6 条，没有按售前/售后分组。退款类咨询都转给了吴倩，自己不敢处理。"},
	{"interview", "SD1003", "一对一访谈：李娜说能看懂生意参谋的概况页，但遇到转化率下降时不知道先拆流量还是拆转化，更不会看单品的流量来源。希望有人带着用自己店铺的数据做两三次诊断。"},
	{"interview", "", "运营部小组访谈（5 人）：大家普遍反映培训时间和晚班冲突，倾向下午短课；对大促报名规则和价格力要求最没底，去年双 11 有两个商品因价格不符被取消活动资格。"},
}

// seedNeeds gives the demo store a needs analysis with a closed named
// survey, the team lead's ratings and notes, and an open anonymous survey
// that SD1003 has still to answer.
func (a *App) seedNeeds(ctx context.Context) error {
	sys := SystemActor("demo")
	storeID, err := a.demoStoreID(ctx)
	if err != nil || storeID == "" {
		return err
	}
	people := map[string]Actor{}
	for _, no := range []string{"SD9001", "SD1001", "SD1002", "SD1003", "SD1004", "SD1005", "SD1006", "SD1007", "SD2003", "SD2004", "SD2005"} {
		p, err := a.PersonByEmployeeNo(ctx, sys, no)
		if err != nil {
			return fmt.Errorf("demo needs %s: %w", no, err)
		}
		if people[no], err = a.ActorFor(ctx, p.ID); err != nil {
			return err
		}
	}
	mgr := people["SD9001"]
	today := a.now().In(a.Location())
	day := func(d int) string { return today.AddDate(0, 0, d).Format(time.DateOnly) }
	nid, err := a.CreateNeedsAnalysis(ctx, mgr, storeID, NeedsAnalysisInput{Title: "天猫店运营与客服培训需求分析（近 30 天）",
		From: day(-30), To: day(-1)})
	if err != nil {
		return err
	}
	if err := a.seedNamedSurvey(ctx, mgr, storeID, nid, people, day); err != nil {
		return err
	}
	if err := a.seedNeedsRatings(ctx, people["SD1001"], storeID, nid, people); err != nil {
		return err
	}
	for i, n := range demoNeedsNotes {
		in := NeedsNoteInput{Kind: n.kind, Body: n.body, On: day(-6 + 2*i)}
		if n.no != "" {
			in.PersonID = people[n.no].PersonID
		}
		if err := a.AddNeedsNote(ctx, people["SD1001"], storeID, nid, in); err != nil {
			return fmt.Errorf("demo note: %w", err)
		}
	}
	return a.seedAnonymousSurvey(ctx, mgr, storeID, nid, people, day)
}

func (a *App) demoStoreID(ctx context.Context) (string, error) {
	stores, err := a.Stores(ctx, SystemActor("demo"))
	for _, s := range stores {
		if s.Name == demoDataStore {
			return s.ID, err
		}
	}
	return "", err
}

func (a *App) seedNamedSurvey(ctx context.Context, mgr Actor, storeID, nid string, people map[string]Actor, day func(int) string) error {
	sid, err := a.CreateSurvey(ctx, mgr, storeID, nid, true)
	if err != nil {
		return err
	}
	nos := "SD1002 SD1003 SD1004 SD1005 SD1006 SD2003 SD2004 SD2005"
	if _, err := a.SendSurvey(ctx, mgr, storeID, nid, sid, SendInput{Opens: day(-10), Closes: day(0),
		Select: MemberSelection{EmployeeNos: nos}}); err != nil {
		return fmt.Errorf("demo survey send: %w", err)
	}
	comps := starterQuestions[7].Competencies
	for _, d := range demoNeedsAnswers {
		ans := map[string]SurveyAnswer{"q1": {Choices: []int{d.hardest}}, "q2": {Choices: d.topics},
			"q3": {Likert: d.agree[0]}, "q4": {Likert: d.agree[1]}, "q5": {Likert: d.agree[2]},
			"q6": {Choices: []int{d.mode}}, "q7": {Choices: []int{d.time}}, "q8": {Levels: map[string]int{}},
			"q9": {Text: d.moment}, "q10": {Text: d.advice}}
		for i, c := range comps {
			ans["q8"].Levels[c] = d.self[i]
		}
		if err := a.SubmitSurvey(ctx, people[d.no], sid, ans); err != nil {
			return fmt.Errorf("demo answer %s: %w", d.no, err)
		}
	}
	return a.CloseSurvey(ctx, mgr, storeID, nid, sid)
}

func (a *App) seedNeedsRatings(ctx context.Context, lead Actor, storeID, nid string, people map[string]Actor) error {
	comps := starterQuestions[7].Competencies
	levels := map[string]map[string]int{}
	for _, d := range demoNeedsAnswers {
		m := map[string]int{}
		for i, c := range comps {
			m[c] = d.manager[i]
		}
		levels[people[d.no].PersonID] = m
	}
	_, err := a.SetManagerRatings(ctx, lead, storeID, nid, levels)
	return err
}

func (a *App) seedAnonymousSurvey(ctx context.Context, mgr Actor, storeID, nid string, people map[string]Actor, day func(int) string) error {
	sid, err := a.CreateSurvey(ctx, mgr, storeID, nid, false)
	if err != nil {
		return err
	}
	qs := []SurveyQuestion{
		{ID: "q1", Kind: KindLikert, Text: "目前的工作量允许我每周抽出 2 小时参加培训。", TextEN: "My workload lets me spend 2 hours a week on training."},
		{ID: "q2", Kind: KindLikert, Text: "主管会在我遇到问题时及时给出具体的指导。", TextEN: "My supervisor gives me concrete guidance when I get stuck."},
		{ID: "q3", Kind: KindSingle, Text: "培训安排在哪个时段你最方便？", TextEN: "Which time slot suits you best for training?",
			Options: opts("工作日上午 10:00–11:30", "Weekday mornings 10:00–11:30", "工作日下午 15:00–17:00", "Weekday afternoons 15:00–17:00",
				"晚班后线上 30 分钟", "30 minutes online after the late shift", "周末半天", "Half a day at the weekend")},
		{ID: "q4", Kind: KindText, Text: "有什么话不方便当面说，但希望培训部知道的？", TextEN: "Anything you would rather not say in person but want the training team to know?"},
	}
	if err := a.SaveSurveyDraft(ctx, mgr, storeID, nid, sid, SurveyDraftInput{Title: "618 大促前培训安排意见征集（匿名）",
		Intro: "匿名填写，只统计整体结果。大约 2 分钟。", Questions: qs, Op: EditOp{Op: "save"}}); err != nil {
		return err
	}
	if _, err := a.SendSurvey(ctx, mgr, storeID, nid, sid, SendInput{Anonymous: true, Opens: day(-2), Closes: day(7),
		Select: MemberSelection{EmployeeNos: "SD1003 SD1004 SD1005 SD1006 SD1007"}}); err != nil {
		return err
	}
	for _, x := range []struct {
		no     string
		l1, l2 int
		slot   int
		text   string
	}{{"SD1004", 2, 4, 1, "希望培训别总安排在大促前一周，那时候最忙。"}, {"SD1005", 3, 3, 1, ""}} {
		if err := a.SubmitSurvey(ctx, people[x.no], sid, map[string]SurveyAnswer{"q1": {Likert: x.l1}, "q2": {Likert: x.l2},
			"q3": {Choices: []int{x.slot}}, "q4": {Text: x.text}}); err != nil {
			return err
		}
	}
	return nil
}
