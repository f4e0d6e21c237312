package app

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/ingest"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// A file no preset fits is imported through a generic preset and a
// mapping of its columns to canonical fields, which the manager checks on
// the mapping screen. The mapping is saved per store, kind and header
// shape, so next month's export of the same report imports without the
// screen.

// KPIMappingView is what the mapping screen shows of an uploaded file.
type KPIMappingView struct {
	FileID, FileName string
	Kind             ingest.Kind
	Header           []string
	Sample           [][]string
	Fields           []ingest.Field
	Mapping          ingest.Mapping // the saved mapping for this header, else a suggestion
	Saved            bool
}

// KPIMappingFor reads the head of an uploaded export and proposes how its
// columns map onto kind's fields.
func (a *App) KPIMappingFor(ctx context.Context, ac Actor, storeID, fileID string, kind ingest.Kind, noHeader bool) (KPIMappingView, error) {
	v := KPIMappingView{FileID: fileID, Kind: kind, Fields: ingest.Schema(kind)}
	if len(v.Fields) == 0 {
		return v, shopdojo.E(shopdojo.KindInvalid, "error.out_of_range")
	}
	if err := a.store.Read(ctx, func(q *store.Queries) error {
		_, err := a.storeFor(ctx, q, ac, storeID, shopdojo.PermStoreDataManage)
		return err
	}); err != nil {
		return v, err
	}
	f, obj, err := a.OpenFile(ctx, ac, fileID)
	if err != nil {
		return v, err
	}
	defer obj.Close()
	if f.Purpose != PurposeStoreData {
		return v, shopdojo.ErrNotFound
	}
	set, err := ingest.Builtin()
	if err != nil {
		return v, err
	}
	// Read as rows only: a header no preset knows is the first row, and
	// Sniff would have read past it looking for a known one.
	sn, probs, err := set.Sniff(obj, ingest.Options{NoHeader: true}, 9)
	if err != nil {
		return v, fmt.Errorf("mapping of %s: %w", fileID, err)
	}
	if len(probs) > 0 {
		return v, kpiFileInvalid(probs)
	}
	v.FileName, v.Sample = f.Name, sn.Sample
	if !noHeader && len(sn.Sample) > 0 {
		v.Header, v.Sample = sn.Sample[0], sn.Sample[1:]
	}
	if saved, ok, err := a.savedMapping(ctx, storeID, kind, v.Header); err != nil {
		return v, err
	} else if ok {
		v.Mapping, v.Saved = saved, true
		return v, nil
	}
	v.Mapping = set.Suggest(kind, v.Header, v.Sample)
	v.Mapping.NoHeader = noHeader
	return v, nil
}

// headerSig identifies a header's shape: its cells normalised, in order.
func headerSig(kind ingest.Kind, header []string) string {
	h := sha256.New()
	h.Write([]byte(kind))
	for _, c := range header {
		h.Write([]byte{0})
		h.Write([]byte(strings.ToLower(strings.TrimSpace(c))))
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

func (a *App) savedMapping(ctx context.Context, storeID string, kind ingest.Kind, header []string) (ingest.Mapping, bool, error) {
	var m ingest.Mapping
	var raw string
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		raw, err = q.GetKPIMapping(ctx, sqlq.GetKPIMappingParams{StoreID: storeID, Kind: string(kind), HeaderSig: headerSig(kind, header)})
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, err
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return m, false, fmt.Errorf("saved mapping of %s: %w", storeID, err)
	}
	return m, true, nil
}

// StartKPIImportMapped saves a mapping for the file's header shape and
// starts importing the file with it (see StartKPIImportFile).
func (a *App) StartKPIImportMapped(ctx context.Context, ac Actor, storeID, fileID string, m ingest.Mapping, keepGood bool) (string, error) {
	view, err := a.KPIMappingFor(ctx, ac, storeID, fileID, m.Kind, m.NoHeader)
	if err != nil {
		return "", err
	}
	m.Preset = "generic_" + string(m.Kind)
	for key, c := range m.Columns {
		if c.Index < 0 || c.Index >= view.Width() {
			delete(m.Columns, key)
			continue
		}
		if c.Index < len(view.Header) {
			c.Header = view.Header[c.Index]
		}
		m.Columns[key] = c
	}
	if err := validMapping(m); err != nil {
		return "", err
	}
	body, err := json.Marshal(m)
	if err != nil {
		return "", err
	}
	if err := a.store.Tx(ctx, func(tx *store.Tx) error {
		return tx.SaveKPIMapping(ctx, sqlq.SaveKPIMappingParams{StoreID: storeID, Kind: string(m.Kind),
			HeaderSig: headerSig(m.Kind, view.Header), Mapping: string(body), SavedBy: nullStr(ac.PersonID), SavedAt: a.nowMs()})
	}); err != nil {
		return "", err
	}
	return a.startImportFile(ctx, ac, storeID, fileID, m.Preset, &m, keepGood)
}

// validMapping refuses a mapping without the kind's required fields or
// with one column taken for two fields.
func validMapping(m ingest.Mapping) error {
	var v shopdojo.Validation
	used := map[int]string{}
	for _, f := range ingest.Schema(m.Kind) {
		c, ok := m.Columns[f.Key]
		v.Check(!f.Required || ok, "map_"+f.Key, "storedata.map_required")
		if ok {
			_, dup := used[c.Index]
			v.Check(!dup, "map_"+f.Key, "storedata.map_duplicate")
			used[c.Index] = f.Key
		}
	}
	return v.Err()
}

// Width is how many columns the file has, by its header and sample rows.
func (v KPIMappingView) Width() int {
	n := len(v.Header)
	for _, r := range v.Sample {
		n = max(n, len(r))
	}
	return n
}
