package server_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
)

// TestLessonFileUpload: the editor's upload answers a trainer with the
// Markdown to insert, refuses a learner, and refuses a wrong type with a
// message in the page's language; the file is then served to a learner.
func TestLessonFileUpload(t *testing.T) {
	f := setup(t)
	post := func(role shopdojo.Role, lang, name string, data []byte) (int, map[string]any) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		part, err := mw.CreateFormFile("file", name)
		must(t, err)
		_, _ = part.Write(data)
		must(t, mw.Close())
		req := httptest.NewRequest("POST", "/curriculum/files", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: "sd_locale", Value: lang})
		req.AddCookie(&http.Cookie{Name: "sd_session", Value: f.login(t, f.people[role])})
		w := httptest.NewRecorder()
		f.srv.Handler.ServeHTTP(w, req)
		out := map[string]any{}
		_ = json.Unmarshal(w.Body.Bytes(), &out)
		return w.Code, out
	}
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
	code, out := post(shopdojo.RoleTrainer, "zh-CN", "漏斗图.png", png)
	id, _ := out["id"].(string)
	if code != http.StatusCreated || out["markdown"] != "![漏斗图](/files/"+id+")" || out["image"] != true {
		t.Fatalf("trainer upload: %d %v", code, out)
	}
	if code, _ := post(shopdojo.RoleLearner, "zh-CN", "x.png", png); code != http.StatusForbidden {
		t.Fatalf("learner upload: %d", code)
	}
	for lang, want := range map[string]string{"zh-CN": "只能上传图片", "en": "Only images"} {
		code, out := post(shopdojo.RoleTrainer, lang, "setup.exe", []byte("MZ\x90\x00"))
		if msg, _ := out["message"].(string); code != http.StatusBadRequest && code != http.StatusUnprocessableEntity || !strings.Contains(msg, want) {
			t.Errorf("%s wrong type: %d %v", lang, code, out)
		}
	}
	req := httptest.NewRequest("GET", "/files/"+id, nil)
	req.AddCookie(&http.Cookie{Name: "sd_session", Value: f.login(t, f.people[shopdojo.RoleLearner])})
	w := httptest.NewRecorder()
	f.srv.Handler.ServeHTTP(w, req)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("learner reads the image: %d %v", w.Code, w.Header())
	}
}
