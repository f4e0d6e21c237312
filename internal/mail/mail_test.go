package mail

import (
	"context"
	"fmt"
	"mime"
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo/internal/mail/smtpsink"
)

func sender(t *testing.T, addr string) *Sender {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	s, err := New(Config{Host: host, Port: p, From: "training@shopdojo.example", FromName: "运营道场", TLS: "none"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func reminder(i int) Message {
	return Message{Key: fmt.Sprintf("rem-%d", i), ToName: "李娜", To: fmt.Sprintf("lina%d@example.com", i),
		Subject: "培训提醒：今晚 19:00 每周练习（退款话术）",
		Text:    "你好，李娜：\n今晚 19:00 有每周练习，请准时参加。\n", HTML: "<p>你好，李娜：今晚 19:00 有每周练习。</p>"}
}

func TestSendThroughSink(t *testing.T) {
	sink, err := smtpsink.Start(3) // every third message is refused for now
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	msgs := []Message{reminder(1), reminder(2), reminder(3), reminder(4), {Key: "bad", To: "not an address", Subject: "x"}}
	res := sender(t, sink.Addr()).Send(context.Background(), msgs)
	for i, want := range []string{"ok", "ok", "temporary", "ok", "permanent"} {
		got := "ok"
		if res[i].Err != nil {
			got = map[bool]string{true: "temporary", false: "permanent"}[res[i].Temporary]
		}
		if got != want {
			t.Errorf("message %d: %s (%v), want %s", i+1, got, res[i].Err, want)
		}
	}
	got := sink.Messages()
	if len(got) != 3 || sink.Refused() != 1 {
		t.Fatalf("sink kept %d, refused %d", len(got), sink.Refused())
	}
	h := got[0].Header()
	subj, err := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if err != nil || subj != msgs[0].Subject {
		t.Errorf("subject %q (%v)", subj, err)
	}
	if id := h.Get("Message-Id"); id != "<rem-1@shopdojo.example>" {
		t.Errorf("Message-ID %q", id)
	}
	if got[0].To[0] != "lina1@example.com" || got[0].From != "training@shopdojo.example" {
		t.Errorf("envelope %s → %v", got[0].From, got[0].To)
	}
	if !strings.Contains(string(got[0].Data), "multipart/alternative") {
		t.Error("no HTML alternative")
	}
	// The retry of the refused one arrives with the same Message-ID.
	res = sender(t, sink.Addr()).Send(context.Background(), msgs[2:3])
	if res[0].Err != nil || sink.Messages()[3].Header().Get("Message-Id") != "<rem-3@shopdojo.example>" {
		t.Fatalf("retry: %v", res[0].Err)
	}
}

func TestNoRelay(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	res := sender(t, addr).Send(context.Background(), []Message{reminder(1), reminder(2)})
	for i, r := range res {
		if r.Err == nil || !r.Temporary {
			t.Errorf("message %d with no relay: %v temporary %v", i, r.Err, r.Temporary)
		}
	}
}

func TestConfigAndIDs(t *testing.T) {
	for _, c := range []Config{{Port: 25, From: "a@b"}, {Host: "h", Port: 0, From: "a@b"}, {Host: "h", Port: 25}, {Host: "h", Port: 25, From: "a@b", TLS: "sometimes"}} {
		if _, err := New(c); err == nil {
			t.Errorf("accepted %+v", c)
		}
	}
	if id := MessageID("提醒/42 x", "a@shopdojo.example"); id != "=63d0=9192=2f42=20x@shopdojo.example" {
		t.Errorf("MessageID %s", id)
	}
}
