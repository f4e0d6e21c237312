package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/ingest"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// KPIImportRow is an import as its page and the store's list show it.
type KPIImportRow struct {
	sqlq.KpiImport
	Detail *KPIImportReport // the finished import's report; nil while it runs
}

// Percent is how far a running import is (both reads of the file).
func (r KPIImportRow) Percent() int {
	if r.BytesTotal <= 0 {
		return 0
	}
	return int(min(100, r.BytesRead*50/r.BytesTotal))
}

// StartKPIImportFile starts importing an uploaded store export (a file of
// purpose storedata) and returns the import's id as soon as it is
// recorded; the import goes on in the background, and its page follows it.
// A file no preset can read is refused at once, recording nothing.
func (a *App) StartKPIImportFile(ctx context.Context, ac Actor, storeID, fileID, preset string, keepGood bool) (string, error) {
	return a.startImportFile(ctx, ac, storeID, fileID, preset, nil, keepGood)
}

func (a *App) startImportFile(ctx context.Context, ac Actor, storeID, fileID, preset string, m *ingest.Mapping, keepGood bool) (string, error) {
	f, obj, err := a.OpenFile(ctx, ac, fileID)
	if err != nil {
		return "", err
	}
	obj.Close()
	if f.Purpose != PurposeStoreData {
		return "", shopdojo.ErrNotFound
	}
	open := func() (io.ReadCloser, error) {
		_, o, err := a.OpenFile(context.WithoutCancel(ctx), SystemActor("import"), fileID)
		return o, err
	}
	started := make(chan string, 1)
	done := make(chan error, 1)
	in := KPIImport{StoreID: storeID, Preset: preset, Mapping: m, FileName: f.Name, Size: f.Size, KeepGood: keepGood, Open: open,
		OnStart: func(id string) { started <- id }}
	go func() {
		bg := context.WithoutCancel(ctx)
		rep, err := a.ImportKPI(bg, ac, in)
		if err != nil {
			a.log.Warn("store import", "store", storeID, "file", fileID, "err", err)
		}
		done <- err
		if err == nil && rep.Status == ImportDone {
			a.warmDashboard(bg, storeID)
		}
	}()
	select {
	case id := <-started:
		return id, nil
	case err := <-done:
		return "", err
	}
}

// KPIImports lists a store's latest imports.
func (a *App) KPIImports(ctx context.Context, ac Actor, storeID string, limit int) ([]KPIImportRow, error) {
	var out []KPIImportRow
	err := a.store.Read(ctx, func(q *store.Queries) error {
		if _, err := a.storeFor(ctx, q, ac, storeID, shopdojo.PermStoreDataRead); err != nil {
			return err
		}
		rows, err := q.ListKPIImports(ctx, sqlq.ListKPIImportsParams{StoreID: storeID, Limit: int32(limit)})
		for _, r := range rows {
			out = append(out, KPIImportRow{KpiImport: r})
		}
		return err
	})
	return out, err
}

// ErrorID is the message id of a failure the product itself names (an
// interrupted import), or "" when Error is an error's own text.
func (r KPIImportRow) ErrorID() string {
	if r.Error == errImportInterrupted {
		return r.Error
	}
	return ""
}

// KPIImportStatus is one import of a store, with its report once finished.
func (a *App) KPIImportStatus(ctx context.Context, ac Actor, storeID, importID string) (KPIImportRow, error) {
	var row KPIImportRow
	err := a.store.Read(ctx, func(q *store.Queries) error {
		if _, err := a.storeFor(ctx, q, ac, storeID, shopdojo.PermStoreDataRead); err != nil {
			return err
		}
		r, err := q.GetKPIImport(ctx, importID)
		if errors.Is(err, sql.ErrNoRows) || err == nil && r.StoreID != storeID {
			return shopdojo.ErrNotFound
		}
		row.KpiImport = r
		return err
	})
	if err != nil || row.Status == ImportRunning {
		return row, err
	}
	var rep KPIImportReport
	if err := json.Unmarshal([]byte(row.Report), &rep); err == nil {
		row.Detail = &rep
	}
	return row, nil
}

// warmDashboard prepares a store's dataset after an import, so the first
// view of the diagnosis does not wait for a million rows to be read.
func (a *App) warmDashboard(ctx context.Context, storeID string) {
	var stamp string
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { stamp, err = kpiStamp(ctx, q, storeID); return })
	if err == nil {
		_, err = a.preparedDataset(ctx, storeID, stamp)
	}
	if err != nil {
		a.log.Warn("prepare store dashboard", "store", storeID, "err", err)
	}
}

// Import liveness: a running import touches its heartbeat at least every
// importHeartbeat (also while a long write holds no progress to report);
// one silent for importStale lost its process and is marked failed by
// FailStaleImports, which every node's job loop runs.
const (
	importHeartbeat = 20 * time.Second
	importStale     = 2 * time.Minute
)

// heartbeat touches a running import until stop is called.
func (a *App) heartbeat(ctx context.Context, importID string) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(importHeartbeat)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				err := a.store.TxQuiet(ctx, func(tx *store.Tx) error {
					return tx.TouchKPIImport(ctx, sqlq.TouchKPIImportParams{ID: importID, HeartbeatAt: a.nowMs()})
				})
				if err != nil && ctx.Err() == nil {
					a.log.Warn("import heartbeat", "import", importID, "err", err)
				}
			}
		}
	}()
	return func() { close(done) }
}

// FailStaleImports marks failed the running imports whose process is gone
// (a restart or crash during the import), so their page says so instead
// of showing progress for ever, and returns how many there were.
func (a *App) FailStaleImports(ctx context.Context) (int, error) {
	var rows []sqlq.FailStaleKPIImportsRow
	err := a.store.TxQuiet(ctx, func(tx *store.Tx) (err error) {
		now := a.now()
		rows, err = tx.FailStaleKPIImports(ctx, sqlq.FailStaleKPIImportsParams{HeartbeatAt: now.Add(-importStale).UnixMilli(),
			Error: errImportInterrupted, FinishedAt: now.UnixMilli()})
		return err
	})
	for _, r := range rows {
		a.log.Warn("store import interrupted", "import", r.ID, "store", r.StoreID, "file", r.FileName)
	}
	return len(rows), err
}

// errImportInterrupted is the message id an interrupted import shows.
const errImportInterrupted = "storedata.import_interrupted"
