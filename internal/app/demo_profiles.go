package app

import (
	"context"
	"embed"
	"fmt"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The demo company's position profiles: P01.md … P07.md by position code,
// and revisions P01.v2.md, P02.v2.md whose change notes are in CHANGES.md.
//
//go:embed demodata/profiles/*.md
var demoProfiles embed.FS

// demoRevisions says what happened to each revision: P01's second version
// is published (so its history has a diff), P02's waits for review.
var demoRevisions = map[string]shopdojo.VersionStatus{"P01": shopdojo.VersionPublished, "P02": shopdojo.VersionReview}

func (a *App) seedProfiles(ctx context.Context, tx *store.Tx, ids map[string]string) error {
	notes, err := demoChangeNotes()
	if err != nil {
		return err
	}
	trainer := Actor{PersonID: ids["SD9002"], Name: "邓超", Roles: []shopdojo.Role{shopdojo.RoleTrainer}}
	manager := Actor{PersonID: ids["SD9001"], Name: "许晴", Roles: []shopdojo.Role{shopdojo.RoleTrainingManager}}
	for i, pos := range demoPositions {
		code := fmt.Sprintf("P%02d", i+1)
		body, err := demoProfiles.ReadFile("demodata/profiles/" + code + ".md")
		if err != nil {
			return err
		}
		m := sqlq.Material{ID: newID(), Kind: KindPositionProfile, SubjectID: ids[pos[0]], Title: pos[0] + "岗位说明书"}
		if err := tx.InsertMaterial(ctx, sqlq.InsertMaterialParams{ID: m.ID, Kind: m.Kind, SubjectID: m.SubjectID,
			Title: m.Title, CreatedAt: a.nowMs()}); err != nil {
			return err
		}
		in := VersionInput{Title: m.Title, Body: string(body), Note: "初版：依据 2026 年岗位职责梳理会议纪要整理"}
		if err := a.seedVersion(ctx, tx, trainer, manager, m, in, 1, shopdojo.VersionPublished); err != nil {
			return err
		}
		if status, ok := demoRevisions[code]; ok {
			m.LatestNo, m.PublishedNo = 1, 1
			v2, err := demoProfiles.ReadFile("demodata/profiles/" + code + ".v2.md")
			if err != nil {
				return err
			}
			in := VersionInput{Title: m.Title, Body: string(v2), Note: notes[code+".v2.md"], Major: true}
			if err := a.seedVersion(ctx, tx, trainer, manager, m, in, 2, status); err != nil {
				return err
			}
		}
	}
	return nil
}

// seedVersion writes version no of m by author and moves it to status,
// with reviewer publishing it when status is published.
func (a *App) seedVersion(ctx context.Context, tx *store.Tx, author, reviewer Actor, m sqlq.Material,
	in VersionInput, no int64, status shopdojo.VersionStatus) error {
	k := materialKinds[m.Kind]
	in.Submit = true
	if err := a.insertVersion(ctx, tx, author, m, k, in, no, 0); err != nil {
		return err
	}
	if status != shopdojo.VersionPublished {
		return nil
	}
	if err := a.publish(ctx, tx, m, no); err != nil {
		return err
	}
	if err := tx.ReviewVersion(ctx, sqlq.ReviewVersionParams{MaterialID: m.ID, No: no, Status: string(status),
		ReviewerID: reviewer.PersonID, ReviewerName: reviewer.Name, ReviewedAt: a.nowMs(), ReviewNote: "内容准确，同意发布"}); err != nil {
		return err
	}
	return a.recordVersion(ctx, tx, reviewer, m, k, "material.publish", no, map[string]string{"status": string(status)})
}

func demoChangeNotes() (map[string]string, error) {
	data, err := demoProfiles.ReadFile("demodata/profiles/CHANGES.md")
	if err != nil {
		return nil, err
	}
	notes := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if file, note, ok := strings.Cut(line, ": "); ok {
			notes[strings.TrimSpace(file)] = strings.TrimSpace(note)
		}
	}
	return notes, nil
}
