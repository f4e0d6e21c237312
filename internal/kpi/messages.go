package kpi

// Reasons a Metric is not computable (Metric.Reason).
const (
	ReasonNoOrders        = "kpi.reason.no_orders"        // the dataset has no order lines
	ReasonNoTraffic       = "kpi.reason.no_traffic"       // needs visitors from a traffic report
	ReasonNoAds           = "kpi.reason.no_ads"           // needs an advertising report
	ReasonNoBuyerID       = "kpi.reason.no_buyer_id"      // the order file has no buyer id
	ReasonNoAmount        = "kpi.reason.no_amount"        // no paid or total amount column
	ReasonNoRefund        = "kpi.reason.no_refund"        // no refund amount or status column
	ReasonNoField         = "kpi.reason.no_field"         // the file lacks the column this metric needs
	ReasonNoMargin        = "kpi.reason.no_margin"        // break-even ROI needs a gross margin
	ReasonNoDimension     = "kpi.reason.no_dimension"     // this file cannot be split by the chosen dimension
	ReasonZeroDenominator = "kpi.reason.zero_denominator" // nothing to divide by in this group
	ReasonNoCounts        = "kpi.reason.no_counts"        // neither counts nor a reported ratio
	ReasonUnallocated     = "kpi.reason.unallocated"      // multi-product orders without line amounts
)

// Notes qualifying a computed Metric (Metric.Note).
const (
	NoteSumOfRows       = "kpi.note.sum_of_rows"       // visitors summed over days or sources: an upper bound
	NoteGMVFromTotal    = "kpi.note.gmv_from_total"    // no paid amount column: 总金额 used
	NoteFromTraffic     = "kpi.note.from_traffic"      // taken from the traffic report (no orders)
	NoteMixedSources    = "kpi.note.mixed_sources"     // buyers from orders, visitors from traffic
	NoteWeightedRatio   = "kpi.note.weighted_reported" // reported ratios weighted by rounds or inquiries
	NoteUnweighted      = "kpi.note.unweighted"        // a plain mean of rows: no weights in the file
	NoteWindowTruncated = "kpi.note.window_truncated"  // the data start inside the repurchase window
	NoteAllocated       = "kpi.note.allocated"         // order amounts split over products by line value
	NoteFromEvents      = "kpi.note.from_events"       // counted from the behaviour log
)

// Labels of groups.
const (
	LabelTotal   = "kpi.group.total"
	LabelUnknown = "kpi.group.unknown" // an empty store, region, channel … value
)

// Provenance notes of built-in and derived targets (Target.Note).
const (
	TargetShopifyConversion = "kpi.target.shopify_conversion"
	TargetCartAbandonment   = "kpi.target.cart_abandonment"
	TargetRepeatPurchase    = "kpi.target.repeat_purchase"
	TargetAmazonACoS        = "kpi.target.amazon_acos"
	TargetPeerAvg           = "kpi.target.peer_avg"
	TargetPeerTop           = "kpi.target.peer_top"
	TargetBreakEven         = "kpi.target.break_even"
)

// Problems of a rule table (Problem.Msg). Args: Value (the offending
// value), First (line of the earlier rule).
const (
	MsgRulesSyntax        = "kpi.rules.syntax"         // not valid TOML
	MsgRulesEmpty         = "kpi.rules.empty"          // no [[rule]] at all
	MsgRulesUnknownKey    = "kpi.rules.unknown_key"    // Args: Value
	MsgRulesUnknownMetric = "kpi.rules.unknown_metric" // Args: Value
	MsgRulesNoModules     = "kpi.rules.no_modules"     //
	MsgRulesBadModule     = "kpi.rules.bad_module"     // Args: Value
	MsgRulesBadCompetency = "kpi.rules.bad_competency" // Args: Value
	MsgRulesEmptyPosition = "kpi.rules.empty_position" //
	MsgRulesBadWorseBy    = "kpi.rules.bad_worse_by"   // Args: Value
	MsgRulesDuplicate     = "kpi.rules.duplicate"      // Args: First
)

// Problem is one finding about an input file, worded by its message id.
type Problem struct {
	Line  int    // 1-based line in the file, 0 when it concerns the whole file
	Field string // e.g. "modules", or "" for the whole rule or file
	Msg   string
	Args  map[string]any
}

// MessageIDs lists every message id this package can put in a Metric,
// Target, Problem or group label, with the Args each may use.
func MessageIDs() map[string][]string {
	out := map[string][]string{}
	for _, id := range []string{
		ReasonNoOrders, ReasonNoTraffic, ReasonNoAds, ReasonNoBuyerID, ReasonNoAmount,
		ReasonNoRefund, ReasonNoField, ReasonNoMargin, ReasonNoDimension,
		ReasonZeroDenominator, ReasonNoCounts, ReasonUnallocated,
		NoteSumOfRows, NoteGMVFromTotal, NoteFromTraffic, NoteMixedSources, NoteWeightedRatio,
		NoteUnweighted, NoteWindowTruncated, NoteAllocated, NoteFromEvents,
		LabelTotal, LabelUnknown,
		TargetShopifyConversion, TargetCartAbandonment, TargetRepeatPurchase, TargetAmazonACoS,
		TargetPeerAvg, TargetPeerTop, TargetBreakEven,
		MsgRulesSyntax, MsgRulesEmpty, MsgRulesNoModules, MsgRulesEmptyPosition,
	} {
		out[id] = nil
	}
	for _, id := range []string{MsgRulesUnknownKey, MsgRulesUnknownMetric, MsgRulesBadModule, MsgRulesBadCompetency, MsgRulesBadWorseBy} {
		out[id] = []string{"Value"}
	}
	out[MsgRulesDuplicate] = []string{"First"}
	for _, d := range defs {
		out[MetricNameID(d.key)] = nil
	}
	return out
}

// MetricNameID is the message id of a metric's display name.
func MetricNameID(key string) string { return "kpi.metric." + key }
