package cli

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo/internal/mask"
)

// orderNotes generates about n bytes of 买家留言/卖家备注 text, one note per
// line: plain requests, and notes carrying mobiles, landlines, resident
// IDs, addresses, e-mail addresses and card numbers among order numbers,
// waybills and amounts that only look like them.
func orderNotes(seed uint64, n int64) ([]string, int64) {
	r := rand.New(rand.NewPCG(seed, 0x6e07e5))
	g := newOrderGen(seed, 1000)
	var out []string
	var size int64
	var b strings.Builder
	for size < n {
		b.Reset()
		for i, parts := 0, 1+r.IntN(3); i < parts; i++ {
			if i > 0 {
				b.WriteString([]string{"，", "。", "；", " "}[r.IntN(4)])
			}
			if r.IntN(4) == 0 {
				b.WriteString(notePlain[r.IntN(len(notePlain))])
				continue
			}
			b.WriteString(noteLead[r.IntN(len(noteLead))])
			b.WriteString(noteValue(r, g))
		}
		out = append(out, b.String())
		size += int64(b.Len())
	}
	return out, size
}

// noteValue is one value a note may carry, personal or a look-alike.
func noteValue(r *rand.Rand, g *orderGen) string {
	o := g.next()
	switch r.IntN(9) {
	case 0:
		return o.phone
	case 1:
		return o.phone[:3] + " " + o.phone[3:7] + " " + o.phone[7:]
	case 2:
		return fmt.Sprintf("0%d-%08d", 10+r.IntN(890), r.IntN(100000000))
	case 3:
		return residentID(r)
	case 4:
		return o.receiver + " " + o.addr
	case 5:
		return fmt.Sprintf("%s%d@%s", o.buyer[:min(len(o.buyer), 4)], r.IntN(100000), []string{"163.com", "qq.com", "126.com"}[r.IntN(3)])
	case 6:
		return fmt.Sprintf("62%017d", r.Int64N(1e17))
	case 7:
		return "SF" + fmt.Sprintf("%013d", r.Int64N(1e13)) // waybill
	}
	return o.id + "，实付" + yuan(o.paid) + "元"
}

// residentID is an 18-digit resident ID with a valid check digit, so the
// masker's checks pass and it is masked, as a real one would be.
func residentID(r *rand.Rand) string {
	body := fmt.Sprintf("%d%04d%04d%02d%02d%03d", []int{11, 31, 33, 44, 51}[r.IntN(5)], r.IntN(10000),
		1960+r.IntN(45), 1+r.IntN(12), 1+r.IntN(28), r.IntN(1000))
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return body + string("10X98765432"[sum%11])
}

// benchMasker runs mask.Masker.Text over the notes on this goroutine,
// then the bare limit: validate and copy the same bytes.
func (e *env) benchMasker(res *importResult) error {
	m, err := mask.New(benchMaskKey, mask.Options{})
	if err != nil {
		return err
	}
	notes, n := orderNotes(res.opts.seed, res.opts.noteBytes<<20)
	e.say("import", "masker: %.1f MB of order notes on one goroutine …", float64(n)/1e6)
	changed := 0
	t := time.Now()
	for _, s := range notes {
		if out, _ := m.Text(s); out != s {
			changed++
		}
	}
	res.mask = rateResult{n: n, took: time.Since(t)}
	if changed == 0 {
		return fmt.Errorf("masker changed none of %d notes: the generated text holds no personal data it finds", len(notes))
	}
	res.maskBare = rateResult{n: n, took: bareCopy(notes)}
	return nil
}

// bareCopy is the least a masker does: read every byte and write a copy.
// One pass is milliseconds, so it repeats for at least 200 ms and returns
// the time of one pass.
func bareCopy(notes []string) time.Duration {
	var sb strings.Builder
	t := time.Now()
	passes := 0
	for ; passes < 3 || time.Since(t) < 200*time.Millisecond; passes++ {
		for _, s := range notes {
			if utf8.ValidString(s) {
				sb.Reset()
				sb.WriteString(s)
			}
		}
	}
	return time.Since(t) / time.Duration(passes)
}
