package app

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/search"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// KBInput is a new knowledge item or an edit of one. A case's Body and
// BodyEN are composed from Case and CaseEN when those are given.
type KBInput struct {
	Kind, CategoryID    string
	Title, TitleEN      string
	Body, BodyEN        string
	Case, CaseEN        map[string]string
	OwnerID             string // default: the actor
	Visibility          string
	Audience            []KBRef  // Kind and ID
	AccessNos           []string // employee numbers added to Audience as people
	ReviewDays          int64
	Tags, Modules, SOPs []string
	Rules               []KBRule
	VideoURL            string
	Files               []string // the version's attachments, in order
	Note                string   // change note, required for an edit
	BaseNo              int64    // the version the edit started from
}

// Limits of knowledge items.
const (
	maxKBTags      = 12
	maxKBTag       = 30
	maxKBRules     = 10
	maxKBFiles     = 20
	maxKBAudience  = 200
	maxReviewDays  = 3650
	defaultKBDays  = 180
	maxKBURL       = 500
	maxKBRuleField = 100
)

func (in *KBInput) normalize(ac Actor) {
	in.Title, in.TitleEN = strings.TrimSpace(in.Title), strings.TrimSpace(in.TitleEN)
	if in.Kind == KBCase && (len(in.Case) > 0 || len(in.CaseEN) > 0) {
		in.Body, in.BodyEN = CaseBody("zh", in.Case), CaseBody("en", in.CaseEN)
	}
	if in.OwnerID == "" {
		in.OwnerID = ac.PersonID
	}
	if in.ReviewDays == 0 {
		in.ReviewDays = defaultKBDays
	}
	var tags []string
	for _, t := range in.Tags {
		if t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "#")); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	in.Tags = tags
	in.VideoURL = strings.TrimSpace(in.VideoURL)
	var nos []string
	for _, no := range in.AccessNos {
		if no = strings.TrimSpace(no); no != "" && !slices.Contains(nos, no) {
			nos = append(nos, no)
		}
	}
	in.AccessNos = nos
	// The audience is of the visibility's one kind; other picks are dropped.
	want := map[string]string{KBDepartments: "department", KBPositions: "position", KBConfidential: "person"}[in.Visibility]
	in.Audience = slices.DeleteFunc(slices.Clone(in.Audience), func(r KBRef) bool { return r.Kind != want })
	if in.Visibility != KBConfidential {
		in.AccessNos = nil
	}
}

func (in KBInput) doc() string {
	return FormatKBDoc(KBDoc{TitleEN: in.TitleEN, Body: in.Body, BodyEN: in.BodyEN})
}

// validate checks what the text check (checkVersionText) does not.
func (a *App) validateKB(ctx context.Context, q *store.Queries, ac Actor, in KBInput) error {
	var v shopdojo.Validation
	v.Check(slices.Contains(KBKinds(), in.Kind), "kind", "error.out_of_range")
	v.Check(slices.Contains(KBVisibilities(), in.Visibility), "visibility", "error.out_of_range")
	v.Check(in.Visibility == KBEveryone || in.Visibility == KBConfidential || len(in.Audience)+len(in.AccessNos) > 0,
		"audience", "kb.err_audience")
	v.Check(len(in.Audience) <= maxKBAudience, "audience", "error.too_long")
	v.Check(in.ReviewDays >= 1 && in.ReviewDays <= maxReviewDays, "review_days", "error.out_of_range")
	v.Check(utf8.RuneCountInString(in.TitleEN) <= maxTitle, "title_en", "error.too_long")
	v.Check(len(in.Tags) <= maxKBTags, "tags", "kb.err_too_many_tags")
	v.Check(!slices.ContainsFunc(in.Tags, func(t string) bool { return utf8.RuneCountInString(t) > maxKBTag }),
		"tags", "error.too_long")
	v.Check(len(in.Rules) <= maxKBRules, "rules", "error.too_long")
	for _, r := range in.Rules {
		v.Check(strings.TrimSpace(r.Name) != "" && utf8.RuneCountInString(r.Name) <= maxKBRuleField &&
			utf8.RuneCountInString(r.Platform) <= maxKBRuleField, "rules", "kb.err_rule")
		v.Check(webURL(r.URL), "rules", "kb.err_url")
	}
	v.Check(in.VideoURL == "" || webURL(in.VideoURL), "video_url", "kb.err_url")
	v.Check(len(in.Files) <= maxKBFiles, "files", "error.too_long")
	v.Check(in.Kind != KBTemplate || len(in.Files) > 0, "files", "kb.err_template_file")
	v.Check(in.Kind != KBVideo || in.VideoURL != "" || len(in.Files) > 0, "video_url", "kb.err_video")
	if err := v.Err(); err != nil {
		return err
	}
	return a.checkKBRefs(ctx, q, ac, in)
}

// resolveAccess turns the access list's employee numbers into people.
func resolveAccess(ctx context.Context, q *store.Queries, in *KBInput) error {
	for _, no := range in.AccessNos {
		id, err := q.FindPersonByEmployeeNo(ctx, no)
		if err != nil {
			return store.MapErr(err)
		}
		if !slices.ContainsFunc(in.Audience, func(r KBRef) bool { return r.Kind == "person" && r.ID == id }) {
			in.Audience = append(in.Audience, KBRef{Kind: "person", ID: id})
		}
	}
	in.AccessNos = nil
	return nil
}

func webURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && len(s) <= maxKBURL
}

// checkKBRefs checks that the category, owner, audience and files exist.
func (a *App) checkKBRefs(ctx context.Context, q *store.Queries, ac Actor, in KBInput) error {
	var v shopdojo.Validation
	for _, no := range in.AccessNos {
		_, err := q.FindPersonByEmployeeNo(ctx, no)
		v.Check(err == nil, "access", "kb.err_unknown_person")
	}
	if in.CategoryID != "" {
		_, err := q.GetKBCategory(ctx, in.CategoryID)
		v.Check(err == nil, "category", "error.out_of_range")
	}
	_, err := q.PersonPrincipals(ctx, in.OwnerID)
	v.Check(err == nil, "owner", "error.out_of_range")
	for _, r := range in.Audience {
		v.Check(a.refExists(ctx, q, r), "audience", "error.out_of_range")
	}
	// Only files the editor may read: an id copied from an item they cannot
	// see must not become readable through one they can.
	for _, id := range in.Files {
		f, err := q.GetFile(ctx, id)
		ok := err == nil && f.Purpose == PurposeKB
		if ok {
			if ok, err = a.kbFileReadable(ctx, q, ac, f); err != nil {
				return err
			}
		}
		v.Check(ok, "files", "error.out_of_range")
	}
	for _, id := range fileIDs(in.Body + "\n" + in.BodyEN) {
		f, err := q.GetFile(ctx, id)
		ok := err == nil && (f.Purpose == PurposeKB || f.Purpose == PurposeLesson)
		if ok && f.Purpose == PurposeKB {
			if ok, err = a.kbFileReadable(ctx, q, ac, f); err != nil {
				return err
			}
		}
		v.Check(ok, "body", "attach.err_unknown_file")
	}
	return v.Err()
}

func (a *App) refExists(ctx context.Context, q *store.Queries, r KBRef) bool {
	var err error
	switch r.Kind {
	case "department":
		_, err = q.GetDepartment(ctx, r.ID)
	case "position":
		_, err = q.GetPosition(ctx, r.ID)
	case "person":
		_, err = q.PersonPrincipals(ctx, r.ID)
	default:
		return false
	}
	return err == nil
}

// CreateKB stores a new item and its first version; it returns the id.
func (a *App) CreateKB(ctx context.Context, ac Actor, in KBInput) (string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", err
	}
	in.normalize(ac)
	if err := checkVersionText(in.Title, in.doc(), "", true); err != nil {
		return "", err
	}
	id := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := a.validateKB(ctx, tx.Queries, ac, in); err != nil {
			return err
		}
		if err := resolveAccess(ctx, tx.Queries, &in); err != nil {
			return err
		}
		return a.createKBTx(ctx, tx, ac, id, in)
	})
	return id, err
}

func (a *App) createKBTx(ctx context.Context, tx *store.Tx, ac Actor, id string, in KBInput) error {
	now, today := a.nowMs(), a.Today()
	mid := newID()
	if err := tx.InsertMaterial(ctx, sqlq.InsertMaterialParams{ID: mid, Kind: KindKnowledge, SubjectID: id,
		Title: in.Title, CreatedAt: now}); err != nil {
		return err
	}
	if err := tx.InsertKBItem(ctx, sqlq.InsertKBItemParams{ID: id, Kind: in.Kind, CategoryID: in.CategoryID,
		MaterialID: mid, Title: in.Title, TitleEn: in.TitleEN, OwnerID: in.OwnerID, Visibility: in.Visibility,
		ReviewDays: in.ReviewDays, ReviewedOn: today, NextReviewOn: addDays(today, in.ReviewDays),
		VideoUrl: in.VideoURL, CreatedAt: now}); err != nil {
		return err
	}
	if err := a.writeKBSets(ctx, tx, id, in); err != nil {
		return err
	}
	vin := VersionInput{MaterialID: mid, Title: in.Title, Body: in.doc(), Note: in.Note, Major: true}
	no, err := a.saveVersionTx(ctx, tx, ac, &vin)
	if err != nil {
		return err
	}
	if err := a.writeKBFiles(ctx, tx, id, no, in); err != nil {
		return err
	}
	if err := a.record(ctx, tx, ac, change{Action: "kb.create", ObjectType: "kb_item", ObjectID: id,
		ObjectName: in.Title, After: kbMeta(in)}); err != nil {
		return err
	}
	return a.kbChanged(ctx, tx, id)
}

func addDays(day string, n int64) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, int(n)).Format(time.DateOnly)
}

func kbMeta(in KBInput) map[string]string {
	var aud []string
	for _, r := range in.Audience {
		aud = append(aud, r.Kind+":"+r.ID)
	}
	return map[string]string{"kind": in.Kind, "category": in.CategoryID, "owner": in.OwnerID,
		"visibility": in.Visibility, "audience": strings.Join(aud, ","), "review_days": itoa(in.ReviewDays),
		"tags": strings.Join(in.Tags, ","), "modules": strings.Join(in.Modules, ","), "sops": strings.Join(in.SOPs, ",")}
}

// writeKBSets replaces the item's audience, tags, curriculum links and rules.
func (a *App) writeKBSets(ctx context.Context, tx *store.Tx, id string, in KBInput) error {
	for _, del := range []func(context.Context, string) error{tx.DeleteKBAudience, tx.DeleteKBTags, tx.DeleteKBLinks, tx.DeleteKBRules} {
		if err := del(ctx, id); err != nil {
			return err
		}
	}
	for _, r := range in.Audience {
		if err := tx.AddKBAudience(ctx, sqlq.AddKBAudienceParams{ItemID: id, Kind: r.Kind, RefID: r.ID}); err != nil {
			return err
		}
	}
	for _, t := range in.Tags {
		if err := tx.AddKBTag(ctx, sqlq.AddKBTagParams{ItemID: id, Tag: t}); err != nil {
			return err
		}
	}
	for kind, refs := range map[string][]string{"module": in.Modules, "sop": in.SOPs} {
		for _, ref := range refs {
			if ref = strings.TrimSpace(ref); ref == "" {
				continue
			}
			if err := tx.AddKBLink(ctx, sqlq.AddKBLinkParams{ItemID: id, Kind: kind, RefID: ref}); err != nil {
				return err
			}
		}
	}
	for i, r := range in.Rules {
		if err := tx.AddKBRule(ctx, sqlq.AddKBRuleParams{ItemID: id, Sort: int64(i), Platform: strings.TrimSpace(r.Platform),
			Name: strings.TrimSpace(r.Name), Url: strings.TrimSpace(r.URL)}); err != nil {
			return err
		}
	}
	return nil
}

// writeKBFiles records version no's files: the attachments, then the
// files the text links to (pasted images), so each is readable exactly as
// the item is.
func (a *App) writeKBFiles(ctx context.Context, tx *store.Tx, id string, no int64, in KBInput) error {
	ids := slices.Clone(in.Files)
	for _, f := range fileIDs(in.Body + "\n" + in.BodyEN) {
		if !slices.Contains(ids, f) {
			ids = append(ids, f)
		}
	}
	for i, f := range ids {
		if err := tx.AddKBAttachment(ctx, sqlq.AddKBAttachmentParams{ItemID: id, VersionNo: no, FileID: f,
			Sort: int64(i)}); err != nil {
			return err
		}
	}
	return nil
}

// UpdateKB saves an edit: the item's settings and a new version of its text.
func (a *App) UpdateKB(ctx context.Context, ac Actor, id string, in KBInput) error {
	in.normalize(ac)
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		it, err := loadKB(ctx, tx.Queries, id)
		if err != nil {
			return err
		}
		if err := canEditKB(ctx, tx.Queries, ac, it); err != nil {
			return err
		}
		in.Kind = it.Kind
		if err := checkVersionText(in.Title, in.doc(), in.Note, false); err != nil {
			return err
		}
		if err := a.validateKB(ctx, tx.Queries, ac, in); err != nil {
			return err
		}
		if err := resolveAccess(ctx, tx.Queries, &in); err != nil {
			return err
		}
		return a.updateKBTx(ctx, tx, ac, it, in)
	})
}

func (a *App) updateKBTx(ctx context.Context, tx *store.Tx, ac Actor, it KBItem, in KBInput) error {
	next := it.NextReviewOn
	if in.ReviewDays != it.ReviewDays {
		next = addDays(it.ReviewedOn, in.ReviewDays)
	}
	if err := tx.UpdateKBItemMeta(ctx, sqlq.UpdateKBItemMetaParams{ID: it.ID, CategoryID: in.CategoryID,
		OwnerID: in.OwnerID, Visibility: in.Visibility, ReviewDays: in.ReviewDays, NextReviewOn: next,
		VideoUrl: in.VideoURL, UpdatedAt: a.nowMs()}); err != nil {
		return err
	}
	if err := a.writeKBSets(ctx, tx, it.ID, in); err != nil {
		return err
	}
	vin := VersionInput{MaterialID: it.MaterialID, BaseNo: in.BaseNo, Title: in.Title, Body: in.doc(), Note: in.Note}
	no, err := a.saveVersionTx(ctx, tx, ac, &vin)
	if err != nil {
		return err
	}
	if err := a.writeKBFiles(ctx, tx, it.ID, no, in); err != nil {
		return err
	}
	before := kbMeta(KBInput{Kind: it.Kind, CategoryID: it.CategoryID, OwnerID: it.OwnerID, Visibility: it.Visibility,
		Audience: it.Audience, ReviewDays: it.ReviewDays, Tags: it.Tags, Modules: it.Modules, SOPs: it.SOPs})
	if err := a.record(ctx, tx, ac, change{Action: "kb.update", ObjectType: "kb_item", ObjectID: it.ID,
		ObjectName: in.Title, Before: before, After: kbMeta(in)}); err != nil {
		return err
	}
	return a.kbChanged(ctx, tx, it.ID)
}

// ArchiveKB takes an item off every list and page (its versions stay).
func (a *App) ArchiveKB(ctx context.Context, ac Actor, id string) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		it, err := loadKB(ctx, tx.Queries, id)
		if err != nil {
			return err
		}
		if err := canEditKB(ctx, tx.Queries, ac, it); err != nil {
			return err
		}
		if err := tx.SetKBItemStatus(ctx, sqlq.SetKBItemStatusParams{ID: id, Status: "archived", UpdatedAt: a.nowMs()}); err != nil {
			return err
		}
		if err := a.record(ctx, tx, ac, change{Action: "kb.archive", ObjectType: "kb_item", ObjectID: id,
			ObjectName: it.Title, Before: map[string]string{"status": it.Status}, After: map[string]string{"status": "archived"}}); err != nil {
			return err
		}
		return a.kbChanged(ctx, tx, id)
	})
}

// kbVersionSaved keeps kb_items in step with every new version of an
// item's text (a save or a roll-back, which takes the files of the version
// it restores).
func kbVersionSaved(a *App, ctx context.Context, tx *store.Tx, m sqlq.Material, no, basedOn int64) error {
	v, err := tx.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: m.ID, No: no})
	if err != nil {
		return err
	}
	d := ParseKBDoc(v.Body)
	if err := tx.SetKBItemTitle(ctx, sqlq.SetKBItemTitleParams{ID: m.SubjectID, Title: v.Title, TitleEn: d.TitleEN,
		UpdatedAt: a.nowMs()}); err != nil {
		return err
	}
	if basedOn > 0 {
		if err := tx.CopyKBAttachments(ctx, sqlq.CopyKBAttachmentsParams{ItemID: m.SubjectID, FromNo: basedOn, ToNo: no}); err != nil {
			return err
		}
	}
	return a.kbChanged(ctx, tx, m.SubjectID)
}

// kbChanged is called in the transaction of every change of an item
// (create, edit, roll-back, visibility, review, archive): the one place to
// keep derived data such as a search index in step.
func (a *App) kbChanged(ctx context.Context, tx *store.Tx, itemID string) error {
	d, err := KBIndexText(ctx, tx.Queries, itemID)
	if err != nil {
		return err
	}
	if d.Unknown || d.Archived {
		return a.RemoveDoc(ctx, tx, search.KindKB, itemID)
	}
	return a.IndexDoc(ctx, tx, kbSearchDoc(d))
}
