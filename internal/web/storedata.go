package web

import (
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/httpx"
	"github.com/shopdojo/shopdojo/internal/ingest"
	"github.com/shopdojo/shopdojo/internal/kpi"
)

// storeDataLimit is the request limit of a store export upload.
var storeDataLimit = app.MaxUpload(app.PurposeStoreData) + 64<<10

// storeDataView is a store's data page: its imports and the upload form.
type storeDataView struct {
	Store   shopdojo.Store
	Imports []app.KPIImportRow
	Presets []ingest.Preset
}

func (h *Handler) storeData(w http.ResponseWriter, r *http.Request) error {
	return h.storeDataPage(w, r, nil)
}

// storeDataPage renders the data page, with the upload's error if any.
func (h *Handler) storeDataPage(w http.ResponseWriter, r *http.Request, uploadErr error) error {
	ac := actorOf(r)
	st, err := h.app.Store(r.Context(), ac, r.PathValue("id"))
	if err != nil {
		return err
	}
	imports, err := h.app.KPIImports(r.Context(), ac, st.ID, 50)
	if err != nil {
		return err
	}
	set, err := ingest.Builtin()
	if err != nil {
		return err
	}
	p := h.page(r, "storedata.title")
	p.Nav = "stores"
	p.Data = storeDataView{Store: st, Imports: imports, Presets: set.All()}
	if uploadErr != nil {
		return h.invalid(w, r, uploadErr, "store_data", p)
	}
	return h.render(w, r, "store_data", p)
}

// storeDataUpload stores the uploaded export and starts its import.
func (h *Handler) storeDataUpload(w http.ResponseWriter, r *http.Request) error {
	ac := actorOf(r)
	storeID := r.PathValue("id")
	mr, err := r.MultipartReader()
	if err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.file_required", err)
	}
	form := map[string]string{}
	var fileID string
	for fileID == "" {
		part, err := mr.NextPart()
		if err != nil {
			return shopdojo.Wrap(shopdojo.KindInvalid, "error.file_required", err)
		}
		if part.FormName() != "file" {
			form[part.FormName()] = readSmall(part)
			continue
		}
		if part.FileName() == "" {
			return shopdojo.E(shopdojo.KindInvalid, "error.file_required")
		}
		f, err := h.app.UploadFile(r.Context(), ac, app.PurposeStoreData, part.FileName(), part)
		if shopdojo.KindOf(err) == shopdojo.KindInvalid {
			return h.storeDataPage(w, r, err)
		}
		if err != nil {
			return err
		}
		fileID = f.ID
	}
	for { // the fields after the file
		part, err := mr.NextPart()
		if err != nil {
			break
		}
		form[part.FormName()] = readSmall(part)
	}
	mapURL := "/stores/" + storeID + "/data/map?file=" + url.QueryEscape(fileID)
	if form["preset"] == "generic" {
		return redirect(w, r, mapURL, "")
	}
	id, err := h.app.StartKPIImportFile(r.Context(), ac, storeID, fileID, form["preset"], form["keep_good"] != "")
	if shopdojo.KindOf(err) == shopdojo.KindInvalid && httpx.Fields(err)["file"] == ingest.MsgUnknownPreset {
		return redirect(w, r, mapURL, "")
	}
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		return h.storeDataPage(w, r, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/stores/"+storeID+"/data/imports/"+id, "")
}

// readSmall reads a small form field.
func readSmall(part io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(part, 256))
	return string(b)
}

func (h *Handler) storeImport(w http.ResponseWriter, r *http.Request) error {
	ac := actorOf(r)
	st, err := h.app.Store(r.Context(), ac, r.PathValue("id"))
	if err != nil {
		return err
	}
	row, err := h.app.KPIImportStatus(r.Context(), ac, st.ID, r.PathValue("import"))
	if err != nil {
		return err
	}
	p := h.page(r, "storedata.import_title")
	p.Nav = "stores"
	p.Data = map[string]any{"Store": st, "Import": row, "Problems": h.ingestProblems(p, row)}
	return h.render(w, r, "store_import", p)
}

// ingestProblems are a finished import's problems, translated.
func (h *Handler) ingestProblems(p *page, row app.KPIImportRow) []problemRow {
	if row.Detail == nil {
		return nil
	}
	var out []problemRow
	for _, pr := range row.Detail.Problems {
		col := ""
		if pr.Field != "" {
			col = p.T(ingest.FieldLabel(pr.Field))
		}
		out = append(out, problemRow{Line: pr.Line, Column: col, Text: p.T(pr.Msg, pr.Args)})
	}
	return out
}

func (h *Handler) storeDiagnosis(w http.ResponseWriter, r *http.Request) error {
	return h.diagnosisPage(w, r, nil)
}

// diagnosisPage renders the diagnosis, with the targets form's error.
func (h *Handler) diagnosisPage(w http.ResponseWriter, r *http.Request, formErr error) error {
	d, err := h.app.StoreDashboard(r.Context(), actorOf(r), r.PathValue("id"), h.dashboardQuery(r))
	if err != nil {
		return err
	}
	p := h.page(r, "diagnosis.title")
	p.Nav = "stores"
	p.Data = diagnosisViewOf(p, d)
	if formErr != nil {
		return h.invalid(w, r, formErr, "store_diagnosis", p)
	}
	return h.render(w, r, "store_diagnosis", p)
}

// dashboardQuery is the period and dimension asked for in the URL
// (?from=YYYY-MM-DD&to=YYYY-MM-DD, both inclusive, &by=day|week|…); a part
// that does not parse keeps its default, and the page shows days.
func (h *Handler) dashboardQuery(r *http.Request) app.DashboardQuery {
	v := r.URL.Query()
	q, _ := h.app.ParseDashboardQuery(v.Get("from"), v.Get("to"), v.Get("by"))
	if q.By == kpi.ByNone {
		q.By = kpi.ByDay
	}
	return q
}

// storePlanAccept accepts the checked items of a store's training plan.
func (h *Handler) storePlanAccept(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	metrics := r.PostForm["metric"]
	if len(metrics) == 0 {
		return shopdojo.E(shopdojo.KindInvalid, "diagnosis.plan_none_checked")
	}
	res, err := h.app.AcceptTrainingPlan(r.Context(), actorOf(r), r.PathValue("id"), metrics)
	if err != nil {
		return err
	}
	n := 0
	for _, it := range res.Items {
		n += it.Assigned
	}
	return redirect(w, r, "/stores/"+r.PathValue("id")+"/diagnosis#plan", "flash.plan_accepted:"+strconv.Itoa(n))
}

// storeMapView is the column-mapping screen of an uploaded file.
type storeMapView struct {
	Store   shopdojo.Store
	M       app.KPIMappingView
	Kinds   []ingest.Kind
	Fields  []mapField
	Letters []string // column headings of the sample: A, B, …
}

// mapField is one canonical field with the column chosen for it.
type mapField struct {
	Key, Label string
	Required   bool
	Chosen     int // column index, -1 for none
}

func (h *Handler) storeMap(w http.ResponseWriter, r *http.Request) error {
	return h.storeMapPage(w, r, nil)
}

func (h *Handler) storeMapPage(w http.ResponseWriter, r *http.Request, formErr error) error {
	ac := actorOf(r)
	st, err := h.app.Store(r.Context(), ac, r.PathValue("id"))
	if err != nil {
		return err
	}
	q := r.URL.Query()
	if r.Method == http.MethodPost {
		q = r.PostForm
	}
	kind := ingest.Kind(q.Get("kind"))
	if kind == "" {
		kind = ingest.Orders
	}
	m, err := h.app.KPIMappingFor(r.Context(), ac, st.ID, q.Get("file"), kind, q.Get("noheader") != "")
	if err != nil {
		return err
	}
	p := h.page(r, "storedata.map_title")
	p.Nav = "stores"
	v := storeMapView{Store: st, M: m, Kinds: ingest.Kinds()}
	for i := range m.Width() {
		v.Letters = append(v.Letters, ingest.ColumnName(i))
	}
	for _, f := range m.Fields {
		c, ok := m.Mapping.Columns[f.Key]
		mf := mapField{Key: f.Key, Label: p.T(ingest.FieldLabel(f.Key)), Required: f.Required, Chosen: -1}
		if ok {
			mf.Chosen = c.Index
		}
		if r.Method == http.MethodPost {
			mf.Chosen = formIndex(r.PostForm.Get("map_" + f.Key))
		}
		v.Fields = append(v.Fields, mf)
	}
	p.Data = v
	if formErr != nil {
		return h.invalid(w, r, formErr, "store_map", p)
	}
	return h.render(w, r, "store_map", p)
}

// formIndex reads a column choice; "" or junk is no column.
func formIndex(s string) int {
	i, err := strconv.Atoi(s)
	if err != nil || i < 0 {
		return -1
	}
	return i
}

// storeMapSubmit saves the mapping and starts the import.
func (h *Handler) storeMapSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	kind := ingest.Kind(f.Get("kind"))
	m := ingest.Mapping{Kind: kind, NoHeader: f.Get("noheader") != "", Columns: map[string]ingest.Column{}}
	for _, fl := range ingest.Schema(kind) {
		if i := formIndex(f.Get("map_" + fl.Key)); i >= 0 {
			m.Columns[fl.Key] = ingest.Column{Index: i}
		}
	}
	id, err := h.app.StartKPIImportMapped(r.Context(), actorOf(r), r.PathValue("id"), f.Get("file"), m, f.Get("keep_good") != "")
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		return h.storeMapPage(w, r, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/stores/"+r.PathValue("id")+"/data/imports/"+id, "")
}

// storeTargetSet sets one of a store's targets from the diagnosis page.
func (h *Handler) storeTargetSet(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	err := h.app.SetKPITarget(r.Context(), actorOf(r), r.PathValue("id"), app.KPITargetInput{Metric: f.Get("metric"),
		Value: f.Get("value"), Source: kpi.Source(f.Get("source")), Note: f.Get("note")})
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		return h.diagnosisPage(w, r, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/stores/"+r.PathValue("id")+"/diagnosis#targets", "flash.saved")
}

func (h *Handler) storeTargetDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeleteKPITarget(r.Context(), actorOf(r), r.PathValue("id"), r.PathValue("metric")); err != nil {
		return err
	}
	return redirect(w, r, "/stores/"+r.PathValue("id")+"/diagnosis#targets", "flash.deleted")
}
