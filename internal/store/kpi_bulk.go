package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// UpsertKPIOrders writes order lines as UpsertKPIOrder does, many rows per
// statement: a store import writes a million lines, and one statement
// per line spends more on the call into SQLite than on the row. The same
// key twice keeps the later line, as a statement per line would (and as
// PostgreSQL's ON CONFLICT requires: a statement may not update a row
// twice).
func (tx *Tx) UpsertKPIOrders(ctx context.Context, rows []sqlq.UpsertKPIOrderParams) error {
	rows = lastPerKey(rows)
	var full *sql.Stmt
	if len(rows) >= ordersPerStatement {
		st, err := tx.tx.PrepareContext(ctx, upsertOrdersSQL(tx.Dialect(), ordersPerStatement))
		if err != nil {
			return fmt.Errorf("prepare order upsert: %w", err)
		}
		defer st.Close()
		full = st
	}
	args := make([]any, 0, ordersPerStatement*orderColumns)
	for len(rows) > 0 {
		n := min(len(rows), ordersPerStatement)
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r.StoreID, r.OrderID, r.LineID, r.Buyer, r.CreatedAt, r.PaidAt, r.Status, r.AmountTotal,
				r.AmountPaid, r.RefundAmount, r.RefundStatus, r.ProductID, r.ProductName, r.Sku, r.Units, r.UnitPrice,
				r.Region, r.Channel, r.ImportID)
		}
		var err error
		if n == ordersPerStatement {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.tx.ExecContext(ctx, upsertOrdersSQL(tx.Dialect(), n), args...)
		}
		if err != nil {
			return fmt.Errorf("upsert %d order lines: %w", n, err)
		}
		rows = rows[n:]
	}
	return nil
}

// lastPerKey drops every line whose key comes again later in rows.
func lastPerKey(rows []sqlq.UpsertKPIOrderParams) []sqlq.UpsertKPIOrderParams {
	type key struct{ store, order, line string }
	last := make(map[key]int, len(rows))
	for i, r := range rows {
		last[key{r.StoreID, r.OrderID, r.LineID}] = i
	}
	if len(last) == len(rows) {
		return rows
	}
	out := make([]sqlq.UpsertKPIOrderParams, 0, len(last))
	for i, r := range rows {
		if last[key{r.StoreID, r.OrderID, r.LineID}] == i {
			out = append(out, r)
		}
	}
	return out
}

const (
	orderColumns = 19
	// ordersPerStatement keeps a statement's parameters (19 a row) well
	// under both SQLite's and PostgreSQL's limits.
	ordersPerStatement = 200
)

// upsertOrdersSQL is the statement for n rows (built per use: a few
// microseconds against a statement that writes 200 rows). SQLite gets
// anonymous ? parameters: it binds $N ones by name, which costs a search
// per parameter in a statement of thousands.
func upsertOrdersSQL(d Dialect, n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO kpi_orders (store_id, order_id, line_id, buyer, created_at, paid_at, status, amount_total,
    amount_paid, refund_amount, refund_status, product_id, product_name, sku, units, unit_price, region, channel, import_id) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range orderColumns {
			if c > 0 {
				b.WriteByte(',')
			}
			if d == SQLite {
				b.WriteByte('?')
			} else {
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(i*orderColumns + c + 1))
			}
		}
		b.WriteByte(')')
	}
	b.WriteString(` ON CONFLICT (store_id, order_id, line_id) DO UPDATE SET buyer = excluded.buyer,
    created_at = excluded.created_at, paid_at = excluded.paid_at, status = excluded.status,
    amount_total = excluded.amount_total, amount_paid = excluded.amount_paid, refund_amount = excluded.refund_amount,
    refund_status = excluded.refund_status, product_id = excluded.product_id, product_name = excluded.product_name,
    sku = excluded.sku, units = excluded.units, unit_price = excluded.unit_price, region = excluded.region,
    channel = excluded.channel, import_id = excluded.import_id`)
	return b.String()
}
