package itemstats

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
)

// Stat is one statistic that may be undefined for the data at hand: a
// variance from a single attempt, a correlation with a constant, a
// skewness of identical totals. Moodle shows such cells empty (its
// calculator stores null); Stat carries the same information without
// letting a NaN or an Inf reach a template, a sort or a JSON encoder.
// When Defined is false, Value is always 0.
type Stat struct {
	Value   float64
	Defined bool
}

// Defined returns a defined Stat. A NaN or an infinity becomes an undefined
// Stat, so no computation in this package can leak one.
func Defined(v float64) Stat {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Stat{}
	}
	return Stat{Value: v, Defined: true}
}

// MarshalJSON writes the value, or null when the statistic is undefined,
// which is how the API and golden files show an empty Moodle cell.
func (s Stat) MarshalJSON() ([]byte, error) {
	if !s.Defined {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, s.Value, 'g', -1, 64), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Stat) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*s = Stat{}
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = Defined(v)
	return nil
}
