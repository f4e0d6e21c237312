package kpi

import (
	"testing"
	"time"
)

func bj(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02 15:04:05", "2026-03-02 "+s, Shanghai())
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestRounds(t *testing.T) {
	type msg struct {
		at         string
		buyer, bot bool
	}
	tests := []struct {
		name             string
		msgs             []msg
		rules            RoundRules
		rounds, within   int
		unanswered, excl int
		avg              float64
	}{
		{"asked twice, answered late: 0/1", []msg{{"10:10:15", true, false}, {"10:15:20", true, false}, {"10:18:10", false, false}},
			ThreeMinuteRules(), 1, 0, 0, 0, 475},
		{"a further question answered in 30 s: 1/2", []msg{{"10:10:15", true, false}, {"10:15:20", true, false}, {"10:18:10", false, false},
			{"10:18:30", true, false}, {"10:19:00", false, false}}, ThreeMinuteRules(), 2, 1, 0, 0, (475 + 30) / 2.0},
		{"ten questions in 3 min never answered: 0/1, 600 s", []msg{{"11:00:00", true, false}, {"11:00:20", true, false},
			{"11:00:40", true, false}, {"11:01:00", true, false}, {"11:01:20", true, false}, {"11:01:40", true, false},
			{"11:02:00", true, false}, {"11:02:20", true, false}, {"11:02:40", true, false}, {"11:02:59", true, false}},
			AvgResponseRules(), 1, 0, 1, 0, 600},
		{"a wait over 10 min is capped", []msg{{"12:00:00", true, false}, {"12:15:00", false, false}}, AvgResponseRules(), 1, 0, 0, 0, 600},
		{"fully automatic bot reply excluded", []msg{{"12:00:00", true, false}, {"12:00:05", false, true},
			{"12:01:00", true, false}, {"12:02:00", false, false}}, ThreeMinuteRules(), 1, 1, 0, 1, 60},
		{"exactly 180 s is in time", []msg{{"09:00:00", true, false}, {"09:03:00", false, false}}, ThreeMinuteRules(), 1, 1, 0, 0, 180},
		{"seller message without a question opens nothing", []msg{{"09:00:00", false, false}}, ThreeMinuteRules(), 0, 0, 0, 0, 0},
		{"07:59:59 Beijing is outside service hours", []msg{{"07:59:59", true, false}, {"08:05:00", false, false}}, ThreeMinuteRules(), 0, 0, 0, 0, 0},
		{"08:00:00 Beijing is inside", []msg{{"08:00:00", true, false}, {"08:01:00", false, false}}, ThreeMinuteRules(), 1, 1, 0, 0, 60},
		{"00:30 Beijing (16:30 UTC) is outside", []msg{{"00:30:00", true, false}, {"00:31:00", false, false}}, ThreeMinuteRules(), 0, 0, 0, 0, 0},
		{"23:30 counts for the 3-minute rate", []msg{{"23:30:00", true, false}, {"23:31:00", false, false}}, ThreeMinuteRules(), 1, 1, 0, 0, 60},
		{"23:30 does not count for 平响", []msg{{"23:30:00", true, false}, {"23:31:00", false, false}}, AvgResponseRules(), 0, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ms []Message
			// Messages are given in UTC and out of order: the rules must
			// place them in Beijing time themselves.
			for i := len(tt.msgs) - 1; i >= 0; i-- {
				m := tt.msgs[i]
				ms = append(ms, Message{At: bj(t, m.at).UTC(), FromBuyer: m.buyer, Bot: m.bot})
			}
			s := Rounds(ms, tt.rules)
			if len(s.Rounds) != tt.rounds || s.Within != tt.within || s.Unanswered != tt.unanswered || s.Excluded != tt.excl {
				t.Errorf("rounds %d within %d unanswered %d excluded %d, want %d %d %d %d",
					len(s.Rounds), s.Within, s.Unanswered, s.Excluded, tt.rounds, tt.within, tt.unanswered, tt.excl)
			}
			if s.AvgSeconds() != tt.avg {
				t.Errorf("average wait %v s, want %v", s.AvgSeconds(), tt.avg)
			}
		})
	}
}
