package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Watching a watch unit's uploaded video. The page's player posts
// heartbeats with its position; the server keeps per person and unit how
// far they have watched and finishes the unit at 90 % of the video. The
// server is the authority: under no_skip it credits at most the wall-clock
// time since the previous heartbeat (at up to double speed, plus slack),
// so seeking ahead counts for nothing, and the length is the one the
// editor's browser measured at upload when the unit has it. A video that
// is a link elsewhere cannot be watched from the page: it is done by a
// click.

const (
	watchDoneShare = 0.9    // of the length: the unit is done
	watchSpeed     = 2      // the fastest playback credited under no_skip
	watchSlackMs   = 2000   // credited beyond speed × time, for jitter
	watchGapMs     = 30_000 // wall-clock credit per heartbeat is capped: a tab left for a day earns no day
)

// Heartbeat is what the player reports, in seconds: where it is and how
// long it thinks the video is.
type Heartbeat struct {
	Position float64 `json:"position"`
	Duration float64 `json:"duration"`
}

// WatchState is a person's progress through a watch unit's video.
type WatchState struct {
	Tracked  bool    `json:"tracked"`  // an uploaded video whose playing the page reports
	NoSkip   bool    `json:"no_skip"`  // seeking ahead does not count
	Watched  float64 `json:"watched"`  // seconds the server credits
	Position float64 `json:"position"` // where to resume
	Duration float64 `json:"duration"` // the length the 90 % rule uses; 0 while unknown
	Percent  int     `json:"percent"`
	Done     bool    `json:"done"` // the unit is done
}

// UploadVideo stores a video for a watch unit; the unit's video field then
// names it as /files/{id}.
func (a *App) UploadVideo(ctx context.Context, ac Actor, name string, r io.Reader) (shopdojo.File, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return shopdojo.File{}, err
	}
	return a.UploadFile(ctx, ac, PurposeVideo, name, r)
}

// editVideo applies the editor's video fields to a unit: a link, or an
// uploaded video (/files/{id}) with the length the editor's browser
// measured, kept while the video stays the same.
func (a *App) editVideo(ctx context.Context, u *curriculum.Unit, in LessonEdit) error {
	video := strings.TrimSpace(in.Video)
	secs := u.VideoSeconds
	if video != u.Video || in.VideoSeconds > 0 {
		secs = math.Round(in.VideoSeconds*10) / 10
	}
	u.Video, u.NoSkip, u.VideoSeconds = video, in.NoSkip, 0
	id := u.VideoFile()
	if id == "" {
		return nil
	}
	var f sqlq.File
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { f, err = q.GetFile(ctx, id); return })
	if shopdojo.KindOf(err) == shopdojo.KindNotFound || (err == nil && f.Purpose != PurposeVideo) {
		return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid", Fields: map[string]string{"video": "watch.err_video_file"}}
	}
	if secondsOK(secs) {
		u.VideoSeconds = secs
	}
	return err
}

// WatchProgress returns the actor's progress on a watch unit.
func (a *App) WatchProgress(ctx context.Context, ac Actor, unitID string) (WatchState, error) {
	u, _, err := a.watchUnit(ctx, ac, unitID)
	if err != nil {
		return WatchState{}, err
	}
	st := WatchState{Tracked: u.VideoFile() != "", NoSkip: u.NoSkip, Duration: u.VideoSeconds}
	if !st.Tracked {
		return st, nil
	}
	var w sqlq.WatchProgress
	var p sqlq.UnitProgress
	err = a.store.Read(ctx, func(q *store.Queries) error {
		var err error
		if w, err = q.GetWatchProgress(ctx, sqlq.GetWatchProgressParams{PersonID: ac.PersonID, UnitID: u.ID}); errors.Is(err, sql.ErrNoRows) {
			w, err = sqlq.WatchProgress{}, nil
		}
		if err != nil {
			return err
		}
		if p, err = q.GetProgress(ctx, sqlq.GetProgressParams{PersonID: ac.PersonID, UnitID: u.ID}); errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
		return err
	})
	if w.Video != u.Video {
		w = sqlq.WatchProgress{}
	}
	return watchState(st, w, p.Status == StateDone), err
}

// watchState fills st from a stored row.
func watchState(st WatchState, w sqlq.WatchProgress, done bool) WatchState {
	if st.Duration == 0 {
		st.Duration = float64(w.DurationMs) / 1000
	}
	st.Watched, st.Position, st.Done = float64(w.WatchedMs)/1000, float64(w.PositionMs)/1000, done
	if st.Duration > 0 {
		st.Percent = int(math.Min(100, math.Floor(100*st.Watched/st.Duration)))
	}
	return st
}

// WatchHeartbeat records a heartbeat of the actor's player on a watch unit
// and returns their progress; reaching 90 % of the video finishes the unit
// with its current version.
func (a *App) WatchHeartbeat(ctx context.Context, ac Actor, unitID string, hb Heartbeat) (WatchState, error) {
	u, f, err := a.watchUnit(ctx, ac, unitID)
	if err != nil {
		return WatchState{}, err
	}
	if u.VideoFile() == "" {
		return WatchState{}, shopdojo.E(shopdojo.KindConflict, "watch.err_not_tracked")
	}
	if !secondsOK(hb.Position) || !secondsOK(hb.Duration) {
		return WatchState{}, shopdojo.E(shopdojo.KindInvalid, "watch.err_heartbeat")
	}
	var st WatchState
	err = a.store.TxQuiet(ctx, func(tx *store.Tx) (err error) {
		st, err = a.beatTx(ctx, tx, ac.PersonID, u, f, hb)
		return err
	})
	if err != nil {
		return WatchState{}, err
	}
	return st, nil
}

// beatTx stores a heartbeat and moves the unit's progress: started, or
// done with its version once 90 % is watched.
func (a *App) beatTx(ctx context.Context, tx *store.Tx, personID string, u *curriculum.Unit, f packFile, hb Heartbeat) (WatchState, error) {
	key, now := sqlq.GetWatchProgressParams{PersonID: personID, UnitID: u.ID}, a.nowMs()
	if tx.Dialect() == store.Postgres {
		if _, err := tx.LockWatchProgress(ctx, sqlq.LockWatchProgressParams(key)); err != nil {
			return WatchState{}, err
		}
	}
	old, err := tx.GetWatchProgress(ctx, key)
	fresh := errors.Is(err, sql.ErrNoRows) || (err == nil && old.Video != u.Video) // a replaced video starts over
	if err != nil && !fresh {
		return WatchState{}, err
	}
	if fresh {
		old = sqlq.WatchProgress{StartedAt: now}
	}
	w := nextWatch(u, old, fresh, hb, now)
	w.PersonID, w.UnitID, w.MaterialID, w.VersionNo = personID, u.ID, f.materialID, f.no
	if err := tx.UpsertWatchProgress(ctx, sqlq.UpsertWatchProgressParams(w)); err != nil {
		return WatchState{}, err
	}
	st := watchState(WatchState{Tracked: true, NoSkip: u.NoSkip, Duration: u.VideoSeconds}, w, false)
	if st.Duration == 0 || st.Watched < watchDoneShare*st.Duration {
		return st, tx.StartUnit(ctx, sqlq.StartUnitParams{PersonID: personID, UnitID: u.ID, MaterialID: f.materialID,
			VersionNo: f.no, StartedAt: now})
	}
	st.Done = true
	_, err = tx.FinishUnit(ctx, sqlq.FinishUnitParams{PersonID: personID, UnitID: u.ID, MaterialID: f.materialID,
		VersionNo: f.no, StartedAt: now})
	return st, err
}

// nextWatch is the row after a heartbeat. The length is the unit's, else
// the longest the player ever reported (a player cannot shrink it). Without
// no_skip the furthest position counts; with it, watched-to grows by at
// most the credited wall-clock time since the previous heartbeat, and the
// page resumes no further than that.
func nextWatch(u *curriculum.Unit, old sqlq.WatchProgress, fresh bool, hb Heartbeat, now int64) sqlq.WatchProgress {
	w := old
	w.Video, w.BeatAt = u.Video, now
	w.DurationMs = max(old.DurationMs, int64(hb.Duration*1000))
	if u.VideoSeconds > 0 {
		w.DurationMs = int64(u.VideoSeconds * 1000)
	}
	pos := int64(hb.Position * 1000)
	if w.DurationMs > 0 {
		pos = min(pos, w.DurationMs)
	}
	w.PositionMs = pos
	if !u.NoSkip {
		w.WatchedMs = max(old.WatchedMs, pos)
		return w
	}
	credit := int64(watchSlackMs)
	if !fresh {
		credit += watchSpeed * min(max(now-old.BeatAt, 0), watchGapMs)
	}
	w.WatchedMs = max(old.WatchedMs, min(pos, old.WatchedMs+credit))
	w.PositionMs = min(pos, w.WatchedMs)
	return w
}

func secondsOK(s float64) bool {
	return !math.IsNaN(s) && s >= 0 && s <= curriculum.MaxVideoSeconds
}

// watchUnit finds a watch unit for a signed-in person, with its file.
func (a *App) watchUnit(ctx context.Context, ac Actor, unitID string) (*curriculum.Unit, packFile, error) {
	if ac.PersonID == "" {
		return nil, packFile{}, shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, packFile{}, err
	}
	u := sp.idx.Unit(unitID)
	if u == nil || u.Kind != curriculum.KindWatch {
		return nil, packFile{}, shopdojo.ErrNotFound
	}
	return u, sp.files[sp.idx.File(u.ID)], nil
}

// PositionClock is where the page resumes, as m:ss.
func (s WatchState) PositionClock() string {
	t := int(s.Position)
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}
