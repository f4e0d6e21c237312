// Package smtpsink is a small SMTP server (RFC 5321: EHLO/HELO, MAIL,
// RCPT, DATA, RSET, NOOP, QUIT) on loopback that keeps what it receives
// and can refuse a share of deliveries with a temporary error, for tests
// and for `shopdojo bench delivery` (10,000 reminders through a sink that
// fails 1 % of them must all arrive once). It never relays anything.
package smtpsink

import (
	"bufio"
	"fmt"
	"net"
	"net/mail"
	"strings"
	"sync"
	"time"
)

// Message is one accepted delivery.
type Message struct {
	From string
	To   []string
	Data []byte // the message as sent, dot-unstuffed, CRLF line ends
}

// Header is the message's parsed header (nil if it does not parse).
func (m Message) Header() mail.Header {
	msg, err := mail.ReadMessage(strings.NewReader(string(m.Data)))
	if err != nil {
		return nil
	}
	return msg.Header
}

// Sink is a running server.
type Sink struct {
	ln        net.Listener
	failEvery int

	mu       sync.Mutex
	messages []Message
	datas    int // DATA commands seen, accepted or not
	refused  int
	wg       sync.WaitGroup
}

// Start listens on 127.0.0.1 at a free port. If failEvery is positive,
// every failEvery-th message is refused with 451, a temporary failure the
// sender should retry: 100 fails 1 %.
func Start(failEvery int) (*Sink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("smtp sink: %w", err)
	}
	s := &Sink{ln: ln, failEvery: failEvery}
	s.wg.Go(s.accept)
	return s, nil
}

// Addr is host:port.
func (s *Sink) Addr() string { return s.ln.Addr().String() }

// Close stops the server and waits for its connections.
func (s *Sink) Close() error {
	err := s.ln.Close()
	s.wg.Wait()
	return err
}

// Messages returns a copy of what was accepted so far.
func (s *Sink) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Refused is how many deliveries were refused.
func (s *Sink) Refused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused
}

func (s *Sink) accept() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Go(func() { s.session(c) })
	}
}

// session speaks SMTP on one connection.
func (s *Sink) session(c net.Conn) {
	defer c.Close()
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	reply := func(line string) bool {
		_ = c.SetWriteDeadline(time.Now().Add(10 * time.Second))
		_, err := w.WriteString(line + "\r\n")
		return err == nil && w.Flush() == nil
	}
	if !reply("220 shopdojo-sink ESMTP ready") {
		return
	}
	var cur Message
	for {
		_ = c.SetReadDeadline(time.Now().Add(time.Minute))
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd, arg := verb(line)
		if cmd == "DATA" && len(cur.To) > 0 {
			if !reply("354 end data with <CR><LF>.<CR><LF>") {
				return
			}
			out, err := s.data(&cur, r)
			if err != nil || !reply(out) {
				return
			}
			continue
		}
		out, quit := command(cmd, arg, &cur)
		if !reply(out) || quit {
			return
		}
	}
}

func verb(line string) (string, string) {
	line = strings.TrimRight(line, "\r\n")
	cmd, arg, _ := strings.Cut(line, " ")
	return strings.ToUpper(cmd), arg
}

// command runs one command other than DATA and returns the reply.
func command(cmd, arg string, cur *Message) (string, bool) {
	switch cmd {
	case "EHLO":
		return "250-shopdojo-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 26214400", false
	case "HELO":
		return "250 shopdojo-sink", false
	case "MAIL":
		*cur = Message{From: address(arg)}
		return "250 2.1.0 OK", false
	case "RCPT":
		if cur.From == "" {
			return "503 5.5.1 MAIL first", false
		}
		cur.To = append(cur.To, address(arg))
		return "250 2.1.5 OK", false
	case "DATA":
		return "503 5.5.1 RCPT first", false
	case "RSET":
		*cur = Message{}
		return "250 2.0.0 OK", false
	case "NOOP":
		return "250 2.0.0 OK", false
	case "QUIT":
		return "221 2.0.0 bye", true
	}
	return "502 5.5.2 command not implemented", false
}

// data reads the message up to the lone dot, then accepts or refuses it.
func (s *Sink) data(cur *Message, r *bufio.Reader) (string, error) {
	var body []byte
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return "", err
		}
		if line == ".\r\n" || line == ".\n" {
			break
		}
		body = append(body, strings.TrimPrefix(line, ".")...) // dot-unstuffing
		if len(body) > 26214400 {
			return "552 5.3.4 message too big", nil
		}
	}
	msg := *cur
	msg.Data = body
	*cur = Message{}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.datas++
	if s.failEvery > 0 && s.datas%s.failEvery == 0 {
		s.refused++
		return "451 4.3.0 try again later", nil
	}
	s.messages = append(s.messages, msg)
	return "250 2.0.0 queued", nil
}

func address(arg string) string {
	if i := strings.Index(arg, "<"); i >= 0 {
		if j := strings.Index(arg[i:], ">"); j >= 0 {
			return arg[i+1 : i+j]
		}
	}
	return strings.TrimSpace(arg)
}
