package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/shopdojo/shopdojo/internal/kpi"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The demo's Tmall store gets 60 days of its own exports, imported the way
// a manager would (through ImportKPI, so masking and the import reports
// are real): a 千牛 order report with buyer nicks, phones and addresses, a
// 生意参谋 overview with 同行同层 peer figures, and a 客服绩效 report for
// the customer-service team. The last 30 days convert worse than the 30
// before, below the peer average, and two agents answer slowly, so the
// diagnosis has a story to tell.

const demoDataStore = "示例家居天猫旗舰店"

var demoProducts = []struct {
	name  string
	price int64 // fen
}{
	{"60 支长绒棉四件套 1.8m 床", 39900}, {"泰国天然乳胶枕 成人护颈", 15900}, {"可折叠收纳箱 三件装", 5990},
	{"A 类母婴级夏凉被", 22900}, {"加厚纯棉浴巾 2 条装", 7900}, {"记忆棉坐垫 办公室久坐", 6900},
}

var demoRegions = []string{"浙江省杭州市西湖区文三路 %d 号", "江苏省南京市鼓楼区中山北路 %d 号", "上海市浦东新区张杨路 %d 号",
	"广东省广州市天河区体育西路 %d 号", "北京市朝阳区建国路 %d 号", "四川省成都市武侯区人民南路 %d 号",
	"湖北省武汉市洪山区珞喻路 %d 号", "山东省济南市历下区泉城路 %d 号"}

// demoAgents are the 客服部's sub-accounts: rate is each agent's 3-minute
// response rate before any training, drift how it moves on its own over
// the 90 days, and lift what the customer-service module (m06) adds after
// the day the agent completed it (trained, days ago; 0 = not trained).
// Most slow agents were sent to training; 孙浩, behind on his path, was
// not (the diagnosis' slow agents are 孙浩 and 马超); 售后01 is a shared
// after-sales account no one person answers, and 陶然's account is left for
// the manager to link.
var demoAgents = []struct {
	nick, no    string
	rate, drift float64
	lift, conv  float64
	trained     int
	linked      bool
}{
	{"示例家居:彭悦", "SD2011", 0.76, 0.004, 0.07, 0.035, 38, true},
	{"示例家居:马超", "SD2005", 0.79, -0.006, 0.06, 0.03, 41, true},
	{"示例家居:蒋雯", "SD2008", 0.86, 0.002, 0.05, 0.025, 35, true},
	{"示例家居:韦佳", "SD2009", 0.85, -0.004, 0.04, 0.02, 44, true},
	{"示例家居:沈涛", "SD2010", 0.82, 0.006, 0.055, 0.03, 36, true},
	{"示例家居:吴倩", "SD2002", 0.93, -0.003, 0, 0, 0, true},
	{"示例家居:徐丽", "SD2003", 0.91, 0.005, 0, 0, 0, true},
	{"示例家居:孙浩", "SD2004", 0.74, 0.008, 0, 0, 0, true},
	{"示例家居:陶然", "SD2012", 0.79, -0.002, 0, 0, 0, false},
	{"示例家居:售后01", "", 0.84, 0.0, 0, 0, 0, false},
}

// demoCSDays is how far back the 客服绩效 report goes: 90 days, so an
// impact analysis of a training that ended 30 days ago has 30 days before
// its window too.
const demoCSDays = 90

func (a *App) seedStoreData(ctx context.Context) error {
	ac := SystemActor("demo")
	stores, err := a.Stores(ctx, ac)
	if err != nil {
		return err
	}
	storeID := ""
	for _, s := range stores {
		if s.Name == demoDataStore {
			storeID = s.ID
		}
	}
	if storeID == "" {
		return nil
	}
	end := a.now().In(a.Location())
	end = time.Date(end.Year(), end.Month(), end.Day(), 0, 0, 0, 0, a.Location())
	gen := demoStoreGen{rnd: rand.New(rand.NewPCG(2026, 618)), start: end.AddDate(0, 0, -60), days: 60}
	orders, daily := gen.orders()
	csGen := demoStoreGen{rnd: rand.New(rand.NewPCG(2026, 1111)), start: end.AddDate(0, 0, -demoCSDays), days: demoCSDays}
	for _, f := range []struct{ name, preset, body string }{
		{"订单报表-近60天.csv", "tmall_orders", orders},
		{"生意参谋-店铺概况-近60天.csv", "sycm_overview", gen.overview(daily)},
		{"客服绩效-近90天.csv", "qianniu_cs", csGen.cs()},
	} {
		body := f.body
		in := KPIImport{StoreID: storeID, Preset: f.preset, FileName: f.name, Size: int64(len(body)),
			Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader([]byte(body))), nil }}
		if _, err := a.ImportKPI(ctx, ac, in); err != nil {
			return fmt.Errorf("demo import %s: %w", f.name, err)
		}
	}
	if err := a.seedAgentTraining(ctx, storeID, end); err != nil {
		return fmt.Errorf("demo agents: %w", err)
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		for _, t := range []struct {
			metric string
			value  float64
			note   string
		}{{kpi.CSResponseRate3, 0.9, "旺旺 3 分钟响应率不低于 90%（客服部 2026 年目标）"},
			{kpi.RefundRateOrders, 0.06, "退款订单占比控制在 6% 以内"}} {
			if err := tx.UpsertKPITarget(ctx, sqlq.UpsertKPITargetParams{StoreID: storeID, Metric: t.metric, Value: t.value,
				Source: string(kpi.SourceManager), Note: t.note, SetAt: a.nowMs()}); err != nil {
				return err
			}
		}
		return nil
	})
}

// demoStoreGen writes the demo exports from one seeded source.
type demoStoreGen struct {
	rnd   *rand.Rand
	start time.Time
	days  int
}

// demoDay is what the order report adds up to on one day, for the
// overview to agree with it.
type demoDay struct {
	buyers         map[string]bool
	paidOrders     int
	gmv, refunds   int64
	visitors, cart int
}

func (g demoStoreGen) orders() (string, []demoDay) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"订单编号", "买家会员名", "收货人姓名", "联系手机", "收货地址", "总金额", "买家实际支付金额", "订单状态",
		"订单创建时间", "订单付款时间", "退款金额", "宝贝标题", "宝贝总数量"})
	surnames, given := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林"), []rune("伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀英华")
	daily := make([]demoDay, g.days)
	seq := 0
	for d := range g.days {
		day := g.start.AddDate(0, 0, d)
		late := d >= g.days/2
		conv := 0.026 - 0.004*float64(d)/float64(g.days) // conversion slides from 2.6 % to 2.2 %
		if late {
			conv -= 0.002
		}
		visitors := 1800 + g.rnd.IntN(500)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			visitors += 450
		}
		n := int(math.Round(float64(visitors) * conv / 0.86))
		daily[d] = demoDay{buyers: map[string]bool{}, visitors: visitors, cart: visitors * (9 + g.rnd.IntN(3)) / 100}
		for range n {
			seq++
			buyer := g.rnd.IntN(1800)
			name := string(surnames[buyer%len(surnames)]) + string(given[buyer/len(surnames)%len(given)])
			nick := fmt.Sprintf("tb%08d", 23000000+buyer*37)
			phone := fmt.Sprintf("1%d%09d", 3+buyer%7, 100000000+buyer*4271%900000000)
			addr := fmt.Sprintf(demoRegions[buyer%len(demoRegions)], 1+buyer%300)
			p := demoProducts[g.rnd.IntN(len(demoProducts))]
			qty := int64(1 + g.rnd.IntN(10)/8)
			total := p.price * qty
			paid := total - int64(g.rnd.IntN(3))*1000
			created := day.Add(time.Duration(8*3600+g.rnd.IntN(15*3600)) * time.Second)
			payAt, refund, status := "", int64(0), "交易关闭"
			if g.rnd.Float64() < 0.86 {
				pt := created.Add(time.Duration(20+g.rnd.IntN(600)) * time.Second)
				payAt, status = pt.Format(time.DateTime), "交易成功"
				if g.rnd.Float64() < 0.08 {
					refund = paid
				}
				dd := &daily[d]
				dd.buyers[nick], dd.paidOrders, dd.gmv, dd.refunds = true, dd.paidOrders+1, dd.gmv+paid, dd.refunds+refund
			} else {
				paid = 0
			}
			_ = w.Write([]string{fmt.Sprintf("%s%06d", day.Format("20060102"), seq), nick, name, phone, addr, yuan(total), yuan(paid),
				status, created.Format(time.DateTime), payAt, yuan(refund), p.name, strconv.FormatInt(qty, 10)})
		}
	}
	w.Flush()
	return b.String(), daily
}

// overview is the 生意参谋 shop overview of the same days, with peers.
func (g demoStoreGen) overview(daily []demoDay) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"统计日期", "访客数", "浏览量", "加购人数", "下单买家数", "支付买家数", "支付子订单数", "支付金额",
		"成功退款金额", "同行同层平均支付转化率", "同行同层优秀支付转化率", "同行同层平均客单价"})
	for d, dd := range daily {
		day := g.start.AddDate(0, 0, d)
		buyers := len(dd.buyers)
		_ = w.Write([]string{day.Format(time.DateOnly), strconv.Itoa(dd.visitors), strconv.Itoa(dd.visitors * 31 / 10),
			strconv.Itoa(dd.cart), strconv.Itoa(buyers * 116 / 100), strconv.Itoa(buyers), strconv.Itoa(dd.paidOrders),
			yuan(dd.gmv), yuan(dd.refunds), fmt.Sprintf("%.2f%%", 2.60+g.rnd.Float64()*0.2),
			fmt.Sprintf("%.2f%%", 4.10+g.rnd.Float64()*0.3), yuan(int64(18500 + g.rnd.IntN(1500)))})
	}
	w.Flush()
	return b.String()
}

// cs is the 客服绩效 report: one row per agent and day. A trained agent
// answers faster and converts more inquiries from the day after they
// completed the module, the gain building up over a week.
func (g demoStoreGen) cs() string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"日期", "客服昵称", "询单人数", "询单→最终付款人数", "对话轮次", "3分钟内响应轮次", "平均首次响应时长", "平均响应时长", "客服销售额"})
	for d := range g.days {
		day := g.start.AddDate(0, 0, d)
		for _, ag := range demoAgents {
			rate, conv := ag.rate+ag.drift*float64(d)/30, 0.0
			if since := d - (g.days - ag.trained); ag.trained > 0 && since > 0 {
				ramp := math.Min(1, float64(since)/7)
				rate, conv = rate+ag.lift*ramp, ag.conv*ramp
			}
			rate = math.Min(rate, 0.985)
			inq := 25 + g.rnd.IntN(20)
			paid := int(float64(inq) * (0.30 + rate*0.18 + conv + g.rnd.Float64()*0.04))
			rounds := inq*2 + g.rnd.IntN(15)
			fast := int(math.Round(float64(rounds) * (rate + (g.rnd.Float64()-0.5)*0.04)))
			first := 15 + (1-rate)*220 + g.rnd.Float64()*8
			_ = w.Write([]string{day.Format(time.DateOnly), ag.nick, strconv.Itoa(inq), strconv.Itoa(paid), strconv.Itoa(rounds),
				strconv.Itoa(min(fast, rounds)), fmt.Sprintf("%.1f", first), fmt.Sprintf("%.1f", first*1.6),
				yuan(int64(paid) * 16800)})
		}
	}
	w.Flush()
	return b.String()
}

// yuan writes fen as yuan with two decimals, as exports do.
func yuan(fen int64) string { return fmt.Sprintf("%d.%02d", fen/100, fen%100) }
