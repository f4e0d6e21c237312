package kpi

import (
	"slices"
	"time"
)

// Message is one chat message of a customer-service conversation. Bot
// marks a fully automatic bot reply (店小蜜 in automatic mode), which the
// platform does not count; assisted-mode and third-party bots count as
// valid replies and have Bot false.
type Message struct {
	At        time.Time
	FromBuyer bool
	Bot       bool
}

// RoundRules are a platform's counting rules for response metrics.
type RoundRules struct {
	// ServiceStart and ServiceEnd bound the service hours as offsets from
	// midnight in Zone; a round counts when its first buyer message falls
	// in [ServiceStart, ServiceEnd).
	ServiceStart, ServiceEnd time.Duration
	// Cap is the longest wait a round contributes, and an unanswered
	// round's wait; Within is the limit of a timely reply.
	Cap, Within time.Duration
	Zone        *time.Location // nil: Asia/Shanghai
}

// ThreeMinuteRules are Taobao/Tmall's 3分钟响应率 rules: 08:00–24:00,
// replies within 180 s.
func ThreeMinuteRules() RoundRules {
	return RoundRules{ServiceStart: 8 * time.Hour, ServiceEnd: 24 * time.Hour, Cap: 600 * time.Second, Within: 180 * time.Second}
}

// AvgResponseRules are Taobao's 旺旺人工平响 rules: 08:00–23:00, each round
// capped at 600 s, an unanswered round counted as 600 s.
func AvgResponseRules() RoundRules {
	return RoundRules{ServiceStart: 8 * time.Hour, ServiceEnd: 23 * time.Hour, Cap: 600 * time.Second, Within: 180 * time.Second}
}

// Round is one 对话轮次: from the buyer's first message to the shop's
// first valid reply.
type Round struct {
	Start, Reply time.Time // Reply zero when unanswered
	Answered     bool
	Wait         time.Duration // capped; Cap when unanswered
}

// RoundStats are the rounds of a conversation within service hours.
type RoundStats struct {
	Rounds     []Round
	Within     int // answered within RoundRules.Within
	Unanswered int
	Excluded   int // closed by a fully automatic bot reply: not counted
	WaitSum    time.Duration
}

// ResponseRate is rounds answered in time ÷ rounds (0 without rounds).
func (s RoundStats) ResponseRate() float64 {
	if len(s.Rounds) == 0 {
		return 0
	}
	return float64(s.Within) / float64(len(s.Rounds))
}

// AvgSeconds is the mean capped wait in seconds (0 without rounds).
func (s RoundStats) AvgSeconds() float64 {
	if len(s.Rounds) == 0 {
		return 0
	}
	return s.WaitSum.Seconds() / float64(len(s.Rounds))
}

// Rounds splits one conversation into rounds by the platform's rules:
// further buyer messages before a reply belong to the open round; the
// first seller message closes it; a round closed by a fully automatic bot
// is excluded from both numerator and denominator, as Taobao does.
func Rounds(msgs []Message, r RoundRules) RoundStats {
	zone := r.Zone
	if zone == nil {
		zone = Shanghai()
	}
	sorted := slices.Clone(msgs)
	slices.SortStableFunc(sorted, func(a, b Message) int { return a.At.Compare(b.At) })
	var s RoundStats
	var open *time.Time
	for i := range sorted {
		m := &sorted[i]
		switch {
		case m.FromBuyer && open == nil:
			open = &m.At
		case m.FromBuyer:
		case open == nil:
		case m.Bot:
			if inService(*open, r, zone) {
				s.Excluded++
			}
			open = nil
		default:
			s.close(*open, m.At, r, zone)
			open = nil
		}
	}
	if open != nil {
		s.close(*open, time.Time{}, r, zone)
	}
	return s
}

func (s *RoundStats) close(start, reply time.Time, r RoundRules, zone *time.Location) {
	if !inService(start, r, zone) {
		return
	}
	rd := Round{Start: start, Reply: reply, Answered: !reply.IsZero(), Wait: r.Cap}
	if rd.Answered {
		rd.Wait = min(reply.Sub(start), r.Cap)
		if reply.Sub(start) <= r.Within {
			s.Within++
		}
	} else {
		s.Unanswered++
	}
	s.WaitSum += rd.Wait
	s.Rounds = append(s.Rounds, rd)
}

func inService(t time.Time, r RoundRules, zone *time.Location) bool {
	t = t.In(zone)
	y, m, d := t.Date()
	offset := t.Sub(time.Date(y, m, d, 0, 0, 0, 0, zone))
	return offset >= r.ServiceStart && offset < r.ServiceEnd
}
