package kpi

// Customer-service field keys (CS.Has).
const (
	FieldAgent             = "agent"
	FieldPeriodStart       = "period_start"
	FieldPeriodEnd         = "period_end"
	FieldInquiries         = "inquiries"
	FieldInquiryPaid       = "inquiry_paid"
	FieldInquiryConversion = "inquiry_conversion"
	FieldRounds            = "rounds"
	FieldRounds3Min        = "rounds_3min"
	FieldResponseRate3Min  = "response_rate_3min"
	FieldFirstResponse     = "first_response_seconds"
	FieldAvgResponse       = "avg_response_seconds"
	FieldCSSales           = "cs_sales"
)

// wsum is a weighted sum of reported values.
type wsum struct{ sum, w float64 }

func (s *wsum) add(v, w float64) { s.sum += v * w; s.w += w }

type csAcc struct {
	inquiries, inquiryPaid, rounds, rounds3, sales int64
	conv, rate3, first, avg                        wsum
}

func addCS(g *groups, cs CS) {
	split := g.q.By != ByNone && canSplitCS(g.q.By, cs.Has)
	for i := range cs.Rows {
		r := &cs.Rows[i]
		day, last := r.Date, r.Date
		if day.IsZero() {
			day, last = r.PeriodStart, r.PeriodEnd
		}
		if !g.q.inPeriod(dateIn(day, g.zone)) || !g.q.inPeriod(dateIn(last, g.zone)) {
			continue
		}
		g.accs[0].c.add(r, cs.Has)
		if !split {
			continue
		}
		switch {
		case g.q.By.temporal():
			// A period row straddling two groups cannot be split: it
			// counts in the total only.
			if dateKey(g.q.By, day, g.zone) == dateKey(g.q.By, last, g.zone) {
				g.accs[g.dateAt(day)].c.add(r, cs.Has)
			}
		case g.q.By == ByStore:
			g.accs[g.at(r.Store)].c.add(r, cs.Has)
		default:
			g.accs[g.at(r.Agent)].c.add(r, cs.Has)
		}
	}
}

func canSplitCS(d Dimension, has Fields) bool {
	switch d {
	case ByStore:
		return has.Has(FieldStore)
	case ByAgent:
		return has.Has(FieldAgent)
	}
	return d == ByNone || d.temporal()
}

// add weighs reported averages and ratios by the counts they were
// computed over: inquiries for 询单转化率 and 首次响应, rounds for the
// 3-minute rate and 平响; 1 when the file has no count.
func (a *csAcc) add(r *CSRow, has Fields) {
	a.inquiries += r.Inquiries
	a.inquiryPaid += r.InquiryPaid
	a.rounds += r.Rounds
	a.rounds3 += r.Rounds3Min
	a.sales += r.CSSales
	byInq, byRounds := csWeight(has, FieldInquiries, r.Inquiries, r.Rounds), csWeight(has, FieldRounds, r.Rounds, r.Inquiries)
	a.conv.add(r.InquiryConversion, byInq)
	a.first.add(r.FirstResponseSeconds, byInq)
	a.rate3.add(r.ResponseRate3Min, byRounds)
	a.avg.add(r.AvgResponseSeconds, byRounds)
}

// csWeight is the preferred count if the file has it, else the other
// count, else 1.
func csWeight(has Fields, field string, preferred, other int64) float64 {
	switch {
	case has.Has(field):
		return float64(preferred)
	case has.Has(FieldInquiries) || has.Has(FieldRounds):
		return float64(other)
	}
	return 1
}

func csMetrics(g *groups, a *acc, total bool, has Fields) []Metric {
	keys := []string{CSInquiries, CSInquiryConv, CSRounds, CSResponseRate3, CSFirstResponse, CSAvgResponse, CSSales}
	if !total && !canSplitCS(g.q.By, has) {
		return unsplit(keys...)
	}
	c := &a.c
	count := func(key, field string, v int64) Metric {
		if !has.Has(field) {
			return missing(key, ReasonNoField)
		}
		return value(key, float64(v))
	}
	weighted := has.Has(FieldInquiries) || has.Has(FieldRounds)
	return []Metric{
		count(CSInquiries, FieldInquiries, c.inquiries),
		csRatio(CSInquiryConv, has, FieldInquiryPaid, FieldInquiries, FieldInquiryConversion, c.inquiryPaid, c.inquiries, c.conv, weighted),
		count(CSRounds, FieldRounds, c.rounds),
		csRatio(CSResponseRate3, has, FieldRounds3Min, FieldRounds, FieldResponseRate3Min, c.rounds3, c.rounds, c.rate3, weighted),
		reported(CSFirstResponse, has.Has(FieldFirstResponse), c.first, weighted, NoteWeightedRatio),
		reported(CSAvgResponse, has.Has(FieldAvgResponse), c.avg, weighted, avgNote(has)),
		count(CSSales, FieldCSSales, c.sales),
	}
}

// avgNote: 平响 weighted by rounds is exact (Σ time ÷ Σ rounds); weighted by
// inquiries it is an approximation.
func avgNote(has Fields) string {
	if has.Has(FieldRounds) {
		return ""
	}
	return NoteWeightedRatio
}

// csRatio recomputes a ratio from counts when the file has them, else
// weighs the reported ratios.
func csRatio(key string, has Fields, numF, denF, ratioF string, num, den int64, rep wsum, weighted bool) Metric {
	if has.Has(numF) && has.Has(denF) {
		return ratio(key, float64(num), float64(den))
	}
	return reported(key, has.Has(ratioF), rep, weighted, NoteWeightedRatio)
}

func reported(key string, present bool, s wsum, weighted bool, note string) Metric {
	if !present {
		return missing(key, ReasonNoCounts)
	}
	m := ratio(key, s.sum, s.w)
	if !weighted {
		note = NoteUnweighted
	}
	return withNote(m, note)
}
