package api_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

const apiOrders = "订单编号,买家会员名,联系手机,买家实际支付金额,订单状态,订单创建时间,订单付款时间,退款金额\n" +
	"A1,小雨,13800138000,189.00,交易成功,2026-03-01 10:00:00,2026-03-01 10:01:00,0.00\n" +
	"A2,老李,13900139000,59.90,交易成功,2026-03-01 11:00:00,2026-03-01 11:00:30,59.90\n" +
	"A3,小雨,13800138000,279.00,交易成功,2026-03-02 09:30:00,2026-03-02 09:31:00,0.00\n"

type kpisBody struct {
	StoreID string `json:"store_id"`
	From    string `json:"from"`
	To      string `json:"to"`
	Total   []struct {
		Key    string  `json:"key"`
		Name   string  `json:"name"`
		Value  float64 `json:"value"`
		OK     bool    `json:"ok"`
		Reason string  `json:"reason"`
	} `json:"total"`
	Groups []struct {
		Key string `json:"key"`
	} `json:"groups"`
	Gaps []any `json:"gaps"`
}

// TestStoreKPIs: a store's figures as data, computed from its import;
// bad parameters are a 422 naming the field, other stores a 404, and a
// learner without storedata.read is refused.
func TestStoreKPIs(t *testing.T) {
	e := newEnv(t)
	sys := app.SystemActor("test")
	st, err := e.app.CreateStore(e.ctx, sys, app.StoreInput{Platform: shopdojo.PlatformTmall, Name: "接口测试店"})
	if err != nil {
		t.Fatal(err)
	}
	ac, err := e.app.ActorFor(e.ctx, e.adminID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.app.ImportKPI(e.ctx, ac, app.KPIImport{StoreID: st, FileName: "orders.csv", Size: int64(len(apiOrders)),
		Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(apiOrders)), nil }}); err != nil {
		t.Fatal(err)
	}
	var got kpisBody
	e.call(req{method: "GET", path: "/api/v1/stores/" + st + "/kpis?from=2026-03-01&to=2026-03-02&by=day", token: e.admin}, http.StatusOK, &got)
	if got.StoreID != st || got.From != "2026-03-01" || got.To != "2026-03-02" || len(got.Groups) != 2 {
		t.Fatalf("period or groups: %+v", got)
	}
	values := map[string]float64{}
	for _, m := range got.Total {
		if m.OK {
			values[m.Key] = m.Value
		} else if m.Key == "pay_conversion" && m.Reason == "" {
			t.Error("支付转化率 without visitors gives no reason")
		}
	}
	if values["gmv"] != 52790 || values["paid_orders"] != 3 || values["paid_buyers"] != 2 {
		t.Fatalf("gmv %v, orders %v, buyers %v; want 52790 fen, 3, 2", values["gmv"], values["paid_orders"], values["paid_buyers"])
	}
	var bad apiError
	e.call(req{method: "GET", path: "/api/v1/stores/" + st + "/kpis?by=hour&from=3/1", token: e.admin}, http.StatusUnprocessableEntity, &bad)
	if bad.Error.Fields["by"] == "" || bad.Error.Fields["from"] == "" {
		t.Fatalf("fields %v", bad.Error.Fields)
	}
	e.call(req{method: "GET", path: "/api/v1/stores/nope/kpis", token: e.admin}, http.StatusNotFound, nil)
	learner := e.token(e.person("L0001", "学员", shopdojo.RoleLearner), app.ScopeRead)
	e.call(req{method: "GET", path: "/api/v1/stores/" + st + "/kpis", token: learner}, http.StatusForbidden, nil)
}
