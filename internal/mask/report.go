package mask

// Report is what masking one table did, as an import shows it. Every Kind,
// Action and Decision in it has a message id (KindMsg, ActionMsg,
// DecisionMsg).
type Report struct {
	Rows    int            `json:"rows"`
	Columns []ColumnReport `json:"columns"`
	// Text counts the spans found in scanned free-text cells, per kind.
	Text map[Kind]int `json:"text_spans,omitempty"`
	// AddressProvinceOnly counts addresses generalised to their province
	// only (the city was not recognised); AddressUnresolved those whose
	// province was not recognised either, which were emptied.
	AddressProvinceOnly int `json:"address_province_only"`
	AddressUnresolved   int `json:"address_unresolved"`
}

// ColumnReport is one column of a Report. Seen counts non-empty cells,
// Changed those the plan altered.
type ColumnReport struct {
	Index   int      `json:"index"`
	Header  string   `json:"header"`
	Kind    Kind     `json:"kind"`
	Action  Action   `json:"action"`
	Decided Decision `json:"decided"`
	Seen    int      `json:"seen"`
	Changed int      `json:"changed"`
}

func (r *Report) countText(fs []Finding) {
	if len(fs) == 0 {
		return
	}
	if r.Text == nil {
		r.Text = map[Kind]int{}
	}
	for _, f := range fs {
		r.Text[f.Kind]++
	}
}

func (r *Report) countAddress(l level) {
	switch l {
	case levelNone:
		r.AddressUnresolved++
	case levelProvince:
		r.AddressProvinceOnly++
	}
}
