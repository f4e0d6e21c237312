package web

import (
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo/internal/app"
)

// The category tree of the knowledge base, managed by content editors on
// one page: add, rename or move, delete when empty.

func (h *Handler) kbCategories(w http.ResponseWriter, r *http.Request) error {
	return h.kbCategoriesPage(w, r, nil)
}

func (h *Handler) kbCategoriesPage(w http.ResponseWriter, r *http.Request, err error) error {
	cats, e := h.app.KBCategories(r.Context(), actorOf(r))
	if e != nil {
		return e
	}
	p := h.page(r, "kb.categories_title")
	p.Nav = "kb"
	p.Data = map[string]any{"Categories": cats, "Edit": r.PathValue("id")}
	if err != nil {
		return h.invalid(w, r, err, "kb_categories", p)
	}
	return h.render(w, r, "kb_categories", p)
}

func categoryInput(r *http.Request) app.KBCategoryInput {
	sort, _ := strconv.ParseInt(r.FormValue("sort"), 10, 64)
	return app.KBCategoryInput{ParentID: r.FormValue("parent"), Name: r.FormValue("name"),
		NameEN: r.FormValue("name_en"), Sort: sort}
}

func (h *Handler) kbCategoryCreate(w http.ResponseWriter, r *http.Request) error {
	if _, err := h.app.CreateKBCategory(r.Context(), actorOf(r), categoryInput(r)); err != nil {
		return h.kbCategoriesPage(w, r, err)
	}
	return redirect(w, r, "/kb/categories", "flash.kb_category_saved")
}

func (h *Handler) kbCategoryUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.UpdateKBCategory(r.Context(), actorOf(r), r.PathValue("id"), categoryInput(r)); err != nil {
		return h.kbCategoriesPage(w, r, err)
	}
	return redirect(w, r, "/kb/categories", "flash.kb_category_saved")
}

func (h *Handler) kbCategoryDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeleteKBCategory(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		return h.kbCategoriesPage(w, r, err)
	}
	return redirect(w, r, "/kb/categories", "flash.kb_category_deleted")
}
