package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/ingest"
	"github.com/shopdojo/shopdojo/internal/mask"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// A store export is imported in three reads of the file: its head (to
// find the preset and plan the masking from sample rows), a check of every
// row (so a file with errors stores nothing unless the person chose to
// keep the good rows), and the write, in batches of their own
// transactions so an import of a million rows never holds the database's
// one writer for long. Only canonical fields are stored; a column no
// field is mapped to is never written anywhere, and the text fields that
// are stored are masked as the column plan says before they leave this
// file.

// KPIImport is one file to import into a store's data.
type KPIImport struct {
	StoreID  string
	Preset   string          // a preset id; "" picks the best match for the header
	Mapping  *ingest.Mapping // a generic import's columns, or a correction; nil uses the preset's aliases
	FileName string
	Size     int64                             // bytes, for progress; 0 when unknown
	Open     func() (io.ReadCloser, error)     // the file, opened once per read
	KeepGood bool                              // store the good rows of a file with errors
	Columns  map[string]mask.Action            // masking overrides, by header
	Progress func(KPIProgress)                 // called every few thousand rows; may be nil
	Defaults map[string]string                 // fields no column holds (a one-day report's date)
	Zone     *time.Location                    // the store's zone; nil is the company's
	OnStart  func(importID string)             // called once the import has its id
	check    func(pass int, rec ingest.Record) // tests: sees every record
}

// KPIProgress is where a running import is.
type KPIProgress struct {
	Pass         int // 1 checking, 2 writing
	Bytes, Total int64
	Rows         int
	Stored       int
	Problems     int
}

// KPIImportReport is what an import did.
type KPIImportReport struct {
	ID       string           `json:"id"`
	Status   string           `json:"status"` // done, rejected (errors, nothing stored) or failed
	Preset   string           `json:"preset"`
	Kind     ingest.Kind      `json:"kind"`
	Summary  ingest.Summary   `json:"summary"`
	Stored   int              `json:"stored"`
	Problems []ingest.Problem `json:"problems"` // the first maxKPIProblems
	Masking  []KPIMaskColumn  `json:"masking"`
	Fields   []string         `json:"fields"`         // canonical fields the file had
	From     string           `json:"from,omitempty"` // the first and last day of the rows
	To       string           `json:"to,omitempty"`
}

// KPIMaskColumn is one column of the file in the masking report: what the
// plan took it for, and the canonical field it was stored as ("" = not
// stored at all).
type KPIMaskColumn struct {
	Header  string        `json:"header"`
	Kind    mask.Kind     `json:"kind"`
	Action  mask.Action   `json:"action"`
	Decided mask.Decision `json:"decided"`
	Field   string        `json:"field,omitempty"`
	Seen    int           `json:"seen"`
	Changed int           `json:"changed"`
}

// Import statuses.
const (
	ImportRunning  = "running"
	ImportDone     = "done"
	ImportRejected = "rejected"
	ImportFailed   = "failed"
)

const (
	maxKPIProblems = 200   // problems kept in a report
	kpiSampleRows  = 200   // rows the masking plan is decided on
	kpiBatch       = 10000 // rows per write transaction
	// kpiProgressEvery is how often a running import records its figures
	// (each a small committed write), whatever the file's size.
	kpiProgressEvery = 500 * time.Millisecond
)

// ImportKPI reads a store export into the store's data (see above).
func (a *App) ImportKPI(ctx context.Context, ac Actor, in KPIImport) (KPIImportReport, error) {
	var rep KPIImportReport
	if err := a.store.Read(ctx, func(q *store.Queries) error {
		_, err := a.storeFor(ctx, q, ac, in.StoreID, shopdojo.PermStoreDataManage)
		return err
	}); err != nil {
		return rep, err
	}
	if a.opt.Masker == nil {
		return rep, fmt.Errorf("import kpi: no masking key configured")
	}
	job, err := a.prepareKPIImport(in)
	if err != nil {
		return rep, err
	}
	rep = job.rep
	if len(job.fileProblems) > 0 {
		return rep, kpiFileInvalid(job.fileProblems)
	}
	if err := a.startKPIImport(ctx, ac, job); err != nil {
		return rep, err
	}
	if in.OnStart != nil {
		in.OnStart(job.rep.ID)
	}
	err = a.runKPIImport(ctx, job)
	return a.finishKPIImport(ctx, ac, job, err)
}

// kpiJob is an import under way.
type kpiJob struct {
	in           KPIImport
	preset       ingest.Preset
	mapping      *ingest.Mapping
	plan         []mask.Column
	header       []string
	sha          string
	rep          KPIImportReport
	fileProblems []ingest.Problem
	fields       map[string]bool
	bytes        atomic.Int64
	stored       atomic.Int64 // rows written, counted by the writer's goroutine
	storeTZ      *time.Location
	resolved     ingest.Mapping // the columns the reader found for each field
	seen         []int          // per column: stored cells, for the masking report
	changed      []int          // per column: stored cells the masking altered
}

// prepareKPIImport reads the head of the file: the preset, the header and
// the masking plan.
func (a *App) prepareKPIImport(in KPIImport) (*kpiJob, error) {
	set, err := ingest.Builtin()
	if err != nil {
		return nil, fmt.Errorf("import kpi: presets: %w", err)
	}
	job := &kpiJob{in: in, mapping: in.Mapping, fields: map[string]bool{}, storeTZ: in.Zone}
	if job.storeTZ == nil {
		job.storeTZ = a.Location()
	}
	f, err := in.Open()
	if err != nil {
		return nil, fmt.Errorf("import kpi: open %s: %w", in.FileName, err)
	}
	defer f.Close()
	h := sha256.New()
	noHeader := in.Mapping != nil && in.Mapping.NoHeader
	sn, probs, err := set.Sniff(io.TeeReader(f, h), ingest.Options{NoHeader: noHeader}, kpiSampleRows)
	if err != nil {
		return nil, fmt.Errorf("import kpi: read %s: %w", in.FileName, err)
	}
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("import kpi: read %s: %w", in.FileName, err)
	}
	job.sha = hex.EncodeToString(h.Sum(nil))
	if len(probs) > 0 {
		job.fileProblems = probs
		return job, nil
	}
	if job.preset, job.fileProblems = pickPreset(set, in, sn); len(job.fileProblems) > 0 {
		return job, nil
	}
	job.header = sn.Header
	if noHeader && len(sn.Sample) > 0 {
		job.header = make([]string, len(sn.Sample[0]))
		for i := range job.header {
			job.header[i] = ingest.ColumnName(i)
		}
	}
	job.plan = a.opt.Masker.Plan(job.header, sn.Sample, in.Columns).Columns
	job.rep = KPIImportReport{ID: newID(), Preset: job.preset.ID, Kind: job.preset.Kind}
	return job, nil
}

// pickPreset is the preset asked for, else the best match for the header.
func pickPreset(set ingest.Set, in KPIImport, sn ingest.Sniffed) (ingest.Preset, []ingest.Problem) {
	if in.Preset != "" {
		return set.Lookup(in.Preset)
	}
	if len(sn.Matches) == 0 {
		return ingest.Preset{}, []ingest.Problem{{Msg: ingest.MsgUnknownPreset}}
	}
	return set.Lookup(sn.Matches[0].Preset)
}

// kpiFileInvalid is a file that cannot be read as asked: nothing stored.
func kpiFileInvalid(probs []ingest.Problem) error {
	e := shopdojo.E(shopdojo.KindInvalid, "storedata.file_invalid")
	e.Fields = map[string]string{"file": probs[0].Msg}
	e.FieldArgs = map[string]map[string]any{"file": probs[0].Args}
	return e
}

// startKPIImport records the running import, so its page can follow it.
func (a *App) startKPIImport(ctx context.Context, ac Actor, job *kpiJob) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		return tx.CreateKPIImport(ctx, sqlq.CreateKPIImportParams{ID: job.rep.ID, StoreID: job.in.StoreID,
			Preset: job.preset.ID, Kind: string(job.preset.Kind), FileName: job.in.FileName, FileSha256: job.sha,
			KeepGood: job.in.KeepGood, BytesTotal: job.in.Size, Grain: kpiGrain(job.preset),
			CreatedBy: nullStr(ac.PersonID), CreatedAt: a.nowMs()})
	})
}

// kpiGrain is whether an orders preset's amounts are the order's or each
// line's. The reader leaves an order's amounts on its first line only, so
// summing lines is right for both; "order" marks one line per order.
func kpiGrain(p ingest.Preset) string {
	if p.Kind != ingest.Orders {
		return ""
	}
	if p.Grain == "order" {
		return "order"
	}
	return "line"
}

// runKPIImport checks every row, then writes them unless that is refused.
func (a *App) runKPIImport(ctx context.Context, job *kpiJob) error {
	stop := a.heartbeat(ctx, job.rep.ID)
	defer stop()
	sum, probs, err := a.kpiPass(ctx, job, 1, nil)
	if err != nil {
		return err
	}
	job.rep.Summary, job.rep.Problems = sum, probs
	if len(sum.FileProblems) > 0 || sum.Problems > 0 && !job.in.KeepGood {
		job.rep.Status = ImportRejected
		return nil
	}
	w := a.newKPIWriter(ctx, job)
	_, _, err = a.kpiPass(ctx, job, 2, w)
	if werr := w.close(); werr != nil && (err == nil || errors.Is(err, errKPIWriteFailed)) {
		err = werr
	}
	if err != nil {
		return err
	}
	job.rep.Status = ImportDone
	return nil
}

// kpiPass reads the whole file once: pass 1 counts problems and fields,
// pass 2 hands the good records to w.
func (a *App) kpiPass(ctx context.Context, job *kpiJob, pass int, w *kpiWriter) (ingest.Summary, []ingest.Problem, error) {
	f, err := job.in.Open()
	if err != nil {
		return ingest.Summary{}, nil, fmt.Errorf("import kpi: open %s: %w", job.in.FileName, err)
	}
	defer f.Close()
	cr := &countReader{r: f, n: &job.bytes}
	job.bytes.Store(0)
	m := ingest.Mapping{}
	if job.mapping != nil {
		m = *job.mapping
	}
	rd, probs, err := ingest.Open(cr, job.preset, m, ingest.Options{Zone: job.storeTZ, Defaults: job.in.Defaults})
	if err != nil || len(probs) > 0 {
		if err == nil {
			job.fileProblems = probs
			err = kpiFileInvalid(probs)
		}
		return ingest.Summary{}, nil, err
	}
	defer rd.Close()
	job.resolved = rd.Mapping()
	if pass == 2 {
		w.columns = columnsOf(job.resolved, job.plan)
	}
	var kept []ingest.Problem
	lastProgress := time.Now()
	for n := 1; ; n++ {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return rd.Summary(), kept, fmt.Errorf("import kpi: read %s: %w", job.in.FileName, err)
		}
		if job.in.check != nil {
			job.in.check(pass, rec)
		}
		if pass == 1 {
			kept = keepProblems(kept, rec.Problems)
			job.noteFields(rec)
		} else if len(rec.Problems) == 0 {
			if err := w.add(rec); err != nil {
				return rd.Summary(), kept, err
			}
		}
		if n%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return rd.Summary(), kept, err
			}
			if now := time.Now(); now.Sub(lastProgress) >= kpiProgressEvery {
				lastProgress = now
				a.kpiProgress(ctx, job, pass, rd.Summary())
			}
		}
	}
	sum := rd.Summary()
	kept = keepProblems(kept, sum.FileProblems)
	return sum, kept, nil
}

func keepProblems(kept, more []ingest.Problem) []ingest.Problem {
	if room := maxKPIProblems - len(kept); room > 0 {
		kept = append(kept, more[:min(room, len(more))]...)
	}
	return kept
}

// noteFields adds the canonical fields a record has.
func (job *kpiJob) noteFields(rec ingest.Record) {
	for _, f := range ingest.Schema(rec.Kind) {
		if !job.fields[f.Key] && rec.Has(f.Key) {
			job.fields[f.Key] = true
		}
	}
}

// kpiProgress reports and records where the import is.
func (a *App) kpiProgress(ctx context.Context, job *kpiJob, pass int, sum ingest.Summary) {
	p := KPIProgress{Pass: pass, Bytes: job.bytes.Load(), Total: job.in.Size, Rows: sum.Rows, Stored: int(job.stored.Load()),
		Problems: sum.Problems}
	if job.in.Progress != nil {
		job.in.Progress(p)
	}
	err := a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		return tx.UpdateKPIImportProgress(ctx, sqlq.UpdateKPIImportProgressParams{ID: job.rep.ID,
			RowsRead: int64(sum.Rows), Records: int64(sum.Records), Stored: job.stored.Load(),
			Problems: int64(sum.Problems), BytesRead: p.Bytes + int64(pass-1)*job.in.Size, HeartbeatAt: a.nowMs()})
	})
	if err != nil {
		a.log.Warn("import progress", "import", job.rep.ID, "err", err)
	}
}

// finishKPIImport records the outcome and its audit event together.
func (a *App) finishKPIImport(ctx context.Context, ac Actor, job *kpiJob, runErr error) (KPIImportReport, error) {
	rep := &job.rep
	if runErr != nil {
		rep.Status = ImportFailed
	}
	rep.Stored = int(job.stored.Load())
	for k := range job.fields {
		rep.Fields = append(rep.Fields, k)
	}
	sort.Strings(rep.Fields)
	if !rep.Summary.From.IsZero() {
		rep.From = rep.Summary.From.In(job.storeTZ).Format(time.DateOnly)
		rep.To = rep.Summary.To.In(job.storeTZ).Format(time.DateOnly)
	}
	rep.Masking = job.maskReport()
	body, err := json.Marshal(rep)
	if err != nil {
		return *rep, fmt.Errorf("import kpi: report: %w", err)
	}
	msg := ""
	if runErr != nil {
		msg = runErr.Error()
	}
	// A cancelled request must still record how its import ended.
	ctx = context.WithoutCancel(ctx)
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.FinishKPIImport(ctx, sqlq.FinishKPIImportParams{ID: rep.ID, Status: rep.Status,
			RowsRead: int64(rep.Summary.Rows), Records: int64(rep.Summary.Records), Stored: int64(rep.Stored),
			Problems: int64(rep.Summary.Problems), BytesRead: job.bytes.Load(), PeriodFrom: rep.From, PeriodTo: rep.To,
			Fields: strings.Join(rep.Fields, " "), Report: string(body), Error: msg, FinishedAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "storedata.import", ObjectType: "store", ObjectID: job.in.StoreID,
			ObjectName: job.in.FileName, After: map[string]string{"import": rep.ID, "preset": rep.Preset,
				"status": rep.Status, "stored": fmt.Sprint(rep.Stored), "sha256": job.sha}})
	})
	if err != nil {
		return *rep, err
	}
	return *rep, runErr
}

// maskReport is the plan of every column with the field it was stored as.
func (job *kpiJob) maskReport() []KPIMaskColumn {
	out := make([]KPIMaskColumn, len(job.plan))
	for i, c := range job.plan {
		out[i] = KPIMaskColumn{Header: c.Header, Kind: c.Kind, Action: c.Action, Decided: c.Decided}
	}
	for key, col := range job.resolved.Columns {
		if i := col.Index; i >= 0 && i < len(out) {
			out[i].Field = key
		}
	}
	for i, n := range job.seen {
		if i < len(out) {
			out[i].Seen, out[i].Changed = n, job.changed[i]
		}
	}
	return out
}

// countReader counts the bytes read through it, for progress.
type countReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
