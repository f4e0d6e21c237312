package blob

import (
	"bytes"
	"net/http"
)

// sniffLen is how much http.DetectContentType ever looks at.
const sniffLen = 512

// Sniff returns the MIME type of content from its first bytes. It is
// http.DetectContentType plus MP4-family "ftyp" boxes the standard library
// misses (QuickTime and brands without "mp4" in their list), since training
// videos recorded on phones are common uploads. OOXML files stay
// "application/zip": only the file name, which the app has, tells a .docx
// from a .xlsx.
func Sniff(head []byte) string {
	head = head[:min(len(head), sniffLen)]
	t := http.DetectContentType(head)
	if t == "application/octet-stream" && isVideoFtyp(head) {
		return "video/mp4"
	}
	return t
}

// isVideoFtyp checks the major brand of an ISO base media "ftyp" box
// against video brands only, because HEIC and AVIF images use the same box.
func isVideoFtyp(head []byte) bool {
	if len(head) < 12 || !bytes.Equal(head[4:8], []byte("ftyp")) {
		return false
	}
	switch string(head[8:12]) {
	case "qt  ", "isom", "iso2", "iso4", "iso5", "iso6",
		"mp41", "mp42", "avc1", "M4V ", "M4VP", "3gp4", "3gp5", "3gp6":
		return true
	}
	return false
}
