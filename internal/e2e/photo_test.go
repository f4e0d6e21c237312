package e2e

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestLearnerUploadsPhoto follows a learner who first picks the wrong file
// (a PDF) and is told so in English, then uploads a portrait that shows up
// in the top bar.
func TestLearnerUploadsPhoto(t *testing.T) {
	s := start(t)
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for x := 0; x < 64; x++ {
		for y := 0; y < 64; y++ {
			img.Set(x, y, color.RGBA{R: uint8(60 + x), G: 110, B: uint8(200 - y), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	photo, pdf := filepath.Join(dir, "头像.png"), filepath.Join(dir, "简历.pdf")
	must(t, os.WriteFile(photo, buf.Bytes(), 0o600))
	must(t, os.WriteFile(pdf, []byte("%PDF-1.7\n1 0 obj\n"), 0o600))

	ctx := browser(t, 1280, 900, false)
	signIn(t, ctx, s, "SD1003", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css(".user-name")), chromedp.Navigate(s.url+"/account"),
		toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)),
		chromedp.SetUploadFiles(css("#photo"), []string{pdf}), chromedp.WaitVisible(css(".alert-error")))
	s.shot(t, ctx, "photo-01-wrong-type-en")
	if got := text(t, ctx, ".alert-error"); !strings.Contains(got, "not accepted") {
		t.Fatalf("wrong type: %q", got)
	}
	do(t, ctx, chromedp.SetUploadFiles(css("#photo"), []string{photo}), chromedp.WaitVisible(css(".topbar img.avatar")))
	s.shot(t, ctx, "photo-02-saved-en")
	// The portrait really loads from the file store (not a broken image).
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const i = document.querySelector('.topbar img.avatar'); return !!i && i.complete && i.naturalWidth === 64 })()`)); err != nil {
		t.Fatalf("portrait did not load: %v", err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
