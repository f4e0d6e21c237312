package cli

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// genHeader is a 千牛/天猫 order report's columns as the tmall_orders
// preset knows them, with the receiver's name and mobile a real report
// carries (the masking plan must recognise and drop them).
var genHeader = []string{"订单编号", "买家会员名", "收货人姓名", "联系手机", "收货地址", "总金额", "买家实际支付金额",
	"订单状态", "订单创建时间", "订单付款时间", "退款金额", "宝贝标题", "宝贝总数量"}

// genOrder is one generated order (one line: the report's grain is the order).
type genOrder struct {
	id, buyer, receiver, phone, addr string
	total, paid, refund              int64 // fen
	status, title                    string
	created, paidAt                  time.Time // paidAt zero: unpaid
	units                            int64
}

// orderGen makes a deterministic stream of orders: the same seed and
// size give the same orders, so the raw insert, the CSV and the XLSX hold
// the same rows.
type orderGen struct {
	seed   uint64
	rng    *rand.Rand
	buyers int
	start  time.Time
	n      int
}

// genDays is the span of the generated orders.
const genDays = 90

func newOrderGen(seed uint64, rows int) *orderGen {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, shanghaiZone())
	return &orderGen{seed: seed, rng: rand.New(rand.NewPCG(seed, 0x0bde75)), buyers: max(rows/3, 1), start: start}
}

func shanghaiZone() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// next is the next order. About 86 % are paid; of those about 7 % are
// refunded in full (交易关闭 after payment) and 2 % in part. A buyer is
// drawn from a pool of a third of the rows, three in ten from its first
// tenth (regulars), so a million orders have about 300k buyers, and keeps
// their name, mobile and address.
func (g *orderGen) next() genOrder {
	r := g.rng
	g.n++
	b := r.IntN(g.buyers)
	if r.IntN(10) < 3 {
		b = r.IntN(max(g.buyers/10, 1)) // the store's regulars
	}
	o := genOrder{id: fmt.Sprintf("%d%015d", 3100+g.seed%900, 100000000000000+int64(g.n)*7919)}
	g.buyerOf(b, &o)
	p := catalog[r.IntN(len(catalog))]
	o.title, o.units = p.title, 1+int64(r.IntN(3))*int64(r.IntN(2))
	o.total = p.price * o.units
	o.created = g.start.Add(time.Duration(r.Int64N(genDays*86400)) * time.Second)
	g.outcome(&o)
	return o
}

// outcome sets status, payment and refund.
func (g *orderGen) outcome(o *genOrder) {
	r := g.rng
	switch x := r.IntN(1000); {
	case x < 40:
		o.status = "等待买家付款"
	case x < 140:
		o.status = "交易关闭"
	default:
		o.paidAt = o.created.Add(time.Duration(5+r.IntN(1800)) * time.Second)
		o.paid = o.total - o.total*int64(r.IntN(11))/100
		o.status = paidStatuses[r.IntN(len(paidStatuses))]
		switch y := r.IntN(100); {
		case y < 7:
			o.refund, o.status = o.paid, "交易关闭"
		case y < 9:
			o.refund = o.paid / 3
		}
	}
}

var paidStatuses = []string{"交易成功", "交易成功", "交易成功", "交易成功", "卖家已发货，等待买家确认", "买家已付款，等待卖家发货"}

// buyerOf fills buyer b's identity, the same on every order of theirs.
func (g *orderGen) buyerOf(b int, o *genOrder) {
	r := rand.New(rand.NewPCG(g.seed, uint64(b)))
	o.buyer = nickWords[r.IntN(len(nickWords))] + strconv.Itoa(b)
	o.receiver = surnames[r.IntN(len(surnames))] + givenNames[r.IntN(len(givenNames))]
	o.phone = fmt.Sprintf("1%d%d%08d", 3+r.IntN(7), r.IntN(10), r.IntN(100000000))
	pl := places[r.IntN(len(places))]
	city := pl.cities[r.IntN(len(pl.cities))]
	d := city.districts[r.IntN(len(city.districts))]
	sep := []string{"", " "}[r.IntN(2)]
	o.addr = strings.Join([]string{pl.province, city.name, d, fmt.Sprintf("%s%d号", streets[r.IntN(len(streets))], 1+r.IntN(999))}, sep)
	if r.IntN(2) == 0 {
		o.addr += fmt.Sprintf("%s%d幢%d室", sep, 1+r.IntN(30), 101+r.IntN(2800))
	}
}

func yuan(fen int64) string { return fmt.Sprintf("%d.%02d", fen/100, fen%100) }

const genTime = "2006-01-02 15:04:05"

// cells is the order as the report's text cells.
func (o genOrder) cells() []string {
	paid := ""
	if !o.paidAt.IsZero() {
		paid = o.paidAt.Format(genTime)
	}
	return []string{o.id, o.buyer, o.receiver, o.phone, o.addr, yuan(o.total), yuan(o.paid), o.status,
		o.created.Format(genTime), paid, yuan(o.refund), o.title, strconv.FormatInt(o.units, 10)}
}

// writeOrdersCSV writes rows orders to path and returns the file's size.
func writeOrdersCSV(path string, seed uint64, rows int) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("create %s: %w", path, err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(bw)
	if err := w.Write(genHeader); err != nil {
		return 0, err
	}
	g := newOrderGen(seed, rows)
	for range rows {
		if err := w.Write(g.next().cells()); err != nil {
			return 0, fmt.Errorf("write %s: %w", path, err)
		}
	}
	if w.Flush(); w.Error() != nil {
		return 0, fmt.Errorf("write %s: %w", path, w.Error())
	}
	if err := bw.Flush(); err != nil {
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), f.Close()
}

// writeOrdersXLSX writes the same orders as a workbook through excelize's
// StreamWriter, amounts and quantities as numbers as the platform's
// download has them.
func writeOrdersXLSX(path string, seed uint64, rows int) (int64, error) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return 0, fmt.Errorf("xlsx stream: %w", err)
	}
	row := make([]any, len(genHeader))
	for i, h := range genHeader {
		row[i] = h
	}
	if err := sw.SetRow("A1", row); err != nil {
		return 0, err
	}
	g := newOrderGen(seed, rows)
	for i := range rows {
		o := g.next()
		for j, v := range o.cells() {
			row[j] = v
		}
		row[5], row[6], row[10], row[12] = float64(o.total)/100, float64(o.paid)/100, float64(o.refund)/100, o.units
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return 0, fmt.Errorf("xlsx row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return 0, err
	}
	if err := f.SaveAs(path); err != nil {
		return 0, fmt.Errorf("save %s: %w", path, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}
