package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The versioning service keeps every edit of any training material as a
// numbered version and runs the draft → review → published workflow. Each
// capability registers a material kind saying who may read, write and
// review it; the rest is shared.

// KindPositionProfile is a position's profile (岗位说明书): duties, KPIs,
// competencies and the growth path that course maps build on.
const KindPositionProfile = "position_profile"

// materialKind is the permission rule set of one kind of material.
type materialKind struct {
	read, edit, review shopdojo.Permission
	// subject checks that the object a material describes exists and
	// returns its name, for audit events.
	subject func(ctx context.Context, q *store.Queries, id string) (string, error)
	// access, when set, adds object-level rules to the permissions (who may
	// see or change this particular material); it reports not-found for
	// materials the actor may not see.
	access func(ctx context.Context, q *store.Queries, ac Actor, m sqlq.Material, write bool) error
	// autoPublish publishes every saved version at once: questions skip the
	// review step, and attempts pin the version they drew.
	autoPublish bool
	// onSaved, when set, runs after every new version (a save or a
	// roll-back, basedOn > 0) in the same transaction, for kinds that keep
	// their own tables in step with the text.
	onSaved func(a *App, ctx context.Context, tx *store.Tx, m sqlq.Material, no, basedOn int64) error
}

var materialKinds = map[string]materialKind{
	KindQuestion:   questionKind(),
	KindCurriculum: curriculumKind(),
	KindKnowledge:  knowledgeKind(),
	KindPositionProfile: {read: shopdojo.PermOrgRead, edit: shopdojo.PermContentEdit, review: shopdojo.PermContentReview,
		subject: func(ctx context.Context, q *store.Queries, id string) (string, error) {
			p, err := q.GetPosition(ctx, id)
			return p.Name, err
		}},
}

// Limits of one version.
const (
	maxTitle = 200
	maxBody  = 200_000
	maxNote  = 500
)

func toMaterial(m sqlq.Material) shopdojo.Material {
	return shopdojo.Material{ID: m.ID, Kind: m.Kind, SubjectID: m.SubjectID, Title: m.Title,
		LatestNo: m.LatestNo, PublishedNo: m.PublishedNo, UpdatedAt: fromMs(m.UpdatedAt)}
}

func toVersion(v sqlq.MaterialVersion) shopdojo.Version {
	return shopdojo.Version{MaterialID: v.MaterialID, No: v.No, Title: v.Title, Body: v.Body, Note: v.Note,
		Major: v.Major, Status: shopdojo.VersionStatus(v.Status), AuthorID: v.AuthorID, AuthorName: v.AuthorName,
		CreatedAt: fromMs(v.CreatedAt), ReviewerID: v.ReviewerID, ReviewerName: v.ReviewerName,
		ReviewedAt: fromMs(v.ReviewedAt), ReviewNote: v.ReviewNote, BasedOn: v.BasedOn}
}

func kindOf(kind string) (materialKind, error) {
	k, ok := materialKinds[kind]
	if !ok {
		return k, shopdojo.ErrNotFound
	}
	return k, nil
}

// loadMaterial reads a material the actor may at least read.
func (a *App) loadMaterial(ctx context.Context, q *store.Queries, ac Actor, id string) (sqlq.Material, materialKind, error) {
	m, err := q.GetMaterial(ctx, id)
	if err != nil {
		return m, materialKind{}, err
	}
	k, err := kindOf(m.Kind)
	if err != nil {
		return m, k, err
	}
	if err := ac.require(k.read); err != nil {
		return m, k, err
	}
	if k.access != nil {
		return m, k, k.access(ctx, q, ac, m, false)
	}
	return m, k, nil
}

// MaterialView is a material with the version the actor gets to see: the
// published one for readers; editors may ask for any.
type MaterialView struct {
	Material shopdojo.Material
	Version  shopdojo.Version // zero when there is nothing to show
	CanEdit  bool
	InReview int64 // number of a version waiting for review, or 0
}

// MaterialFor returns the material of kind about subjectID, if one exists
// (ok false otherwise); the actor must be allowed to read the kind.
func (a *App) MaterialFor(ctx context.Context, ac Actor, kind, subjectID string) (v MaterialView, ok bool, err error) {
	k, err := kindOf(kind)
	if err != nil {
		return v, false, err
	}
	if err := ac.require(k.read); err != nil {
		return v, false, err
	}
	var m sqlq.Material
	err = a.store.Read(ctx, func(q *store.Queries) (err error) {
		m, err = q.FindMaterialBySubject(ctx, sqlq.FindMaterialBySubjectParams{Kind: kind, SubjectID: subjectID})
		return err
	})
	if shopdojo.KindOf(err) == shopdojo.KindNotFound {
		return MaterialView{CanEdit: ac.Can(k.edit)}, false, nil
	}
	if err != nil {
		return v, false, err
	}
	v, err = a.MaterialVersion(ctx, ac, m.ID, 0)
	return v, true, err
}

// MaterialVersion returns a material and its version no (0 = the one the
// actor sees by default: published, or for editors the latest).
func (a *App) MaterialVersion(ctx context.Context, ac Actor, id string, no int64) (MaterialView, error) {
	var v MaterialView
	err := a.store.Read(ctx, func(q *store.Queries) error {
		m, k, err := a.loadMaterial(ctx, q, ac, id)
		if err != nil {
			return err
		}
		v.Material, v.CanEdit = toMaterial(m), ac.Can(k.edit)
		if no == 0 {
			no = m.PublishedNo
		}
		if no == 0 && v.CanEdit {
			no = m.LatestNo
		}
		if no == 0 {
			return nil
		}
		if no != m.PublishedNo && !v.CanEdit {
			return shopdojo.ErrNotFound
		}
		ver, err := q.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: id, No: no})
		v.Version = toVersion(ver)
		return err
	})
	if err == nil && v.CanEdit {
		v.InReview, err = a.inReview(ctx, id)
	}
	return v, err
}

func (a *App) inReview(ctx context.Context, id string) (int64, error) {
	var vs []sqlq.ListVersionsRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { vs, err = q.ListVersions(ctx, id); return })
	for _, x := range vs {
		if x.Status == string(shopdojo.VersionReview) {
			return x.No, err
		}
	}
	return 0, err
}

// Versions lists every version of a material, newest first (editors only).
func (a *App) Versions(ctx context.Context, ac Actor, id string) ([]shopdojo.Version, error) {
	var out []shopdojo.Version
	err := a.store.Read(ctx, func(q *store.Queries) error {
		_, k, err := a.loadMaterial(ctx, q, ac, id)
		if err != nil {
			return err
		}
		if err := ac.require(k.edit); err != nil {
			return err
		}
		rows, err := q.ListVersions(ctx, id)
		for _, r := range rows {
			out = append(out, toVersion(sqlq.MaterialVersion{MaterialID: r.MaterialID, No: r.No, Title: r.Title,
				Note: r.Note, Major: r.Major, Status: r.Status, AuthorID: r.AuthorID, AuthorName: r.AuthorName,
				CreatedAt: r.CreatedAt, ReviewerID: r.ReviewerID, ReviewerName: r.ReviewerName,
				ReviewedAt: r.ReviewedAt, ReviewNote: r.ReviewNote, BasedOn: r.BasedOn}))
		}
		return err
	})
	return out, err
}

func checkVersionText(title, body, note string, first bool) error {
	var v shopdojo.Validation
	validName(&v, "title", title, maxTitle)
	v.Check(utf8.RuneCountInString(body) <= maxBody, "body", "error.too_long")
	v.Check(strings.TrimSpace(body) != "", "body", "error.required")
	v.Check(first || strings.TrimSpace(note) != "", "note", "error.note_required")
	v.Check(utf8.RuneCountInString(note) <= maxNote, "note", "error.too_long")
	return v.Err()
}
