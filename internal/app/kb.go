package app

import (
	"context"
	"slices"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The knowledge base (知识库): articles, SOPs, structured cases, FAQ
// entries, downloadable templates and videos. An item's text is a material
// of KindKnowledge, so every edit is a version with a change note, a diff
// and roll-back; kb_items holds where the item is filed, who owns and may
// read it and when it is due for review. One rule decides who reads an
// item (kbViewer.reads, the same principals search filters by).

// KindKnowledge is the text of a knowledge-base item (subject: the item id).
const KindKnowledge = "knowledge"

// Knowledge item types.
const (
	KBArticle  = "article"
	KBSOP      = "sop"
	KBCase     = "case"
	KBFAQ      = "faq"
	KBTemplate = "template"
	KBVideo    = "video"
)

// KBKinds lists the item types in the order pages offer them.
func KBKinds() []string { return []string{KBArticle, KBSOP, KBCase, KBFAQ, KBTemplate, KBVideo} }

// Visibilities of an item.
const (
	KBEveryone     = "everyone"
	KBDepartments  = "departments"
	KBPositions    = "positions"
	KBConfidential = "confidential"
)

// KBVisibilities lists the visibilities in the order the picker offers them.
func KBVisibilities() []string {
	return []string{KBEveryone, KBDepartments, KBPositions, KBConfidential}
}

// KBRef is one entry of an item's audience: a department (with its
// sub-departments), a position or a person.
type KBRef struct {
	Kind, ID, Name string
	No             string // a person's employee number
}

// KBRule is a platform rule an item depends on.
type KBRule struct {
	Platform, Name, URL string
}

// KBItem is a knowledge item as lists and pages show it.
type KBItem struct {
	ID, Kind, CategoryID, MaterialID string
	Title, TitleEN                   string
	OwnerID, OwnerName               string
	Visibility                       string
	ReviewDays                       int64
	ReviewedOn, NextReviewOn         string
	VideoURL                         string
	Status                           string
	Views                            int64
	CreatedAt, UpdatedAt             time.Time
	Audience                         []KBRef
	Tags, Modules, SOPs              []string
	// Due is set when the review date has come (company time zone).
	Due bool
}

func kbItemOf(i sqlq.KbItem, owner string) KBItem {
	return KBItem{ID: i.ID, Kind: i.Kind, CategoryID: i.CategoryID, MaterialID: i.MaterialID, Title: i.Title,
		TitleEN: i.TitleEn, OwnerID: i.OwnerID, OwnerName: owner, Visibility: i.Visibility, ReviewDays: i.ReviewDays,
		ReviewedOn: i.ReviewedOn, NextReviewOn: i.NextReviewOn, VideoURL: i.VideoUrl, Status: i.Status,
		Views: i.Views, CreatedAt: fromMs(i.CreatedAt), UpdatedAt: fromMs(i.UpdatedAt)}
}

// Confidential reports whether only the owner and an access list may read it.
func (it KBItem) Confidential() bool { return it.Visibility == KBConfidential }

// URL is the item's reading page.
func (it KBItem) URL() string { return "/kb/" + it.ID }

// SearchPrincipals is who may read the item, for the search index: every
// signed-in person when everyone is true, else anyone holding one of the
// principals — "dept:<id>" (that department or one below it), "pos:<id>",
// "person:<id>", and "perm:content.review" (training managers and admins,
// who read every item that is not confidential). The owner is always
// included. An actor's own principals come from viewerOf (and, in the
// same terms, search's App.SearchPrincipals); an item is readable when the
// two lists meet, which is exactly kbViewer.reads.
func (it KBItem) SearchPrincipals() (everyone bool, principals []string) {
	if it.Visibility == KBEveryone {
		return true, nil
	}
	principals = []string{"person:" + it.OwnerID}
	if !it.Confidential() {
		principals = append(principals, "perm:"+string(shopdojo.PermContentReview))
	}
	for _, r := range it.Audience {
		if p := principalOf(r); p != "" && !slices.Contains(principals, p) {
			principals = append(principals, p)
		}
	}
	return false, principals
}

func principalOf(r KBRef) string {
	switch r.Kind {
	case "department":
		return "dept:" + r.ID
	case "position":
		return "pos:" + r.ID
	case "person":
		return "person:" + r.ID
	}
	return ""
}

// kbViewer is an actor's principals, read once per request.
type kbViewer struct {
	system     bool
	person     string
	principals []string
}

// reads is the one rule of who reads an item.
func (w kbViewer) reads(it KBItem) bool {
	if w.system {
		return true
	}
	everyone, ps := it.SearchPrincipals()
	if everyone {
		return w.person != ""
	}
	return slices.ContainsFunc(ps, func(p string) bool { return slices.Contains(w.principals, p) })
}

// viewer reads the actor's principals: themself, their position, their
// department and every department above it, and content.review.
func viewerOf(ctx context.Context, q *store.Queries, ac Actor) (kbViewer, error) {
	w := kbViewer{system: ac.System, person: ac.PersonID}
	if ac.PersonID == "" {
		return w, nil
	}
	w.principals = []string{"person:" + ac.PersonID}
	if ac.Can(shopdojo.PermContentReview) {
		w.principals = append(w.principals, "perm:"+string(shopdojo.PermContentReview))
	}
	pp, err := q.PersonPrincipals(ctx, ac.PersonID)
	if err != nil {
		return w, store.MapErr(err)
	}
	if pp.PositionID != "" {
		w.principals = append(w.principals, "pos:"+pp.PositionID)
	}
	depts, err := q.PersonDepartmentChain(ctx, ac.PersonID)
	for _, d := range depts {
		w.principals = append(w.principals, "dept:"+d)
	}
	return w, err
}

// canReadKB decides whether the actor may read the item; an item they may
// not read is reported as not found, so ids cannot be probed.
func canReadKB(ctx context.Context, q *store.Queries, ac Actor, it KBItem) error {
	if ac.PersonID == "" && !ac.System {
		return shopdojo.ErrUnauth
	}
	w, err := viewerOf(ctx, q, ac)
	if err != nil {
		return err
	}
	if !w.reads(it) {
		return shopdojo.ErrNotFound
	}
	return nil
}

// canEditKB: content editors who may read the item.
func canEditKB(ctx context.Context, q *store.Queries, ac Actor, it KBItem) error {
	if err := canReadKB(ctx, q, ac, it); err != nil {
		return err
	}
	return ac.require(shopdojo.PermContentEdit)
}

// mayReview: the owner, or a content reviewer; both must read the item.
func mayReview(ac Actor, it KBItem) bool {
	return ac.System || ac.PersonID == it.OwnerID || ac.Can(shopdojo.PermContentReview)
}

// loadKB reads an item with its audience, tags and links (no access check).
func loadKB(ctx context.Context, q *store.Queries, id string) (KBItem, error) {
	row, err := q.GetKBItem(ctx, id)
	if err != nil {
		return KBItem{}, store.MapErr(err)
	}
	it := kbItemOf(sqlq.KbItem{ID: row.ID, Kind: row.Kind, CategoryID: row.CategoryID, MaterialID: row.MaterialID,
		Title: row.Title, TitleEn: row.TitleEn, OwnerID: row.OwnerID, Visibility: row.Visibility,
		ReviewDays: row.ReviewDays, ReviewedOn: row.ReviewedOn, NextReviewOn: row.NextReviewOn,
		VideoUrl: row.VideoUrl, Status: row.Status, Views: row.Views, CreatedAt: row.CreatedAt,
		UpdatedAt: row.UpdatedAt}, row.OwnerName)
	aud, err := q.ListKBAudience(ctx, id)
	if err != nil {
		return it, err
	}
	for _, r := range aud {
		it.Audience = append(it.Audience, KBRef{Kind: r.Kind, ID: r.RefID, Name: r.Name, No: r.EmployeeNo})
	}
	return it, kbExtras(ctx, q, map[string]*KBItem{it.ID: &it})
}

// kbExtras fills tags and curriculum links of the items by id.
func kbExtras(ctx context.Context, q *store.Queries, items map[string]*KBItem) error {
	tags, err := q.ListAllKBTags(ctx)
	if err != nil {
		return err
	}
	for _, t := range tags {
		if it := items[t.ItemID]; it != nil {
			it.Tags = append(it.Tags, t.Tag)
		}
	}
	links, err := q.ListAllKBLinks(ctx)
	for _, l := range links {
		if it := items[l.ItemID]; it != nil && l.Kind == "module" {
			it.Modules = append(it.Modules, l.RefID)
		} else if it != nil {
			it.SOPs = append(it.SOPs, l.RefID)
		}
	}
	return err
}

// knowledgeKind is the versioning rule set of knowledge texts: anyone
// signed in may read the kind, the item decides (access); every save is
// published at once, as an edit of a wiki is; the review step of the
// knowledge base is the periodic review (kb_review.go).
func knowledgeKind() materialKind {
	return materialKind{read: shopdojo.PermSignedIn, edit: shopdojo.PermContentEdit, review: shopdojo.PermContentReview,
		autoPublish: true,
		subject: func(ctx context.Context, q *store.Queries, id string) (string, error) {
			it, err := q.GetKBItem(ctx, id)
			return it.Title, store.MapErr(err)
		},
		access:  knowledgeAccess,
		onSaved: kbVersionSaved,
	}
}

func knowledgeAccess(ctx context.Context, q *store.Queries, ac Actor, m sqlq.Material, write bool) error {
	it, err := loadKB(ctx, q, m.SubjectID)
	if err != nil {
		return err
	}
	if write {
		return canEditKB(ctx, q, ac, it)
	}
	return canReadKB(ctx, q, ac, it)
}
