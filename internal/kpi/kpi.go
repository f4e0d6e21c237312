// Package kpi computes store metrics from canonical import records (orders,
// traffic, ads, customer service, behaviour events) and diagnoses them:
// LMDI decomposition of a GMV change, gaps against targets ranked by their
// estimated GMV impact, an editable rule table from gaps to curriculum
// modules, competencies and positions, and a recommended training plan.
//
// The package is pure: no database, no clock, no I/O beyond its embedded
// rule table. Every user-visible word is a message id (see MessageIDs); a
// metric that a file cannot support is reported with OK false and a reason
// instead of a guess. docs/metrics.md gives every formula and its source.
package kpi

import (
	"time"
)

// Fields is the set of canonical field keys a file actually had, so that
// "zero" can be told from "not in this file".
type Fields map[string]bool

// Has reports whether the file had the field.
func (f Fields) Has(key string) bool { return f[key] }

// FieldsOf builds a Fields set from keys.
func FieldsOf(keys ...string) Fields {
	f := Fields{}
	for _, k := range keys {
		f[k] = true
	}
	return f
}

// Canonical field keys used in Fields (the shared ingest schema).
const (
	FieldOrderID      = "order_id"
	FieldLineID       = "line_id"
	FieldStore        = "store"
	FieldBuyerID      = "buyer_id"
	FieldCreatedAt    = "created_at"
	FieldPaidAt       = "paid_at"
	FieldStatus       = "status"
	FieldAmountTotal  = "amount_total"
	FieldAmountPaid   = "amount_paid"
	FieldRefundAmount = "refund_amount"
	FieldRefundStatus = "refund_status"
	FieldProductID    = "product_id"
	FieldProductName  = "product_name"
	FieldSKU          = "sku"
	FieldUnits        = "units"
	FieldUnitPrice    = "unit_price"
	FieldRegion       = "region"
	FieldChannel      = "channel"
)

// OrderLine is one line of an orders export (KIND orders). Money is in fen;
// a zero PaidAt means the order is not paid.
type OrderLine struct {
	OrderID, LineID, Store, BuyerID string
	CreatedAt, PaidAt               time.Time
	Status                          string
	AmountTotal, AmountPaid         int64
	RefundAmount                    int64
	RefundStatus                    string
	ProductID, ProductName, SKU     string
	Units, UnitPrice                int64
	Region, Channel                 string
}

// AmountGrain says how order amounts sit on an export's lines. It must be
// chosen by the caller (the import preset knows it): guessing would
// double-count orders whose amount is repeated on every line.
type AmountGrain int

const (
	// GrainUnset is refused when some order has more than one line.
	GrainUnset AmountGrain = iota
	// GrainOrder: amount_total, amount_paid and refund_amount are the
	// order's, repeated on its lines or present on the first line only;
	// the order takes the first non-zero value of each.
	GrainOrder
	// GrainLine: the amounts are per line and an order's are their sums.
	GrainLine
)

// Orders is the orders part of a Dataset.
type Orders struct {
	Lines []OrderLine
	Has   Fields
	Grain AmountGrain
}

// TrafficRow is one row of a traffic report (KIND traffic): one date and
// optionally one store, channel and product. Date's calendar day is read
// in its own location, as the importer produced it.
type TrafficRow struct {
	Date                                   time.Time
	Store, Channel, ProductID, ProductName string
	Visitors, PageViews, ItemVisitors      int64
	FavUsers, CartUsers, CartUnits         int64
	OrderBuyers, OrderAmount               int64
	PaidBuyers, PaidOrders, PaidUnits      int64
	GMV, RefundAmount                      int64
	NewBuyers, ReturningBuyers             int64
	PeerAvgPayConversion                   float64
	PeerTopPayConversion                   float64
	PeerAvgAOV, PeerTopAOV                 int64
	PeerAvgVisitors, PeerTopVisitors       int64
	PeerAvgGMV, PeerTopGMV                 int64
}

// Traffic is the traffic part of a Dataset.
type Traffic struct {
	Rows []TrafficRow
	Has  Fields
}

// AdRow is one row of an advertising report (KIND ads).
type AdRow struct {
	Date                     time.Time
	Store, Channel, Campaign string
	ProductID                string
	Spend                    int64
	Impressions, Clicks      int64
	AdGMV, AdOrders          int64
	AdOrderAmount            int64
}

// Ads is the advertising part of a Dataset.
type Ads struct {
	Rows []AdRow
	Has  Fields
}

// CSRow is one customer-service agent's figures for a date or a period
// (KIND cs). Ratios are fractions as the platform reported them.
type CSRow struct {
	Date, PeriodStart, PeriodEnd time.Time
	Store, Agent                 string
	Inquiries, InquiryPaid       int64
	InquiryConversion            float64
	Rounds, Rounds3Min           int64
	ResponseRate3Min             float64
	FirstResponseSeconds         float64
	AvgResponseSeconds           float64
	CSSales                      int64
}

// CS is the customer-service part of a Dataset.
type CS struct {
	Rows []CSRow
	Has  Fields
}

// Event is one behaviour-log event (KIND events); Action is pv, cart, fav
// or buy.
type Event struct {
	UserID, ItemID, CategoryID string
	Action                     string
	At                         time.Time
}

// Events is the behaviour-log part of a Dataset.
type Events struct {
	Rows []Event
	Has  Fields
}

// Dataset is everything imported for one diagnosis: any part may be empty.
type Dataset struct {
	Orders  Orders
	Traffic Traffic
	Ads     Ads
	CS      CS
	Events  Events
}
