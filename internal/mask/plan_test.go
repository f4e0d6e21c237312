package mask

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPlanColumns(t *testing.T) {
	m := testMasker(t)
	headers := []string{"订单编号", "买家会员名", "买家支付宝账号", "收货人姓名", "收货地址 ", "联系电话 ", "联系手机",
		"物流单号", "买家留言", "总金额", "Email", "Billing Phone", "Shipping Name", "Lineitem sku", "身份证号",
		"银行卡号", "统一社会信用代码", "备用", "杂项", "Notes"}
	sample := [][]string{
		{"1234567890123456789", "tb_a", "a@b.cn", "张三", "浙江省杭州市西湖区文三路 1 号", "0571-88886666", "13800138000",
			"773012345678901", "请发顺丰", "128.00", "a@qq.com", "+86 139 0013 9000", "John Smith", "A-2024-XL-01",
			"11010519491231002X", "6222021234567890128", "91350100M000100Y43", "13900139000", "广东省深圳市南山区科技园 5 栋", "call 13800138000"},
	}
	p := m.Plan(headers, sample, map[string]Action{"ｎｏｔｅｓ": ActionDrop})
	want := []struct {
		k Kind
		a Action
		d Decision
	}{
		{None, ActionKeep, ByHeader}, {BuyerID, ActionPseudonym, ByHeader}, {BuyerID, ActionPseudonym, ByHeader},
		{PersonName, ActionReduce, ByHeader}, {Address, ActionGeneralize, ByHeader}, {Landline, ActionPartial, ByHeader},
		{Phone, ActionPseudonym, ByHeader}, {None, ActionKeep, ByHeader}, {None, ActionScan, ByDefault},
		{None, ActionKeep, ByHeader}, {Email, ActionPseudonym, ByHeader}, {Phone, ActionPseudonym, ByHeader},
		{PersonName, ActionReduce, ByHeader}, {None, ActionKeep, ByHeader}, {IDCard, ActionPseudonym, ByHeader},
		{BankCard, ActionPseudonym, ByHeader}, {USCC, ActionKeep, ByHeader}, {Phone, ActionPseudonym, ByContent},
		{Address, ActionGeneralize, ByContent}, {None, ActionDrop, ByOverride},
	}
	for i, c := range p.Columns {
		if c.Kind != want[i].k || c.Action != want[i].a || c.Decided != want[i].d {
			t.Errorf("%s: %s/%s/%s, want %v", c.Header, c.Kind, c.Action, c.Decided, want[i])
		}
	}
	out := p.Row(sample[0])
	joined := strings.Join(out, "|")
	for _, raw := range []string{"13800138000", "13900139000", "11010519491231002X", "6222021234567890128", "张三", "文三路", "a@qq.com", "88886666"} {
		if strings.Contains(joined, raw) {
			t.Errorf("%q survives in %q", raw, joined)
		}
	}
	for _, kept := range []string{"1234567890123456789", "773012345678901", "A-2024-XL-01", "91350100M000100Y43", "请发顺丰"} {
		if !strings.Contains(joined, kept) {
			t.Errorf("%q was changed: %q", kept, joined)
		}
	}
	if out[4] != "浙江省/杭州市" || out[3] != "张*" || out[12] != "J. S." || out[5] != "0571-****6666" || out[19] != "" {
		t.Errorf("row %q", out)
	}
	if out[11] != m.Pseudonym(Phone, "13900139000") || out[17] != out[11] {
		t.Errorf("the same phone gets different tokens: %q %q", out[11], out[17])
	}
	rep := p.Report()
	if rep.Rows != 1 || rep.Columns[0].Changed != 0 || rep.Columns[6].Changed != 1 || rep.Columns[6].Seen != 1 {
		t.Errorf("report %+v", rep)
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Fatal(err)
	}
}

func TestPlanLandlineColumnWithMobile(t *testing.T) {
	m := testMasker(t)
	p := m.Plan([]string{"联系电话"}, nil, nil)
	if got := p.Row([]string{"13800138000"})[0]; got != m.Pseudonym(Phone, "13800138000") {
		t.Errorf("mobile in 联系电话 became %q", got)
	}
	p = m.Plan([]string{"联系电话"}, nil, map[string]Action{"联系电话": ActionPartial})
	if got := p.Row([]string{"13800138000"})[0]; got != "138****8000" {
		t.Errorf("override partial gave %q", got)
	}
}

func TestPlanScanCountsText(t *testing.T) {
	m := testMasker(t)
	p := m.Plan([]string{"买家留言"}, nil, nil)
	out := p.Row([]string{"电话13800138000，邮箱a@qq.com，身份证11010519491231002X"})
	if strings.ContainsAny(out[0], "@X") || strings.Contains(out[0], "13800138000") {
		t.Errorf("scan left %q", out[0])
	}
	rep := p.Report()
	if rep.Text[Phone] != 1 || rep.Text[Email] != 1 || rep.Text[IDCard] != 1 {
		t.Errorf("text counts %v", rep.Text)
	}
}

func TestPlanContentNeedsMajority(t *testing.T) {
	m := testMasker(t)
	sample := [][]string{{"13800138000"}, {"好评"}, {"快点发货"}, {""}}
	if p := m.Plan([]string{"x"}, sample, nil); p.Columns[0].Kind != None {
		t.Errorf("one phone in three made the column %s", p.Columns[0].Kind)
	}
	sample = append(sample, []string{"13900139000"}, []string{"+86 137 0013 7000"})
	if p := m.Plan([]string{"x"}, sample, nil); p.Columns[0].Kind != Phone {
		t.Errorf("three phones in five made the column %s", p.Columns[0].Kind)
	}
}
