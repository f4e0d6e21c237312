package app

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/sheet"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The demo knowledge base: a category tree, articles, FAQ, cases,
// templates with real files (one in two versions), a video, items for one
// department, one position and one access list, some past their review
// day, and learners' questions (one answered and promoted to FAQ, two
// open). Items are written through CreateKB as people would.

var demoKBCategories = []struct{ name, en, parent string }{
	{"店铺运营", "Store operations", ""}, {"大促活动", "Big sales", "店铺运营"}, {"商品与详情", "Listings and pages", "店铺运营"},
	{"推广投放", "Advertising", ""}, {"客服售后", "Customer service", ""}, {"常见问题", "FAQ", "客服售后"},
	{"数据分析", "Data analysis", ""}, {"平台规则", "Platform rules", ""}, {"供应链", "Supply chain", ""},
	{"新人手册", "Onboarding", ""}, {"模板下载", "Templates", ""},
}

var demoKBTemplates = []demoKB{
	{kind: KBTemplate, cat: "模板下载", title: "大促活动排期表", titleEN: "Big-sale schedule sheet", tags: []string{"大促", "模板"},
		modules: []string{"m05"}, sops: []string{"m05-sop-big-sale-checklist"}, owner: "SD9002", days: 180, reviewedAgo: 30,
		body:   "从报名到复盘的每个节点、负责人和截止日，按 T-30 到 T+7 倒排。复制一份，改成本次活动的日期再用。",
		bodyEN: "Every milestone from registration to review with its owner and deadline, counted back from T-30 to T+7. Copy it and set this campaign's dates.",
		files:  demoScheduleV1, filesV2: demoScheduleV2, noteV2: "增加“复盘结论”列和 T+7 复盘节点",
		bodyV2: "从报名到复盘的每个节点、负责人和截止日，按 T-30 到 T+7 倒排；新版增加了复盘结论列，活动结束一周内填完。"},
	{kind: KBTemplate, cat: "模板下载", title: "数据日报模板", titleEN: "Daily data report template", tags: []string{"日报", "模板"},
		modules: []string{"m07"}, sops: []string{"m07-sop-daily-report"}, owner: "SD9002", days: 180, reviewedAgo: 200,
		body:   "每天一行：访客、转化、客单、退款、推广花费和 ROI，最后一列写一句判断。配合《生意参谋看店：每天十分钟》使用。",
		bodyEN: "One row a day: visitors, conversion, order value, refunds, ad spend and ROI, and one sentence of judgement at the end. Use with \"Ten minutes a day in Business Advisor\".",
		files:  demoDailyReport},
	{kind: KBTemplate, cat: "模板下载", title: "竞品监控表", titleEN: "Competitor watch sheet", tags: []string{"竞品", "模板"},
		modules: []string{"m07", "m02"}, owner: "SD1001", days: 180, reviewedAgo: 20,
		body:   "每周一更新一次：竞品的价格、券、销量区间、主图变化和活动。价格变化超过 10% 的标红并在周会上讨论。",
		bodyEN: "Update every Monday: competitors' prices, coupons, sales band, main-image changes and campaigns. Mark price changes above 10 % in red for the weekly meeting.",
		files:  demoCompetitorSheet},
	{kind: KBTemplate, cat: "模板下载", title: "客服快捷短语模板", titleEN: "Customer-service quick replies template", tags: []string{"客服", "话术", "模板"},
		modules: []string{"m06"}, owner: "SD2001", days: 180, reviewedAgo: 10,
		body:   "售前、售后、大促三组共 20 条高频问题的标准回复，Word 文档，可直接导入千牛快捷短语。",
		bodyEN: "Standard replies to the 20 most frequent questions in three groups (pre-sale, after-sale, campaigns), as a Word document ready for Qianniu quick replies.",
		files:  demoQuickReplies},
	{kind: KBTemplate, cat: "供应链", title: "供应商底价表（2026 Q4）", titleEN: "Supplier floor prices (2026 Q4)", tags: []string{"供应链", "成本"},
		modules: []string{"m02"}, vis: KBConfidential, aud: []string{"SD1001"}, owner: "SD9001", days: 90, reviewedAgo: 5,
		body:   "主要供应商的拿货底价和起订量，用于核算活动价和毛利。**保密**：只限访问名单里的人，不得截图外传。",
		bodyEN: "Floor prices and minimum orders of the main suppliers, for working out campaign prices and margins. **Confidential**: access list only; no screenshots outside.",
		files:  demoSupplierPrices},
}

// demoKBItems is every demo item, in the order they are written.
func demoKBItems() []demoKB {
	items := append(append(append([]demoKB{}, demoKBArticles...), demoKBFAQ...), demoKBCases...)
	items = append(items, demoKBTemplates...)
	return append(items, demoKB{kind: KBVideo, cat: "新人手册", title: "千牛工作台快速导览（视频）", titleEN: "A quick tour of the Qianniu workbench (video)",
		tags: []string{"新人", "千牛", "视频"}, modules: []string{"m01"}, owner: "SD9002", days: 365, reviewedAgo: 30, video: true,
		body:   "三分钟看懂工作台：订单、商品、客服接待和数据入口分别在哪。看完去《新人第一周》里把每个后台实际点一遍。",
		bodyEN: "Three minutes to find your way round the workbench: orders, listings, customer chats and the data entry points. Then click through each back office as \"Your first week\" says."})
}

func (a *App) seedKB(ctx context.Context) error {
	mgr, err := a.demoActor(ctx, "SD9001")
	if err != nil {
		return err
	}
	trainer, err := a.demoActor(ctx, "SD9002")
	if err != nil {
		return err
	}
	refs, err := a.demoKBRefs(ctx, mgr)
	if err != nil {
		return err
	}
	ids := map[string]string{}
	for _, d := range demoKBItems() {
		ac := trainer
		if d.vis != "" && d.vis != KBEveryone {
			ac = mgr // trainers do not read other departments' items
		}
		id, err := a.seedKBItem(ctx, ac, refs, d)
		if err != nil {
			return fmt.Errorf("demo kb %s: %w", d.title, err)
		}
		ids[d.title] = id
	}
	return a.seedKBQuestions(ctx, trainer, ids)
}

// demoKBRefs creates the category tree and returns ids by name: categories,
// departments, positions and people (by employee number).
func (a *App) demoKBRefs(ctx context.Context, ac Actor) (map[string]string, error) {
	refs := map[string]string{}
	for i, c := range demoKBCategories {
		id, err := a.CreateKBCategory(ctx, ac, KBCategoryInput{ParentID: refs["cat:"+c.parent], Name: c.name, NameEN: c.en, Sort: int64(i)})
		if err != nil {
			return nil, err
		}
		refs["cat:"+c.name] = id
	}
	refs["cat:"] = ""
	ds, err := a.Departments(ctx, ac)
	for _, d := range ds {
		refs["department:"+d.Name] = d.ID
	}
	if err != nil {
		return nil, err
	}
	ps, err := a.Positions(ctx, ac)
	for _, p := range ps {
		refs["position:"+p.Name] = p.ID
	}
	return refs, err
}

func (a *App) seedKBItem(ctx context.Context, ac Actor, refs map[string]string, d demoKB) (string, error) {
	owner, err := a.demoActor(ctx, d.owner)
	if err != nil {
		return "", err
	}
	in := KBInput{Kind: d.kind, CategoryID: refs["cat:"+d.cat], Title: d.title, TitleEN: d.titleEN, Body: d.body, BodyEN: d.bodyEN,
		Case: d.caseZH, CaseEN: d.caseEN, OwnerID: owner.PersonID, Visibility: KBEveryone, ReviewDays: d.days, Tags: d.tags,
		Modules: d.modules, SOPs: d.sops, Rules: d.rules}
	if d.vis != "" {
		in.Visibility = d.vis
	}
	for _, name := range d.aud {
		switch {
		case refs["department:"+name] != "":
			in.Audience = append(in.Audience, KBRef{Kind: "department", ID: refs["department:"+name]})
		case refs["position:"+name] != "":
			in.Audience = append(in.Audience, KBRef{Kind: "position", ID: refs["position:"+name]})
		default:
			in.AccessNos = append(in.AccessNos, name)
		}
	}
	if in.Files, err = a.demoKBUpload(ctx, ac, d.files, d.video); err != nil {
		return "", err
	}
	id, err := a.CreateKB(ctx, ac, in)
	if err != nil {
		return "", err
	}
	if d.filesV2 != nil {
		if err := a.seedKBSecondVersion(ctx, ac, id, in, d); err != nil {
			return "", err
		}
	}
	reviewed := addDays(a.Today(), -int64(d.reviewedAgo))
	return id, a.store.Tx(ctx, func(tx *store.Tx) error {
		return tx.SetKBItemReviewed(ctx, sqlq.SetKBItemReviewedParams{ID: id, ReviewedOn: reviewed,
			NextReviewOn: addDays(reviewed, d.days)})
	})
}

func (a *App) seedKBSecondVersion(ctx context.Context, ac Actor, id string, in KBInput, d demoKB) error {
	files, err := a.demoKBUpload(ctx, ac, d.filesV2, false)
	if err != nil {
		return err
	}
	in.Files, in.Body, in.Note, in.BaseNo = files, d.bodyV2, d.noteV2, 1
	in.AccessNos = nil
	return a.UpdateKB(ctx, ac, id, in)
}

func (a *App) demoKBUpload(ctx context.Context, ac Actor, files func() ([]demoFile, error), video bool) ([]string, error) {
	var out []demoFile
	if files != nil {
		var err error
		if out, err = files(); err != nil {
			return nil, err
		}
	}
	if video {
		out = append(out, demoFile{"千牛工作台快速导览.webm", demoVideo})
	}
	var ids []string
	for _, f := range out {
		up, err := a.UploadKBFile(ctx, ac, f.name, bytes.NewReader(f.data))
		if err != nil {
			return nil, err
		}
		ids = append(ids, up.ID)
	}
	return ids, nil
}

// seedKBQuestions: a learner's question answered and promoted to FAQ, and
// two still open (one on a lesson).
func (a *App) seedKBQuestions(ctx context.Context, trainer Actor, ids map[string]string) error {
	learner, err := a.demoActor(ctx, "SD1004")
	if err != nil {
		return err
	}
	q, err := a.Ask(ctx, learner, "kb", ids["退款率过高的排查步骤"], "退款原因里的“七天无理由”要不要单独统计？它也算进退款率吗？")
	if err != nil {
		return err
	}
	if err := a.AnswerQuestion(ctx, trainer, q, "算。平台的退款率包含七天无理由退货，但分析时要单独拉出来：七天无理由多，通常是期望管理问题（主图、尺码、描述），和质量问题的处理方法不同。日报里建议把“七天无理由”和“质量/描述问题”分两列。"); err != nil {
		return err
	}
	if _, err := a.PromoteQuestion(ctx, trainer, q, "七天无理由退货算不算退款率？"); err != nil {
		return err
	}
	ads, err := a.demoActor(ctx, "SD3002")
	if err != nil {
		return err
	}
	if _, err := a.Ask(ctx, ads, "kb", ids["巨量千川 ROI 调优的五个动作"], "控成本投放起量很慢，可以先用放量投放跑两天再切回来吗？"); err != nil {
		return err
	}
	_, err = a.Ask(ctx, learner, "unit", "m01-c01-u03", "违规扣分是按自然年清零，还是按扣分日期滚动计算？")
	if shopdojo.KindOf(err) == shopdojo.KindNotFound {
		return nil // a pack without that lesson
	}
	return err
}

func xlsxFile(name, sheetName string, headers []string, rows [][]string) ([]demoFile, error) {
	var b bytes.Buffer
	if err := sheet.WriteXLSX(&b, sheetName, headers, rows); err != nil {
		return nil, err
	}
	return []demoFile{{name, b.Bytes()}}, nil
}

var scheduleHeaders = []string{"节点", "日期", "事项", "负责人", "完成标准", "状态"}

var scheduleRows = [][]string{
	{"T-30", "", "确定主推款和报名商品清单", "运营主管", "清单经负责人确认", ""},
	{"T-21", "", "完成活动报名、提交价格", "运营专员", "后台显示审核通过", ""},
	{"T-14", "", "备货到仓、主图与详情更新", "商品/内容", "库存 ≥ 预估销量 × 1.2", ""},
	{"T-7", "", "全店自查（价格、库存、页面、客服）", "运营专员", "自查清单全部打钩", ""},
	{"T-3", "", "推广计划建好并小预算预热", "推广专员", "计划审核通过", ""},
	{"T-1", "", "客服快捷短语、排班确认", "客服主管", "排班表已发群", ""},
	{"T", "", "开场值守，每小时看数", "全员", "异常 15 分钟内响应", ""},
}

func demoScheduleV1() ([]demoFile, error) {
	return xlsxFile("大促活动排期表.xlsx", "排期", scheduleHeaders, scheduleRows)
}

func demoScheduleV2() ([]demoFile, error) {
	rows := append(append([][]string{}, scheduleRows...), []string{"T+7", "", "活动复盘：目标达成、问题、下次改进", "运营主管", "复盘会纪要已归档", ""})
	for i := range rows {
		rows[i] = append(append([]string{}, rows[i]...), "")
	}
	return xlsxFile("大促活动排期表-v2.xlsx", "排期", append(append([]string{}, scheduleHeaders...), "复盘结论"), rows)
}

func demoDailyReport() ([]demoFile, error) {
	return xlsxFile("数据日报模板.xlsx", "数据日报", []string{"日期", "访客数", "支付转化率", "客单价（元）", "支付金额（元）", "退款金额（元）", "推广花费（元）", "推广 ROI", "判断", "负责人"},
		[][]string{{"2026-12-01", "5860", "4.6%", "158", "42660", "1310", "3600", "11.9", "访客回到工作日水平，转化高于两周均值", "王芳"}, {"2026-12-02"}, {"2026-12-03"}})
}

func demoCompetitorSheet() ([]demoFile, error) {
	return xlsxFile("竞品监控表.xlsx", "竞品", []string{"竞品店铺", "商品", "到手价（元）", "券/活动", "月销区间", "主图变化", "备注"},
		[][]string{{"某家纺旗舰店", "纯棉四件套 1.8m", "299", "满 300 减 30", "1 万+", "换了场景图", "价格比我们低 6%"}, {"某生活馆", "收纳箱三件套", "89", "无", "5000+", "无", ""}})
}

func demoSupplierPrices() ([]demoFile, error) {
	return xlsxFile("供应商底价表-2026Q4.xlsx", "底价", []string{"供应商", "商品", "拿货底价（元）", "起订量", "账期", "备注"},
		[][]string{{"南通某家纺厂", "纯棉四件套 1.8m", "118", "300 套", "月结 30 天", "大促可再谈 3%"}, {"台州某塑料制品厂", "收纳箱三件套", "31", "500 套", "款到发货", ""}})
}

// demoQuickReplies writes a small Word document: the three parts a .docx
// needs, one paragraph a reply.
func demoQuickReplies() ([]demoFile, error) {
	lines := []string{"客服快捷短语模板", "【售前】亲，这款是纯棉面料，1.8 米床建议选 2.0×2.3 米被套，您床的尺寸方便告诉我吗？",
		"【售前】今天 16:00 前付款当天发货，江浙沪一般次日达。", "【售后】非常抱歉给您带来不便，麻烦拍一张问题处的照片，我马上为您处理。",
		"【售后】退货寄回后请在订单里填写快递单号，仓库签收后 24 小时内为您退款。", "【大促】活动价以付款时页面显示为准，本店参加价保服务，价保期内降价可申请补差。"}
	var body strings.Builder
	for _, l := range lines {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + l + `</w:t></w:r></w:p>`)
	}
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`,
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(parts[name])); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return []demoFile{{"客服快捷短语模板.docx", b.Bytes()}}, nil
}
