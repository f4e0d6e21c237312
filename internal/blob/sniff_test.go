package blob

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// ftyp builds the start of an ISO base media file with the given brands.
func ftyp(major string, compatible ...string) []byte {
	body := major + "\x00\x00\x02\x00" + strings.Join(compatible, "")
	size := 8 + len(body)
	return append([]byte{0, 0, 0, byte(size)}, []byte("ftyp"+body)...)
}

func zipWith(t *testing.T, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("<xml/>"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head []byte
		want string
	}{
		{"empty", nil, "text/plain; charset=utf-8"},
		{"chinese text", []byte("客服话术：您好，请问有什么可以帮您？"), "text/plain; charset=utf-8"},
		{"html", []byte("<!DOCTYPE html><html>"), "text/html; charset=utf-8"},
		{"pdf", []byte("%PDF-1.7\n"), "application/pdf"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "image/png"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), "image/jpeg"},
		{"mp4 found by stdlib", ftyp("isom", "isom", "mp41"), "video/mp4"},
		{"mp4 major brand only", ftyp("isom", "iso2", "avc1"), "video/mp4"},
		{"quicktime", ftyp("qt  ", "qt  "), "video/mp4"},
		{"phone m4v", ftyp("M4V ", "M4V ", "M4A "), "video/mp4"},
		{"heic image is not video", ftyp("heic", "mif1", "heic"), "application/octet-stream"},
		{"ftyp too short", []byte("\x00\x00\x00\x08ftyp"), "application/octet-stream"},
		{"docx stays zip", zipWith(t, "word/document.xml"), "application/zip"},
		{"xlsx stays zip", zipWith(t, "xl/workbook.xml"), "application/zip"},
		{"random binary", randomBytes(1024, 7), "application/octet-stream"},
		{"only first 512 bytes count", append(bytes.Repeat([]byte{0}, 512), "%PDF-"...), "application/octet-stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff(tt.head); got != tt.want {
				t.Errorf("sniff = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValidKey(t *testing.T) {
	tests := map[string]bool{
		keyOf(nil):                     true,
		strings.Repeat("0", 64):        true,
		strings.Repeat("f", 64):        true,
		strings.Repeat("F", 64):        false,
		strings.Repeat("0", 63):        false,
		strings.Repeat("0", 65):        false,
		strings.Repeat("0", 62) + "/.": false,
		"":                             false,
	}
	for key, want := range tests {
		if got := ValidKey(key); got != want {
			t.Errorf("ValidKey(%q) = %v, want %v", key, got, want)
		}
	}
}
