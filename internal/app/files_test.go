package app_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// pngHeader is enough of a PNG for content sniffing.
var pngHeader = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")

func TestFilePoliciesAndPhotos(t *testing.T) {
	e := newEnv(t)
	meID, me := e.person("P1", "李娜", "", shopdojo.RoleLearner)
	otherID, other := e.person("P2", "刘洋", "", shopdojo.RoleLearner)
	_, mgr := e.person("M1", "许晴", "", shopdojo.RoleTrainingManager)

	// The type comes from the content, not the name: HTML called .png is refused.
	err := e.app.SetPersonPhoto(e.ctx, me, meID, "me.png", strings.NewReader("<html><script>alert(1)</script>"))
	if kind(err) != shopdojo.KindInvalid {
		t.Fatalf("HTML as photo: %v", err)
	}
	big := io.MultiReader(bytes.NewReader(pngHeader), bytes.NewReader(make([]byte, 5<<20)))
	if err := e.app.SetPersonPhoto(e.ctx, me, meID, "big.png", big); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("6 MB photo: %v", err)
	}
	// A learner may change only their own photo.
	if err := e.app.SetPersonPhoto(e.ctx, me, otherID, "x.png", bytes.NewReader(pngHeader)); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("photo of someone else: %v", err)
	}
	e.must(e.app.SetPersonPhoto(e.ctx, me, meID, "C:\\Users\\李娜\\头像.png", bytes.NewReader(pngHeader)))
	p, err := e.app.Person(e.ctx, me, meID)
	e.must(err)
	f, obj, err := e.app.OpenFile(e.ctx, other, p.PhotoID)
	e.must(err)
	got, _ := io.ReadAll(obj)
	obj.Close()
	if !bytes.Equal(got, pngHeader) || f.Name != "头像.png" || f.ContentType != "image/png" {
		t.Fatalf("photo %+v (%d bytes)", f, len(got))
	}

	// A kept roster is readable only by its uploader, a people manager.
	roster, err := e.app.UploadFile(e.ctx, mgr, app.PurposeRoster, "花名册.csv", strings.NewReader("工号,姓名\nSD1,张三\n"))
	e.must(err)
	if roster.ContentType != "text/csv" {
		t.Fatalf("roster type %q", roster.ContentType)
	}
	if _, _, err := e.app.OpenFile(e.ctx, other, roster.ID); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("learner opened a roster: %v", err)
	}
	_, obj, err = e.app.OpenFile(e.ctx, mgr, roster.ID)
	e.must(err)
	obj.Close()
	if _, err := e.app.UploadFile(e.ctx, mgr, app.PurposeRoster, "a.exe", bytes.NewReader([]byte("MZ\x90\x00"))); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("exe as roster: %v", err)
	}
	e.must(e.app.RemovePersonPhoto(e.ctx, mgr, meID))
	evs, _, err := e.app.ListAudit(e.ctx, e.sys, app.AuditFilter{ObjectType: "person"})
	e.must(err)
	if evs[0].Action != "person.photo_remove" || evs[1].Action != "person.photo_set" {
		t.Fatalf("audit %s %s", evs[0].Action, evs[1].Action)
	}
}
