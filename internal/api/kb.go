package api

import (
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo/internal/app"
)

// The knowledge base through the API: the same app calls as the pages, so
// who reads and writes which item is decided in one place.

type kbRefDTO struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

type kbRuleDTO struct {
	Platform string `json:"platform"`
	Name     string `json:"name"`
	URL      string `json:"url"`
}

type kbFileDTO struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	Version     int64  `json:"version"`
	URL         string `json:"url"`
}

// kbItemDTO is an item as lists show it; kbItemDetailDTO adds its text.
type kbItemDTO struct {
	ID           string     `json:"id"`
	Kind         string     `json:"kind"`
	CategoryID   string     `json:"category_id"`
	Title        string     `json:"title"`
	TitleEN      string     `json:"title_en"`
	OwnerID      string     `json:"owner_id"`
	OwnerName    string     `json:"owner_name"`
	Visibility   string     `json:"visibility"`
	Audience     []kbRefDTO `json:"audience"`
	Tags         []string   `json:"tags"`
	Modules      []string   `json:"modules"`
	SOPs         []string   `json:"sops"`
	ReviewDays   int64      `json:"review_days"`
	ReviewedOn   string     `json:"reviewed_on"`
	NextReviewOn string     `json:"next_review_on"`
	Due          bool       `json:"due"`
	Views        int64      `json:"views"`
	UpdatedAt    string     `json:"updated_at"`
}

type kbItemDetailDTO struct {
	kbItemDTO
	Version    int64       `json:"version"`
	MaterialID string      `json:"material_id"`
	Body       string      `json:"body"`
	BodyEN     string      `json:"body_en"`
	VideoURL   string      `json:"video_url"`
	Rules      []kbRuleDTO `json:"rules"`
	Files      []kbFileDTO `json:"files"`
	History    []kbFileDTO `json:"earlier_files"`
}

func toKBItem(it app.KBItem) kbItemDTO {
	d := kbItemDTO{ID: it.ID, Kind: it.Kind, CategoryID: it.CategoryID, Title: it.Title, TitleEN: it.TitleEN,
		OwnerID: it.OwnerID, OwnerName: it.OwnerName, Visibility: it.Visibility, Audience: []kbRefDTO{},
		Tags: nonNil(it.Tags), Modules: nonNil(it.Modules), SOPs: nonNil(it.SOPs), ReviewDays: it.ReviewDays,
		ReviewedOn: it.ReviewedOn, NextReviewOn: it.NextReviewOn, Due: it.Due, Views: it.Views, UpdatedAt: ts(it.UpdatedAt)}
	for _, r := range it.Audience {
		d.Audience = append(d.Audience, kbRefDTO{Kind: r.Kind, ID: r.ID, Name: r.Name})
	}
	return d
}

func toKBFile(f app.KBFile) kbFileDTO {
	return kbFileDTO{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, Version: f.VersionNo, URL: "/files/" + f.ID}
}

func toKBDetail(v app.KBView) kbItemDetailDTO {
	d := kbItemDetailDTO{kbItemDTO: toKBItem(v.Item), Version: v.VersionNo, MaterialID: v.Item.MaterialID,
		Body: v.Doc.Body, BodyEN: v.Doc.BodyEN, VideoURL: v.Item.VideoURL, Rules: []kbRuleDTO{},
		Files: mapAll(v.Files, toKBFile), History: mapAll(v.History, toKBFile)}
	d.TitleEN = v.Doc.TitleEN
	for _, r := range v.Rules {
		d.Rules = append(d.Rules, kbRuleDTO(r))
	}
	return d
}

// kbInput is a new item or an edit; an edit needs a note and the version
// it started from (base_version), as the editor does.
type kbInput struct {
	Kind        string      `json:"kind"`
	CategoryID  string      `json:"category_id"`
	Title       string      `json:"title"`
	TitleEN     string      `json:"title_en"`
	Body        string      `json:"body"`
	BodyEN      string      `json:"body_en"`
	OwnerID     string      `json:"owner_id"`
	Visibility  string      `json:"visibility"`
	Audience    []kbRefDTO  `json:"audience"`
	ReviewDays  int64       `json:"review_days"`
	Tags        []string    `json:"tags"`
	Modules     []string    `json:"modules"`
	SOPs        []string    `json:"sops"`
	Rules       []kbRuleDTO `json:"rules"`
	VideoURL    string      `json:"video_url"`
	Files       []string    `json:"files"`
	Note        string      `json:"note"`
	BaseVersion int64       `json:"base_version"`
}

func (in kbInput) app() app.KBInput {
	out := app.KBInput{Kind: in.Kind, CategoryID: in.CategoryID, Title: in.Title, TitleEN: in.TitleEN, Body: in.Body,
		BodyEN: in.BodyEN, OwnerID: in.OwnerID, Visibility: in.Visibility, ReviewDays: in.ReviewDays, Tags: in.Tags,
		Modules: in.Modules, SOPs: in.SOPs, VideoURL: in.VideoURL, Files: in.Files, Note: in.Note, BaseNo: in.BaseVersion}
	for _, r := range in.Audience {
		out.Audience = append(out.Audience, app.KBRef{Kind: r.Kind, ID: r.ID})
	}
	for _, r := range in.Rules {
		out.Rules = append(out.Rules, app.KBRule(r))
	}
	return out
}

func (h *Handler) kbList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	offset, _ := strconv.Atoi(q.Get("cursor"))
	limit, _ := strconv.Atoi(q.Get("limit"))
	limit = min(max(limit, 1), 200)
	if q.Get("limit") == "" {
		limit = 50
	}
	l, err := h.app.ListKB(r.Context(), actorOf(r), app.KBFilter{Kind: q.Get("kind"), Category: q.Get("category"),
		Tag: q.Get("tag"), Module: q.Get("module"), Due: q.Get("due") == "true", Offset: offset, Limit: limit})
	if err != nil {
		return err
	}
	out := list[kbItemDTO]{Items: mapAll(l.Items, toKBItem)}
	if offset+len(l.Items) < l.Total {
		out.NextCursor = strconv.Itoa(offset + len(l.Items))
	}
	return respond(w, http.StatusOK, "", out, nil)
}

func (h *Handler) kbGet(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.GetKB(r.Context(), actorOf(r), r.PathValue("id"))
	return respond(w, http.StatusOK, "", toKBDetail(v), err)
}

func (h *Handler) kbCreate(w http.ResponseWriter, r *http.Request) error {
	var in kbInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac := actorOf(r)
	id, err := h.app.CreateKB(r.Context(), ac, in.app())
	if err != nil {
		return err
	}
	v, err := h.app.GetKB(r.Context(), ac, id)
	return respond(w, http.StatusCreated, Prefix+"/kb/items/"+id, toKBDetail(v), err)
}

func (h *Handler) kbPut(w http.ResponseWriter, r *http.Request) error {
	var in kbInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac, id := actorOf(r), r.PathValue("id")
	if err := h.app.UpdateKB(r.Context(), ac, id, in.app()); err != nil {
		return err
	}
	v, err := h.app.GetKB(r.Context(), ac, id)
	return respond(w, http.StatusOK, "", toKBDetail(v), err)
}

func (h *Handler) kbReviews(w http.ResponseWriter, r *http.Request) error {
	items, err := h.app.KBReviews(r.Context(), actorOf(r))
	return respond(w, http.StatusOK, "", list[kbItemDTO]{Items: mapAll(items, toKBItem)}, err)
}

func (h *Handler) kbReviewed(w http.ResponseWriter, r *http.Request) error {
	ac, id := actorOf(r), r.PathValue("id")
	if err := h.app.MarkKBReviewed(r.Context(), ac, id); err != nil {
		return err
	}
	v, err := h.app.GetKB(r.Context(), ac, id)
	return respond(w, http.StatusOK, "", toKBDetail(v), err)
}

type kbCategoryDTO struct {
	ID       string `json:"id"`
	ParentID string `json:"parent_id"`
	Name     string `json:"name"`
	NameEN   string `json:"name_en"`
	Sort     int64  `json:"sort"`
	Depth    int    `json:"depth"`
}

type kbCategoryInput struct {
	ParentID string `json:"parent_id"`
	Name     string `json:"name"`
	NameEN   string `json:"name_en"`
	Sort     int64  `json:"sort"`
}

func toKBCategory(c app.KBCategory) kbCategoryDTO {
	return kbCategoryDTO{ID: c.ID, ParentID: c.ParentID, Name: c.Name, NameEN: c.NameEN, Sort: c.Sort, Depth: c.Depth}
}

func (h *Handler) kbCategoryList(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.app.KBCategories(r.Context(), actorOf(r))
	return respond(w, http.StatusOK, "", list[kbCategoryDTO]{Items: mapAll(cs, toKBCategory)}, err)
}

func (h *Handler) kbCategoryCreate(w http.ResponseWriter, r *http.Request) error {
	var in kbCategoryInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac := actorOf(r)
	id, err := h.app.CreateKBCategory(r.Context(), ac, app.KBCategoryInput(in))
	if err != nil {
		return err
	}
	cs, err := h.app.KBCategories(r.Context(), ac)
	for _, c := range cs {
		if c.ID == id {
			return respond(w, http.StatusCreated, "", toKBCategory(c), err)
		}
	}
	return err
}
