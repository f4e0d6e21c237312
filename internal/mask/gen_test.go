package mask

import (
	"math/rand/v2"
	"strings"
)

// labelled is a generated text with the spans of personal data in it.
type labelled struct {
	text  string
	spans []Finding
}

// gen writes realistic order-export text (buyer messages, seller notes,
// addresses) with personal data in every written form among distractors
// that look like it: order numbers, waybills, SKUs, timestamps, amounts,
// postcodes, QQ groups, service numbers.
type gen struct {
	r *rand.Rand
	b strings.Builder
	s []Finding
}

func generate(seed uint64, lines int) []labelled {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x5eed))}
	out := make([]labelled, 0, lines)
	for range lines {
		out = append(out, g.line())
	}
	return out
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

func (g *gen) line() labelled {
	g.b.Reset()
	g.s = nil
	if g.r.IntN(8) == 0 {
		g.b.WriteString(g.pick(plainTexts))
		return labelled{text: g.b.String()}
	}
	for i, n := 0, 1+g.r.IntN(3); i < n; i++ {
		if i > 0 {
			g.b.WriteString(g.pick([]string{"，", "。", "；", " ", "\t", "，另外"}))
		}
		if g.r.IntN(5) < 3 {
			g.pii()
		} else {
			g.distractor()
		}
	}
	if g.r.IntN(3) == 0 {
		g.b.WriteString(g.pick(plainTexts))
	}
	return labelled{text: g.b.String(), spans: g.s}
}

// value writes prefix, the labelled value and suffix.
func (g *gen) value(k Kind, prefix, v, suffix string) {
	g.b.WriteString(prefix)
	if k != None {
		g.s = append(g.s, Finding{k, g.b.Len(), g.b.Len() + len(v)})
	}
	g.b.WriteString(v)
	g.b.WriteString(suffix)
}

func (g *gen) pii() {
	switch g.r.IntN(12) {
	case 0, 1, 2:
		g.value(Phone, g.pick(phoneWords), g.phone(), g.pick(suffixes))
	case 3:
		g.value(Landline, g.pick(landlineWords), g.landline(), g.pick(suffixes))
	case 4, 5:
		g.value(IDCard, g.pick(idWords), g.idCard(), g.pick(suffixes))
	case 6, 7:
		g.bankCard()
	case 8, 9:
		g.value(Email, g.pick(emailWords), g.email(), g.pick(suffixes))
	case 10:
		g.value(USCC, g.pick(usccWords), g.uscc(), g.pick(suffixes))
	default:
		g.value(None, "收货地址：", g.pick(addresses), "")
	}
}

var mobilePrefixes = strings.Fields("130 131 132 133 134 135 136 137 138 139 145 147 150 151 152 153 155 156 157 158 159 166 170 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199")

func (g *gen) phone() string {
	d := g.pick(mobilePrefixes) + g.digits(8)
	spaced, dashed := d[:3]+" "+d[3:7]+" "+d[7:], d[:3]+"-"+d[3:7]+"-"+d[7:]
	return g.pick([]string{d, d, d, d, spaced, dashed, "+86 " + d, "+86 " + spaced, "+86-" + d, "+86" + d,
		"0086" + d, "0086-" + d, "0086 " + d, "(+86)" + d, "（+86）" + d, d[:3] + " " + d[3:], "86-" + d, wide(d), "＋86 " + wide(d)})
}

// wide writes digits full-width, as Chinese input methods do.
func wide(d string) string {
	var b strings.Builder
	for _, c := range d {
		b.WriteRune(c - '0' + '０')
	}
	return b.String()
}

var areaCodes = strings.Fields("010 020 021 022 023 024 025 027 028 029 0571 0574 0755 0769 0512 0311 0351 0431 0451 0531 0532 0591 0592 0731 0771 0871 0898 0931 0991 0701 0851")

func (g *gen) landline() string {
	a := g.pick(areaCodes)
	n := 8
	if len(a) == 4 && g.r.IntN(3) == 0 {
		n = 7
	}
	l := string(byte('2'+g.r.IntN(8))) + g.digits(n-1)
	forms := []string{a + "-" + l, a + "-" + l, a + " " + l, "(" + a + ")" + l, "（" + a + "）" + l, a + l, "(" + a + ") " + l}
	if n == 8 {
		forms = append(forms, a+"-"+l[:4]+"-"+l[4:], a+" "+l[:4]+" "+l[4:])
	}
	return g.pick(forms)
}

var idRegions = strings.Fields("110101 110105 110108 120104 130102 140105 150102 210102 220104 230103 310104 310115 320102 320506 330106 330212 340104 350203 360102 370102 370202 410105 420106 430104 440106 440305 450103 460105 500103 510107 520102 530102 540102 610113 620102 630102 640104 650102")

func (g *gen) idCard() string {
	day := g.r.IntN(365 * 58)
	if g.r.IntN(10) == 0 {
		b := time1930.AddDate(0, 0, day%(365*69))
		return g.pick(idRegions) + b.Format("060102") + g.digits(3)
	}
	b := time1950.AddDate(0, 0, day)
	body := g.pick(idRegions) + b.Format("20060102") + g.digits(3)
	id := body + idCheck(body)
	switch g.r.IntN(10) {
	case 0:
		return id[:6] + " " + id[6:14] + " " + id[14:]
	case 1:
		return strings.ToLower(id)
	case 2:
		return wide(id[:17]) + id[17:]
	}
	return id
}

func idCheck(body string) string {
	sum := 0
	for i := range 17 {
		sum += int(body[i]-'0') * idWeights[i]
	}
	return string("10X98765432"[sum%11])
}

var cardBINs = []struct {
	bin string
	n   int
}{{"622202", 19}, {"622848", 19}, {"621700", 19}, {"622588", 16}, {"621485", 16}, {"622262", 19},
	{"621661", 19}, {"622150", 19}, {"625966", 16}, {"622609", 16}, {"623058", 19}, {"622908", 18}}

func (g *gen) bankCard() {
	bin, n, foreign := "", 0, g.r.IntN(8) == 0
	if foreign {
		bin, n = g.pick([]string{"4", "51", "52", "55"}), 16
	} else {
		c := cardBINs[g.r.IntN(len(cardBINs))]
		bin, n = c.bin, c.n
	}
	body := bin + g.digits(n-len(bin)-1)
	d := body + luhnDigit(body)
	v := d
	switch g.r.IntN(4) {
	case 0:
		v = group4(d, " ")
	case 1:
		v = group4(d, "-")
	}
	words := cardWords
	if foreign && v == d {
		words = cardWords[:6] // an unformatted Visa number needs a word for card
	}
	g.value(BankCard, g.pick(words), v, g.pick(suffixes))
}

func group4(d, sep string) string {
	var parts []string
	for i := 0; i < len(d); i += 4 {
		parts = append(parts, d[i:min(i+4, len(d))])
	}
	return strings.Join(parts, sep)
}

func luhnDigit(body string) string {
	for c := byte('0'); c <= '9'; c++ {
		if luhn(body + string(c)) {
			return string(c)
		}
	}
	panic("unreachable")
}

func (g *gen) email() string {
	local := g.pick([]string{g.pick(pinyin) + "." + g.pick(pinyin), g.pick(pinyin) + g.digits(2+g.r.IntN(4)),
		g.digits(6 + g.r.IntN(5)), g.pick(mobilePrefixes) + g.digits(8), g.pick(pinyin) + "_" + g.pick(pinyin), strings.ToUpper(g.pick(pinyin)) + "2024"})
	return local + "@" + g.pick([]string{"qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "sina.com", "foxmail.com", "shop-dojo.com.cn", "yahoo.co.jp", "QQ.COM"})
}

func (g *gen) uscc() string {
	body := g.pick([]string{"91", "91", "92", "93", "12", "52"}) + g.pick(idRegions)
	org := make([]byte, 8)
	for i := range org {
		if g.r.IntN(4) == 0 {
			org[i] = "ABCDEFGHJKLMNPQRTUWXY"[g.r.IntN(21)]
		} else {
			org[i] = byte('0' + g.r.IntN(10))
		}
	}
	for c := range []byte(usccChars) {
		if validOrgCode(string(org) + string(usccChars[c])) {
			body += string(org) + string(usccChars[c])
			break
		}
	}
	if len(body) != 17 {
		return g.uscc() // the organisation check character is one usccChars lacks
	}
	for c := range []byte(usccChars) {
		if validUSCC(body + string(usccChars[c])) {
			return body + string(usccChars[c])
		}
	}
	panic("no check character")
}

func (g *gen) distractor() {
	d := g.digits
	p := g.pick
	switch g.r.IntN(17) {
	case 16:
		g.value(None, p([]string{"批号", "编号 ", "流水", "备注 ", "No."}), g.randomNumber(), "")
	case 0:
		g.value(None, p([]string{"订单号", "订单编号：", "天猫订单 ", "order "}), string(byte('1'+g.r.IntN(4)))+d(17+g.r.IntN(2)), "")
	case 1:
		g.value(None, "抖音订单号", p([]string{"4", "5", "69", "48"})+d(17), "")
	case 2:
		g.value(None, "拼多多订单 ", time2020.AddDate(0, 0, g.r.IntN(1500)).Format("060102")+"-"+d(15), "")
	case 3:
		g.value(None, p([]string{"快递单号", "运单号：", "物流单号 ", "单号"}), p([]string{"SF" + d(13), "YT" + d(13), "JT" + d(13),
			"JDVA" + d(11), "7" + p([]string{"3", "5", "8"}) + d(10), "77" + d(13), "43" + d(11), "EA" + d(9) + "CN", "1" + d(12)}), "")
	case 4:
		g.value(None, p([]string{"SKU:", "商家编码 ", "货号", "规格 "}), p([]string{"A-2024-XL-01", "HZ-8812-BLK", "XL2024", "SKU-" + p(mobilePrefixes) + d(8) + "-RED",
			"KFR-35GW/N8", "175/92A", "6901234" + d(6), "P" + d(10)}), "")
	case 5:
		g.value(None, p([]string{"下单时间 ", "付款时间：", "ts=", "时间戳"}), p([]string{"2024-0" + string(byte('1'+g.r.IntN(9))) + "-15 13:45:00",
			"1" + p([]string{"6", "7"}) + d(11), "17" + d(8), "20240115", "2024/1/15 8:00"}), "")
	case 6:
		g.value(None, p([]string{"实付", "金额", "退款 ", "¥"}), p([]string{d(3) + ".00", d(5) + ".50", p(mobilePrefixes) + d(8) + ".00", "1,380,013.80", d(2) + "元"}), "")
	case 7:
		g.value(None, p([]string{"邮编", "邮编 ", "postcode "}), p([]string{"310000", "100101", "518057"}), "")
	case 8:
		g.value(None, p([]string{"QQ群", "加群 ", "旺旺群"}), d(6+g.r.IntN(5)), "")
	case 9:
		g.value(None, p([]string{"客服电话", "售后热线 ", "服务号"}), p([]string{"400-" + d(3) + "-" + d(4), "400" + d(7), "800-" + d(3) + "-" + d(4), "95588", "12315"}), "")
	case 10:
		g.value(None, "京东订单 ", p([]string{"2", "3"})+d(11), "")
	case 11:
		g.value(None, p([]string{"手机尾号", "卡号后四位", "尾号"}), d(4), "")
	case 12:
		g.value(None, "EAN ", "69"+d(11), "")
	case 13:
		g.value(None, p([]string{"数量 ", "x", "共"}), d(1+g.r.IntN(2)), p([]string{"件", "", " pcs"}))
	default:
		g.value(None, p([]string{"收货地址：", "地址 ", "寄到 "}), p(addresses), "")
	}
}

// randomNumber is 5–20 random digits, except an 11-digit one starting
// like a mobile number, which every reader would take for one.
func (g *gen) randomNumber() string {
	for {
		d := g.digits(5 + g.r.IntN(16))
		if !mobile(d) {
			return d
		}
	}
}

var (
	time1930 = mustDate("1930-01-01")
	time1950 = mustDate("1950-01-01")
	time2020 = mustDate("2020-01-01")
)

var phoneWords = []string{"电话", "手机", "联系方式：", "打我电话", "tel:", "收件人手机号 ", "备用号码", "有事联系", "call me at ", "电话是", "换个号码：", "", "Tel：", "手机号码 "}
var landlineWords = []string{"座机", "固话：", "公司电话 ", "办公室电话", "电话", "前台 "}
var idWords = []string{"身份证号：", "清关用身份证 ", "实名认证：", "ID: ", "身份证", "证件号码 "}
var cardWords = []string{"退款到卡号", "银行卡：", "卡号 ", "打到这张卡 ", "card no. ", "信用卡", "打款账户 ", "工行 ", "退到", "", "账号："}
var emailWords = []string{"邮箱", "email: ", "发票发到", "Email：", "", "邮箱是 "}
var usccWords = []string{"税号", "统一社会信用代码：", "开票税号 ", "公司税号:", "发票抬头某某公司，税号"}
var suffixes = []string{"", "", "，谢谢", "（下午在家）", "，到了打电话", "!", " 尽快发货", "。"}
var pinyin = strings.Fields("zhang wang li liu chen yang zhao huang zhou wu xu sun ma zhu hu lin guo he gao luo mei xiaoming lily tom")
var addresses = []string{"浙江省杭州市西湖区文三路 90 号 3 栋 201 室", "上海市浦东新区张江路 1388 号", "广东省深圳市南山区科技园南区 12 栋",
	"北京市朝阳区建国路 88 号 SOHO 现代城 2 号楼 1501", "四川省成都市武侯区人民南路四段 27 号", "江苏省苏州市工业园区星湖街 328 号"}
var plainTexts = []string{"请尽快发货", "颜色要黑色的，不要白色", "不要放快递柜，放门卫", "送人的，不要放发票和价格单", "周末不在家，工作日送",
	"麻烦包装好一点", "好评返现已联系客服", "尺码拍大了换M码", "备注：加急", "老客户了，多送点小样"}
