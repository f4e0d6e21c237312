package mask

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// never marks a header rule for columns that are never personal data.
const never Kind = "never"

// headerRules map words in a normalised header to what the column holds,
// first match wins. Never-PII words come first so 订单编号, 物流单号 or
// Lineitem name are kept even when their values look like phones; then
// the specific kinds before the general ones (收件人手机号 is a phone, not a
// name; 银行账号 a card, not an account name).
var headerRules = []struct {
	kind  Kind
	words string
}{
	{never, "订单编号 订单号 单号 运单 物流 快递 商品编号 商品id 商品编码 商家编码 编码 货号 条码 sku lineitem " +
		"orderid ordernumber order# 交易号 流水号 时间 日期 date time created paid 金额 价格 单价 总价 实付 实收 运费 邮费 " +
		"优惠 退款 price amount total subtotal discount 数量 quantity qty 状态 status 邮编 zip postcode postal " +
		"标题 商品名称 宝贝 title product 店铺 shop store vendor 公司 company 城市 city 省份 province country 国家"},
	{IDCard, "身份证 证件号 身份号 idcard idnumber identity"},
	{BankCard, "银行卡 卡号 银行账号 银行账户 bankcard cardnumber bankaccount"},
	{USCC, "统一社会信用代码 信用代码 纳税人识别号 税号 uscc taxid"},
	{Email, "邮箱 电子邮件 email"},
	{BuyerID, "会员名 昵称 旺旺 支付宝 买家账号 买家id 用户名 用户id 会员id 账号 buyer customer username nick account"},
	{Landline, "固话 座机 固定电话 联系电话 landline telephone"},
	{Phone, "手机 电话 mobile phone cell tel"},
	{Address, "地址 收货地 address street"},
	{PersonName, "收货人 收件人 姓名 联系人 consignee recipient name"},
}

// headerKind returns the rule a header matches: a kind, never, or "" when
// the header says nothing.
func headerKind(h string) Kind {
	n := normHeader(h)
	if n == "" {
		return ""
	}
	for _, r := range headerRules {
		for _, w := range strings.Fields(r.words) {
			if strings.Contains(n, w) {
				return r.kind
			}
		}
	}
	return ""
}

// normHeader folds width and case and drops white space and punctuation
// that exports sprinkle into headers ("收货地址 ", "E-mail", "手机：").
func normHeader(h string) string {
	h = strings.ToLower(width.Fold.String(h))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("-_:*()[]（）【】\ufeff\u200b", r) {
			return -1
		}
		return r
	}, h)
}
