package kpi

import "slices"

// Unit says how a Metric's Value reads.
type Unit string

const (
	UnitCount    Unit = "count"
	UnitMoney    Unit = "money_fen" // Value in fen
	UnitRatio    Unit = "ratio"     // a fraction, 0.0418 = 4.18 %
	UnitSeconds  Unit = "seconds"
	UnitMultiple Unit = "multiple" // ROI-style, 4 = 4 : 1
)

// Metric is one computed figure. When OK is false, Value is 0 and Reason
// is a message id saying why it could not be computed from these files.
// Num and Den are the sums a ratio came from (Den 0 for plain sums). Note,
// when set, is a message id qualifying a computed value (an upper bound, a
// weighted average of reported ratios …).
type Metric struct {
	Key    string
	Value  float64
	Unit   Unit
	OK     bool
	Reason string
	Note   string
	Num    float64
	Den    float64
}

// Metric keys.
const (
	Visitors         = "visitors"
	PageViews        = "page_views"
	ItemVisitors     = "item_visitors"
	CartUsers        = "cart_users"
	FavUsers         = "fav_users"
	OrderBuyers      = "order_buyers"
	GMV              = "gmv"
	PaidOrders       = "paid_orders"
	PaidBuyers       = "paid_buyers"
	PaidUnits        = "paid_units"
	CreatedOrders    = "created_orders"
	PaymentRate      = "payment_rate"
	PayConversion    = "pay_conversion"
	AOV              = "aov"
	AOVOrder         = "aov_order"
	UVValue          = "uv_value"
	ItemViewRate     = "item_view_rate"
	CartRate         = "cart_rate"
	FavRate          = "fav_rate"
	OrderRate        = "order_rate"
	CartToOrder      = "cart_to_order"
	PayRateOfOrders  = "pay_rate_of_orders"
	RefundAmount     = "refund_amount"
	RefundRateOrders = "refund_rate_orders"
	RefundRateAmount = "refund_rate_amount"
	Repurchase30     = "repurchase_30"
	Repurchase90     = "repurchase_90"
	AdSpend          = "ad_spend"
	AdImpressions    = "ad_impressions"
	AdClicks         = "ad_clicks"
	AdGMV            = "ad_gmv"
	AdOrders         = "ad_orders"
	CTR              = "ctr"
	CPC              = "cpc"
	ROI              = "roi"
	OrderROI         = "order_roi"
	ROAS             = "roas"
	ACoS             = "acos"
	TACoS            = "tacos"
	BreakEvenROI     = "break_even_roi"
	CSInquiries      = "cs_inquiries"
	CSInquiryConv    = "cs_inquiry_conversion"
	CSRounds         = "cs_rounds"
	CSResponseRate3  = "cs_response_rate_3min"
	CSFirstResponse  = "cs_first_response_seconds"
	CSAvgResponse    = "cs_avg_response_seconds"
	CSSales          = "cs_sales"
	EventPV          = "event_pv"
	EventCart        = "event_cart"
	EventFav         = "event_fav"
	EventBuy         = "event_buy"
	EventUsersPV     = "event_users_pv"
	EventUsersCart   = "event_users_cart"
	EventUsersFav    = "event_users_fav"
	EventUsersBuy    = "event_users_buy"
	EventCartRate    = "event_cart_rate"
	EventFavRate     = "event_fav_rate"
	EventBuyRate     = "event_buy_rate"
)

// Direction says which way a metric is better.
type Direction int

const (
	HigherBetter Direction = 1
	LowerBetter  Direction = -1
)

type metricDef struct {
	key  string
	unit Unit
	dir  Direction
	// bounded ratios stay within [0, 1] by construction.
	bounded bool
}

// defs lists every metric in display order; it is a constant table.
var defs = []metricDef{
	{Visitors, UnitCount, HigherBetter, false}, {PageViews, UnitCount, HigherBetter, false},
	{ItemVisitors, UnitCount, HigherBetter, false}, {CartUsers, UnitCount, HigherBetter, false},
	{FavUsers, UnitCount, HigherBetter, false}, {OrderBuyers, UnitCount, HigherBetter, false},
	{GMV, UnitMoney, HigherBetter, false}, {PaidOrders, UnitCount, HigherBetter, false},
	{PaidBuyers, UnitCount, HigherBetter, false}, {PaidUnits, UnitCount, HigherBetter, false},
	{CreatedOrders, UnitCount, HigherBetter, false}, {PaymentRate, UnitRatio, HigherBetter, true},
	{PayConversion, UnitRatio, HigherBetter, false}, {AOV, UnitMoney, HigherBetter, false},
	{AOVOrder, UnitMoney, HigherBetter, false}, {UVValue, UnitMoney, HigherBetter, false},
	{ItemViewRate, UnitRatio, HigherBetter, false}, {CartRate, UnitRatio, HigherBetter, false},
	{FavRate, UnitRatio, HigherBetter, false}, {OrderRate, UnitRatio, HigherBetter, false},
	{CartToOrder, UnitRatio, HigherBetter, false}, {PayRateOfOrders, UnitRatio, HigherBetter, false},
	{RefundAmount, UnitMoney, LowerBetter, false}, {RefundRateOrders, UnitRatio, LowerBetter, true},
	{RefundRateAmount, UnitRatio, LowerBetter, false},
	{Repurchase30, UnitRatio, HigherBetter, true}, {Repurchase90, UnitRatio, HigherBetter, true},
	{AdSpend, UnitMoney, LowerBetter, false}, {AdImpressions, UnitCount, HigherBetter, false},
	{AdClicks, UnitCount, HigherBetter, false}, {AdGMV, UnitMoney, HigherBetter, false},
	{AdOrders, UnitCount, HigherBetter, false}, {CTR, UnitRatio, HigherBetter, false},
	{CPC, UnitMoney, LowerBetter, false}, {ROI, UnitMultiple, HigherBetter, false},
	{OrderROI, UnitMultiple, HigherBetter, false}, {ROAS, UnitMultiple, HigherBetter, false},
	{ACoS, UnitRatio, LowerBetter, false}, {TACoS, UnitRatio, LowerBetter, false},
	{BreakEvenROI, UnitMultiple, LowerBetter, false},
	{CSInquiries, UnitCount, HigherBetter, false}, {CSInquiryConv, UnitRatio, HigherBetter, false},
	{CSRounds, UnitCount, HigherBetter, false}, {CSResponseRate3, UnitRatio, HigherBetter, false},
	{CSFirstResponse, UnitSeconds, LowerBetter, false}, {CSAvgResponse, UnitSeconds, LowerBetter, false},
	{CSSales, UnitMoney, HigherBetter, false},
	{EventPV, UnitCount, HigherBetter, false}, {EventCart, UnitCount, HigherBetter, false},
	{EventFav, UnitCount, HigherBetter, false}, {EventBuy, UnitCount, HigherBetter, false},
	{EventUsersPV, UnitCount, HigherBetter, false}, {EventUsersCart, UnitCount, HigherBetter, false},
	{EventUsersFav, UnitCount, HigherBetter, false}, {EventUsersBuy, UnitCount, HigherBetter, false},
	{EventCartRate, UnitRatio, HigherBetter, true}, {EventFavRate, UnitRatio, HigherBetter, true},
	{EventBuyRate, UnitRatio, HigherBetter, true},
}

func def(key string) (metricDef, bool) {
	i := slices.IndexFunc(defs, func(d metricDef) bool { return d.key == key })
	if i < 0 {
		return metricDef{}, false
	}
	return defs[i], true
}

// Keys lists every metric key in display order.
func Keys() []string {
	out := make([]string, len(defs))
	for i, d := range defs {
		out[i] = d.key
	}
	return out
}

// UnitOf is how a metric's values read; UnitCount for an unknown key.
func UnitOf(key string) Unit {
	if d, ok := def(key); ok {
		return d.unit
	}
	return UnitCount
}

// DirectionOf tells whether higher or lower is better for a metric key; it
// is HigherBetter for unknown keys.
func DirectionOf(key string) Direction {
	if d, ok := def(key); ok {
		return d.dir
	}
	return HigherBetter
}

// Bounded reports whether a metric is a share of a whole that must stay in
// [0, 1] (ratios such as 支付转化率 come from two files and need not).
func Bounded(key string) bool {
	d, _ := def(key)
	return d.bounded
}

func value(key string, v float64) Metric {
	d, _ := def(key)
	return Metric{Key: key, Value: v, Unit: d.unit, OK: true, Num: v}
}

func missing(key, reason string) Metric {
	d, _ := def(key)
	return Metric{Key: key, Unit: d.unit, Reason: reason}
}

func ratio(key string, num, den float64) Metric {
	d, _ := def(key)
	if den == 0 {
		return Metric{Key: key, Unit: d.unit, Reason: ReasonZeroDenominator, Num: num}
	}
	return Metric{Key: key, Value: num / den, Unit: d.unit, OK: true, Num: num, Den: den}
}
