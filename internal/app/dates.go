package app

import (
	"time"

	"github.com/shopdojo/shopdojo"
)

// dayStart returns the Unix ms of 00:00 on day (YYYY-MM-DD, company zone)
// plus addDays. An empty day means "unbounded": 0 for a start, far future
// for an end (addDays > 0).
func (a *App) dayStart(day string, addDays int) (int64, error) {
	if day == "" {
		if addDays > 0 {
			return 1 << 62, nil
		}
		return 0, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, day, a.opt.Location)
	if err != nil {
		return 0, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
			Fields: map[string]string{"date": "error.date_invalid"}}
	}
	return t.AddDate(0, 0, addDays).UnixMilli(), nil
}
