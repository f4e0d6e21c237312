package mask

// Message ids of the masking report. Report lines take Args: Count (a
// number), Header (a column header), Kind, Action and Decided (already
// translated names), Seen and Changed (numbers).
const (
	MsgRows                = "mask.report.rows"                  // Args: Count
	MsgColumn              = "mask.report.column"                // Args: Header, Kind, Action, Decided, Changed, Seen
	MsgTextSpans           = "mask.report.text_spans"            // Args: Kind, Count
	MsgAddressProvinceOnly = "mask.report.address_province_only" // Args: Count
	MsgAddressUnresolved   = "mask.report.address_unresolved"    // Args: Count
)

// KindMsg is the message id of a kind's name.
func KindMsg(k Kind) string { return "mask.kind." + string(k) }

// ActionMsg is the message id of an action's name.
func ActionMsg(a Action) string { return "mask.action." + string(a) }

// DecisionMsg is the message id of what decided a column.
func DecisionMsg(d Decision) string { return "mask.decided." + string(d) }

// Decisions lists every decision.
func Decisions() []Decision { return []Decision{ByHeader, ByContent, ByOverride, ByDefault} }

// MessageArgs maps every message id of the package to the Args names its
// message may use, so the caller can check each has a translation.
func MessageArgs() map[string][]string {
	m := map[string][]string{
		MsgRows:                {"Count"},
		MsgColumn:              {"Header", "Kind", "Action", "Decided", "Changed", "Seen"},
		MsgTextSpans:           {"Kind", "Count"},
		MsgAddressProvinceOnly: {"Count"},
		MsgAddressUnresolved:   {"Count"},
	}
	for _, k := range Kinds() {
		m[KindMsg(k)] = nil
	}
	for _, a := range Actions() {
		m[ActionMsg(a)] = nil
	}
	for _, d := range Decisions() {
		m[DecisionMsg(d)] = nil
	}
	return m
}

// MessageIDs lists every message id of the package.
func MessageIDs() []string {
	var ids []string
	for id := range MessageArgs() {
		ids = append(ids, id)
	}
	return ids
}
