package app

// The demo knowledge base's articles, SOP notes and platform-rule notes,
// written as a senior operations trainer would brief a team in 2026. Rule
// figures name the rule they come from and are marked to be checked
// against it; platforms change them.

type demoKB struct {
	kind, cat           string
	title, titleEN      string
	body, bodyEN        string
	caseZH, caseEN      map[string]string
	tags, modules, sops []string
	rules               []KBRule
	vis                 string
	aud                 []string // department or position names, or employee numbers
	owner               string   // employee number
	days                int64    // review interval
	reviewedAgo         int      // days since the last review; past days means due
	files               func() ([]demoFile, error)
	filesV2             func() ([]demoFile, error) // a second version's files (templates)
	noteV2, bodyV2      string
	video               bool
}

var demoKBArticles = []demoKB{
	{kind: KBArticle, cat: "大促活动", title: "大促前店铺自查清单（提前 7 天）", titleEN: "Store self-check before a big sale (7 days ahead)",
		tags: []string{"大促", "双11", "自查"}, modules: []string{"m05"}, sops: []string{"m05-sop-big-sale-checklist"},
		rules: []KBRule{{Platform: "天猫", Name: "天猫营销活动规则（以当期招商规则为准）", URL: "https://rule.tmall.com/"}},
		owner: "SD9002", days: 90, reviewedAgo: 120,
		body: "大促翻车，八成不是流量问题，是准备问题。活动前 7 天按下面顺序过一遍，每项要有**负责人**和**截图留档**。\n\n" +
			"## 1. 价格与优惠\n\n- 报名价、券后价、叠加后到手价三者分别算一遍，写进价格核对表\n- 检查有没有“优惠叠加后低于成本”的商品（满减 + 店铺券 + 品类券 + 跨店满减）\n- 预售商品的定金、尾款时间和活动页展示一致\n\n" +
			"## 2. 库存与发货\n\n- 主推款可售库存 ≥ 预估销量 × 1.2；预估按去年同期或近 30 天日均 × 活动系数\n- 和仓库确认活动当天的打包人手和快递揽收时间，承诺发货时效按最慢的那个写\n\n" +
			"## 3. 页面与素材\n\n- 主图、详情页的活动信息与报名价一致，没有过期的“限时”字样\n- 手机端逐个点开 SKU，看图片、尺码表和库存是否对得上\n\n" +
			"## 4. 客服与售后\n\n- 更新快捷短语：活动规则、发货时间、价保口径（见 FAQ《价保》）\n- 排班按往年峰值咨询量的 1.5 倍准备，开场前 2 小时全员在线\n\n" +
			"> 涉及平台规则的数字（报名门槛、价保天数等）每期都可能变，**以当期招商规则原文为准**。",
		bodyEN: "Most failed big sales are failures of preparation, not traffic. Seven days out, go through this list in order; every line needs an **owner** and a **screenshot** on file.\n\n" +
			"## 1. Prices and discounts\n\n- Work out the registered price, the price after coupons and the final price after stacking, each in the price check sheet\n- Look for items whose stacked discounts (threshold discount + store coupon + category coupon + cross-store discount) fall below cost\n- Pre-sale deposits, balance times and the campaign page agree\n\n" +
			"## 2. Stock and shipping\n\n- Sellable stock of hero items ≥ forecast × 1.2; forecast from last year's same period or the 30-day daily average × a campaign factor\n- Confirm packing staff and courier pick-up times for the day with the warehouse; promise the slowest of them\n\n" +
			"## 3. Pages and creatives\n\n- Main images and detail pages match the registered price; no expired \"limited time\" wording\n- Open every SKU on a phone: pictures, size chart and stock agree\n\n" +
			"## 4. Customer service\n\n- Update quick replies: campaign rules, shipping times, price protection (see the FAQ on price protection)\n- Staff for 1.5 × last year's peak enquiries; everyone online two hours before the start\n\n" +
			"> Platform figures (entry thresholds, price-protection days …) change every campaign: **the current campaign rules prevail**."},
	{kind: KBArticle, cat: "推广投放", title: "万相台无界 / 直通车：关键词出价思路", titleEN: "Taobao Wanxiangtai / keyword ads: how to bid on keywords",
		tags: []string{"直通车", "万相台", "出价"}, modules: []string{"m04"}, sops: []string{"m04-sop-daily-ad-check"},
		owner: "SD9002", days: 120, reviewedAgo: 30,
		body: "出价不是越高越好，而是让每个词在**能赚钱的位置**拿到点击。\n\n## 先分词，再出价\n\n| 词类 | 例子 | 出价思路 |\n|---|---|---|\n| 品牌词 | 店铺名 + 品类 | 低价保位，转化最高 |\n| 核心大词 | 四件套 | 控价，看转化再加 |\n| 精准长尾词 | 纯棉四件套 1.8m 床 | 可以略高于行业均价 |\n| 竞品词 | 对手品牌 | 谨慎，单独计划单独预算 |\n\n" +
			"## 用数据定上限\n\n可承受的点击单价 = 客单价 × 转化率 × 毛利率 ÷ 目标 ROI 里的成本占比。例：客单价 200 元、转化率 3%、毛利 40%，保本 CPC ≈ 200 × 3% × 40% = 2.4 元，高于它的词就是在亏钱买流量。\n\n" +
			"## 每天看什么\n\n- 花费前 20 的词：点击率、转化率、ROI，连续 3 天低于计划均值一半的降价或暂停\n- 新词先给 3–5 天、至少 100 次点击的观察期，不要一天一改",
		bodyEN: "A higher bid is not better; the aim is clicks **at a position that pays**.\n\n## Group the words first\n\n| Type | Example | Bidding |\n|---|---|---|\n| Brand | store name + category | bid low to hold the slot; converts best |\n| Head terms | bedding set | cap the bid, raise only on conversion |\n| Long tail | cotton bedding set 1.8 m | may bid a little above the category average |\n| Competitor | rival brand | carefully, in its own campaign and budget |\n\n" +
			"## Let the numbers set the ceiling\n\nAffordable cost per click = order value × conversion × gross margin share. Example: ¥200 × 3 % × 40 % ≈ ¥2.4 break-even CPC; a word above it is buying traffic at a loss.\n\n" +
			"## Daily\n\n- The 20 biggest-spending words: CTR, conversion, ROI; cut or pause those below half the plan average three days running\n- Give a new word 3–5 days and at least 100 clicks before judging it"},
	{kind: KBArticle, cat: "推广投放", title: "巨量千川 ROI 调优的五个动作", titleEN: "Five moves to tune ROI on Qianchuan",
		tags: []string{"千川", "抖音", "ROI"}, modules: []string{"m04", "m03"},
		rules: []KBRule{{Platform: "抖音", Name: "巨量千川广告投放规范", URL: "https://qianchuan.jinritemai.com/"}},
		owner: "SD9002", days: 90, reviewedAgo: 100,
		body: "千川 ROI 低，先别急着降出价。按这个顺序排查：\n\n1. **素材**：近 3 天消耗前 5 的素材，完播率和点击率是否在下滑？素材衰退是 ROI 下降最常见的原因，保持每周上新 5–10 条。\n" +
			"2. **人群**：看成交人群画像和定向是否一致，泛人群放量后 ROI 通常会先降后稳，给 2–3 天学习期。\n3. **出价方式**：控成本投放先用系统建议值的 90% 起，稳定后每次调整不超过 10%。\n" +
			"4. **商品与价格**：直播间挂车价、券后价与竞品对比；价格没有竞争力，再好的素材也转化不了。\n5. **直播承接**：投放时段的主播话术、福利节奏是否跟得上，流量进来留不住等于白花钱。\n\n" +
			"> 每次只改一个变量，改完记在投放日志里，否则分不清是哪一步起了作用。",
		bodyEN: "When Qianchuan ROI is low, do not cut bids first. Check in this order:\n\n1. **Creatives**: are completion and click rates of the top 5 spenders of the last 3 days falling? Creative fatigue is the most common cause; add 5–10 new creatives a week.\n" +
			"2. **Audience**: does the buyer profile match the targeting? After widening, ROI usually dips then settles; allow 2–3 learning days.\n3. **Bidding**: start cost-control campaigns at 90 % of the suggested bid and change by at most 10 % at a time.\n" +
			"4. **Product and price**: compare the live-room price after coupons with competitors; no creative converts an uncompetitive price.\n5. **The live room**: do the host's script and giveaways keep up during paid hours? Traffic that does not stay is money spent for nothing.\n\n> Change one variable at a time and log it, or you will not know what worked."},
	{kind: KBArticle, cat: "客服售后", title: "退款率过高的排查步骤", titleEN: "Steps to find out why the refund rate is high",
		tags: []string{"退款", "售后", "DSR"}, modules: []string{"m06", "m07"}, sops: []string{"m06-sop-after-sales-refund"},
		owner: "SD9002", days: 180, reviewedAgo: 20,
		body: "退款率高不是客服一个部门的事。按下面四步，一般半天能定位到原因。\n\n## 第一步：拆开看\n\n按**退款原因 × 商品 × 是否发货**做透视：未发货退款多，多半是发货慢或拍错；已发货退款多，看商品和描述。\n\n" +
			"## 第二步：找集中点\n\n80% 的退款通常集中在 20% 的 SKU 上。把退款金额前 10 的 SKU 单独拉出来，逐个看买家留言和聊天记录。\n\n" +
			"## 第三步：对原因下药\n\n| 主要原因 | 常见根因 | 动作 |\n|---|---|---|\n| 尺码/规格不符 | 尺码表不清 | 补实拍对比图，客服主动推荐尺码 |\n| 质量问题 | 批次问题 | 联系供应商抽检，暂停问题批次 |\n| 与描述不符 | 色差、夸大 | 改主图和详情，删掉绝对化用语 |\n| 发货慢 | 缺货、仓库爆单 | 调整承诺时效，预售标注 |\n\n" +
			"## 第四步：盯两周\n\n动作落地后按日看退款率，两周后复盘；同时看“仅退款”比例是否异常，异常的单独上报平台。",
		bodyEN: "A high refund rate is not customer service's problem alone. Four steps usually find the cause in half a day.\n\n## 1. Break it down\n\nPivot by **refund reason × item × shipped or not**: refunds before shipping point to slow shipping or wrong orders; after shipping, to the product and its description.\n\n" +
			"## 2. Find the concentration\n\n80 % of refunds usually sit on 20 % of the SKUs. Take the top 10 SKUs by refund amount and read their buyers' notes and chats.\n\n" +
			"## 3. Treat the cause\n\n| Main reason | Usual root cause | Action |\n|---|---|---|\n| Wrong size | unclear size chart | add comparison photos; agents recommend sizes |\n| Quality | a bad batch | spot-check with the supplier, stop the batch |\n| Not as described | colour, exaggeration | fix images and detail page, drop absolute claims |\n| Slow shipping | stock-outs, warehouse overload | adjust the promised time, mark pre-sale |\n\n" +
			"## 4. Watch for two weeks\n\nTrack the daily rate after the fix and review after two weeks; also watch the share of refund-only requests and report anomalies to the platform."},
	{kind: KBArticle, cat: "客服售后", title: "客服 3 分钟响应率怎么提上去", titleEN: "Raising the 3-minute response rate",
		tags: []string{"客服", "响应率", "排班"}, modules: []string{"m06"},
		owner: "SD2001", days: 180, reviewedAgo: 60,
		body: "3 分钟响应率看的是“买家发来消息后 3 分钟内有人工回复”的比例。做不上去，通常是三个原因：\n\n" +
			"- **排班错峰**：把近 4 周的咨询量按小时画出来，20:00–23:00 往往是白天的 2 倍，排班要跟着曲线走\n- **分流规则**：售前、售后分组，大促时设置按技能分流，避免一个人同时接 15 个以上会话\n- **快捷短语**：前 20 个高频问题必须有标准话术，新人第一周先背这 20 条\n\n" +
			"千牛后台“客服绩效”里可以按人看响应时长，每周一把最慢的三个人的会话抽 10 条复盘。机器人首响不算人工响应，别靠它凑数。",
		bodyEN: "The 3-minute response rate is the share of buyer messages answered by a person within 3 minutes. When it will not rise, there are usually three causes:\n\n" +
			"- **Rota against the curve**: chart the last 4 weeks' enquiries by hour; 20:00–23:00 is often twice the daytime load, and the rota must follow it\n- **Routing**: split pre-sale and after-sale groups, route by skill during campaigns so nobody holds more than 15 chats\n- **Quick replies**: the top 20 questions need standard answers; newcomers learn those 20 in their first week\n\n" +
			"Qianniu's agent performance report shows response times per person; every Monday review 10 chats of the three slowest. A bot's first reply does not count as a human response."},
	{kind: KBArticle, cat: "商品与详情", title: "主图点击率优化：先测再换", titleEN: "Main-image click-through: test before you switch",
		tags: []string{"主图", "点击率", "测图"}, modules: []string{"m02", "m03"},
		owner: "SD4001", days: 180, reviewedAgo: 10,
		body:   "换主图最怕“凭感觉”。正确做法是用推广工具小预算测图：\n\n1. 同一商品准备 3–4 张主图，只改一个变量（场景、卖点文字、角度）\n2. 每张图至少拿到 1,000 次展现再比点击率\n3. 点击率高出现用图 20% 以上，再换到自然搜索主图\n\n常见有效方向：家居类用**真实场景图**比白底图点击率高；卖点文字不超过 8 个字；第一张图别放“促销”大字，活动结束后会显得过期。",
		bodyEN: "Never change a main image on a hunch. Test it with a small ad budget:\n\n1. Prepare 3–4 images for one item, changing one variable (scene, selling point, angle)\n2. Let each image get at least 1,000 impressions before comparing CTR\n3. Switch the organic main image only if the winner beats the current one by 20 % or more\n\nWhat usually works: for home goods, **real room scenes** beat white backgrounds; selling-point text of at most 8 characters; no big \"SALE\" on the first image, which looks stale once the campaign ends."},
	{kind: KBArticle, cat: "数据分析", title: "生意参谋看店：每天十分钟", titleEN: "Ten minutes a day in Business Advisor",
		tags: []string{"生意参谋", "日报", "数据"}, modules: []string{"m07"}, sops: []string{"m07-sop-daily-report"},
		owner: "SD9002", days: 180, reviewedAgo: 200,
		body:   "每天上班先看这五个数，和**上周同一天**比，而不是和昨天比（周末效应）：\n\n| 指标 | 看什么 | 异常线 |\n|---|---|---|\n| 访客数 | 流量来源构成 | 降 20% 以上 |\n| 支付转化率 | 分终端 | 降 15% 以上 |\n| 客单价 | 是否被低价款拉低 | 变化 10% 以上 |\n| 退款金额 | 是否集中在某款 | 翻倍 |\n| 推广 ROI | 分计划 | 低于目标 |\n\n任何一项越过异常线，按《异常诊断》SOP 往下拆；都正常就记一句“正常”，日报同样要发。",
		bodyEN: "First thing every day, read these five figures against **the same day last week**, not yesterday (weekends differ):\n\n| Metric | Look at | Alarm |\n|---|---|---|\n| Visitors | traffic sources | down 20 %+ |\n| Payment conversion | by device | down 15 %+ |\n| Order value | low-price items dragging it | ±10 % |\n| Refund amount | one item? | doubled |\n| Ad ROI | per campaign | below target |\n\nIf any crosses its line, follow the anomaly diagnosis SOP; if all are normal, write \"normal\" and send the daily report anyway."},
	{kind: KBArticle, cat: "新人手册", title: "新人第一周：要会的后台和工具", titleEN: "Your first week: back offices and tools to know",
		tags: []string{"新人", "入职"}, modules: []string{"m01"}, sops: []string{"m01-sop-daily-opening-check"},
		owner: "SD9001", days: 365, reviewedAgo: 30,
		body:   "欢迎加入！第一周不用做决策，先把工具用熟：\n\n- **千牛工作台**：订单、商品、客服接待，学会查订单和改备注\n- **生意参谋**：看懂首页五个核心数（见《生意参谋看店：每天十分钟》）\n- **抖店后台 / 拼多多商家后台**：我们的其他店铺，先会看订单和售后\n- **企业微信**：部门群和值班表都在这里\n\n每天下班前在“我的学习”里完成当天的课程任务，有问题在条目下面直接提问，负责人会回答。",
		bodyEN: "Welcome! You make no decisions in week one; learn the tools first:\n\n- **Qianniu workbench**: orders, listings, customer chats; look up an order and edit its note\n- **Business Advisor**: the five headline figures (see \"Ten minutes a day in Business Advisor\")\n- **Douyin shop / Pinduoduo merchant back office**: our other stores; learn their orders and after-sales first\n- **WeCom**: department groups and the duty rota\n\nFinish the day's tasks in My learning before you leave, and ask under any item: its owner answers."},
	{kind: KBArticle, cat: "平台规则", title: "拼多多百亿补贴报名要点", titleEN: "Pinduoduo Billion-Yuan Subsidy: what to check before applying",
		tags: []string{"拼多多", "活动报名"}, modules: []string{"m05"}, sops: []string{"m05-sop-enrolment-price-check"},
		rules: []KBRule{{Platform: "拼多多", Name: "拼多多百亿补贴活动规则", URL: "https://mms.pinduoduo.com/"}},
		owner: "SD1006", days: 90, reviewedAgo: 95,
		body:   "百亿补贴要求的是**全网比价有优势**，报名前先自己比一遍：\n\n- 报名价要低于近 30 天本店最低成交价，也要有竞争力地低于主流平台同款\n- 商品需要有品牌授权或正品证明，资料提前准备好\n- 补贴期间不能随意涨价或下架，库存要按活动周期备足\n\n具体门槛（价格比例、店铺评分、发货时效）以拼多多商家后台当期活动规则为准，本条每季度复核一次。",
		bodyEN: "The subsidy programme wants **the best price across platforms**; compare before you apply:\n\n- The price must be below the store's lowest sale price of the last 30 days and competitive against the main platforms\n- Have brand authorisation or proof of authenticity ready\n- No price rises or delisting during the subsidy; stock for the whole period\n\nThresholds (price ratio, store rating, shipping time) are in the current rules in the merchant back office; this item is reviewed every quarter."},
	{kind: KBArticle, cat: "平台规则", title: "抖店体验分：怎么看、怎么提", titleEN: "Douyin shop experience score: reading and raising it",
		tags: []string{"抖店", "体验分"}, modules: []string{"m06"},
		rules: []KBRule{{Platform: "抖音", Name: "抖店商家体验分规则", URL: "https://school.jinritemai.com/"}},
		owner: "SD4001", days: 90, reviewedAgo: 40,
		body:   "体验分由**商品体验、物流体验、服务体验**三部分组成，按近 90 天滚动计算，分数影响流量和活动报名资格。\n\n- 商品：差评率、品质退货率，最怕“描述不符”\n- 物流：揽收及时率、发货后的物流时效\n- 服务：飞鸽 3 分钟回复率、售后处理时长、纠纷率\n\n提分的顺序：先把纠纷和差评处理掉（影响最大），再抓飞鸽响应，最后优化物流合作方。各项权重以抖店后台规则为准。",
		bodyEN: "The experience score has three parts, **product, logistics and service**, over a rolling 90 days; it affects traffic and campaign eligibility.\n\n- Product: negative-review rate, quality returns; \"not as described\" hurts most\n- Logistics: on-time pick-up, delivery time after shipping\n- Service: Feige 3-minute reply rate, after-sales handling time, dispute rate\n\nRaise it in this order: settle disputes and bad reviews (the biggest weight), then Feige response, then the courier mix. Weights are in the shop's back office rules."},
	{kind: KBArticle, cat: "推广投放", title: "推广部内部：投放预算审批流程", titleEN: "Ads team only: ad budget approval",
		tags: []string{"预算", "审批"}, modules: []string{"m04", "m08"}, vis: KBDepartments, aud: []string{"推广部"},
		owner: "SD3001", days: 180, reviewedAgo: 15,
		body:   "单计划日预算 **5,000 元以内**由推广专员自行调整；5,000–20,000 元需推广主管在企业微信审批；20,000 元以上或大促总预算，需运营总监确认并抄送财务。\n\n审批时附上：计划名称、近 7 天 ROI、调整理由和预计回收。每周一例会复盘上周超预算计划。",
		bodyEN: "Ads specialists adjust a campaign's daily budget up to **¥5,000** themselves; ¥5,000–20,000 needs the ads lead's approval in WeCom; above ¥20,000, or a campaign's total budget, needs the operations director, copying finance.\n\nAttach: campaign name, 7-day ROI, reason and expected payback. Over-budget campaigns are reviewed at Monday's meeting."},
	{kind: KBSOP, cat: "客服售后", title: "客服专员：售后话术红线", titleEN: "CS agents: red lines in after-sales replies",
		tags: []string{"客服", "话术", "合规"}, modules: []string{"m06", "m08"}, sops: []string{"m06-sop-negative-review"}, vis: KBPositions, aud: []string{"客服专员"},
		owner: "SD2001", days: 180, reviewedAgo: 50,
		body:   "以下说法一律不能出现，违者当月绩效扣分：\n\n1. 引导买家线下交易或加私人微信\n2. 承诺“好评返现”或以补偿换好评/删差评\n3. 指责买家（“你自己没看清楚”）\n4. 泄露其他买家的信息或订单\n5. 对质量问题说“没问题、都这样”\n\n遇到情绪激动的买家：先道歉共情，再给方案，方案超出权限的转主管，**10 分钟内**回复。",
		bodyEN: "Never say the following; breaches cost that month's performance points:\n\n1. Steering buyers to offline deals or a personal WeChat\n2. Promising cash for good reviews, or compensation for removing a bad one\n3. Blaming the buyer (\"you didn't read it\")\n4. Revealing another buyer's details or orders\n5. Dismissing quality complaints (\"it's fine, they're all like that\")\n\nWith an upset buyer: apologise and acknowledge first, then offer a solution; pass anything beyond your authority to the lead and reply **within 10 minutes**."},
}
