// Package ingest reads store exports (orders, traffic, ads, customer
// service, behaviour logs) from CSV and XLSX into records of canonical
// fields, streaming with bounded memory. Which header means which field
// is not code but preset files (presets/*.toml, editable copies in an
// override directory); a generic preset with a saved Mapping covers any
// other file. Faults are row-numbered Problems with message ids, and
// reading never stops at a bad row, so the caller decides whether to keep
// the good rows. Every record carries its raw cells for the masker and a
// natural key, so re-importing a file or an overlapping period upserts
// instead of duplicating.
package ingest

// Kind is the dataset a file holds.
type Kind string

// The dataset kinds of the shared canonical schema.
const (
	Orders  Kind = "orders"
	Traffic Kind = "traffic"
	Ads     Kind = "ads"
	CS      Kind = "cs"
	Events  Kind = "events"
)

// Kinds lists every kind in a stable order.
func Kinds() []Kind { return []Kind{Orders, Traffic, Ads, CS, Events} }

// Type is how a canonical field's cells are read.
type Type string

// Field types.
const (
	Text    Type = "text"
	Int     Type = "int"
	Money   Type = "money"   // int64 fen
	Ratio   Type = "ratio"   // float64 fraction
	Time    Type = "time"    // an instant; naive times read in the store's zone
	Date    Type = "date"    // a calendar day in the store's zone (midnight)
	Seconds Type = "seconds" // float64 seconds
)

// Field is one canonical field of a kind.
type Field struct {
	Key      string
	Type     Type
	Required bool // every record of the kind needs it
}

// schema is the contract between the ingest, mask and kpi engines; the
// order is the order a mapping screen shows.
var schema = map[Kind][]Field{
	Orders: {
		{"order_id", Text, true}, {"line_id", Text, false}, {"store", Text, false},
		{"buyer_id", Text, false}, {"created_at", Time, false}, {"paid_at", Time, false},
		{"status", Text, false}, {"amount_total", Money, false}, {"amount_paid", Money, false},
		{"refund_amount", Money, false}, {"refund_status", Text, false}, {"product_id", Text, false},
		{"product_name", Text, false}, {"sku", Text, false}, {"units", Int, false},
		{"unit_price", Money, false}, {"region", Text, false}, {"channel", Text, false},
	},
	Traffic: {
		{"date", Date, true}, {"store", Text, false}, {"channel", Text, false},
		{"product_id", Text, false}, {"product_name", Text, false},
		{"visitors", Int, false}, {"page_views", Int, false}, {"item_visitors", Int, false},
		{"fav_users", Int, false}, {"cart_users", Int, false}, {"cart_units", Int, false},
		{"order_buyers", Int, false}, {"order_amount", Money, false}, {"paid_buyers", Int, false},
		{"paid_orders", Int, false}, {"paid_units", Int, false}, {"gmv", Money, false},
		{"refund_amount", Money, false}, {"new_buyers", Int, false}, {"returning_buyers", Int, false},
		{"peer_avg_pay_conversion", Ratio, false}, {"peer_top_pay_conversion", Ratio, false},
		{"peer_avg_aov", Money, false}, {"peer_top_aov", Money, false},
		{"peer_avg_visitors", Int, false}, {"peer_top_visitors", Int, false},
		{"peer_avg_gmv", Money, false}, {"peer_top_gmv", Money, false},
	},
	Ads: {
		{"date", Date, true}, {"store", Text, false}, {"channel", Text, false},
		{"campaign", Text, false}, {"product_id", Text, false}, {"spend", Money, false},
		{"impressions", Int, false}, {"clicks", Int, false}, {"ad_gmv", Money, false},
		{"ad_orders", Int, false}, {"ad_order_amount", Money, false},
	},
	CS: {
		{"date", Date, false}, {"period_start", Date, false}, {"period_end", Date, false},
		{"store", Text, false}, {"agent", Text, true}, {"inquiries", Int, false},
		{"inquiry_paid", Int, false}, {"inquiry_conversion", Ratio, false}, {"rounds", Int, false},
		{"rounds_3min", Int, false}, {"response_rate_3min", Ratio, false},
		{"first_response_seconds", Seconds, false}, {"avg_response_seconds", Seconds, false},
		{"cs_sales", Money, false},
	},
	Events: {
		{"user_id", Text, true}, {"item_id", Text, false}, {"category_id", Text, false},
		{"action", Text, true}, {"at", Time, true},
	},
}

// Schema returns the canonical fields of kind in mapping-screen order;
// nil for an unknown kind.
func Schema(kind Kind) []Field {
	return append([]Field(nil), schema[kind]...)
}

// fieldOf finds a canonical field of kind.
func fieldOf(kind Kind, key string) (Field, bool) {
	for _, f := range schema[kind] {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// idLike reports whether a text field holds an identifier, which must be
// read exactly as written and is checked for Excel's scientific notation.
func idLike(key string) bool {
	switch key {
	case "order_id", "line_id", "product_id", "sku", "user_id", "item_id", "category_id":
		return true
	}
	return false
}

// Actions are the event actions of the behaviour log.
var actionWords = map[string]string{
	"pv": "pv", "浏览": "pv", "点击": "pv", "view": "pv", "click": "pv",
	"cart": "cart", "加购": "cart", "加入购物车": "cart", "addtocart": "cart",
	"fav": "fav", "收藏": "fav", "favorite": "fav", "favourite": "fav",
	"buy": "buy", "购买": "buy", "支付": "buy", "purchase": "buy",
}
