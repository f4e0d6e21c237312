package store_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
	"github.com/shopdojo/shopdojo/internal/store/storetest"
)

// TestUpsertKPIOrders: many lines in one call (more than a statement
// holds) are all written; a key that comes twice keeps its later line,
// and writing again updates instead of adding.
func TestUpsertKPIOrders(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	if err := s.Exec(ctx, `INSERT INTO stores (id, platform, name, created_at, updated_at) VALUES ('s1', 'tmall', '店', 1, 1)`); err != nil {
		t.Fatal(err)
	}
	var rows []sqlq.UpsertKPIOrderParams
	for i := range 450 {
		rows = append(rows, sqlq.UpsertKPIOrderParams{StoreID: "s1", OrderID: "O" + strconv.Itoa(i), LineID: "1",
			Buyer: "b", PaidAt: int64(i), Status: "交易成功", AmountPaid: 100, ImportID: "i1"})
	}
	rows = append(rows, sqlq.UpsertKPIOrderParams{StoreID: "s1", OrderID: "O7", LineID: "1", Buyer: "later", AmountPaid: 700, ImportID: "i1"})
	write := func(rows []sqlq.UpsertKPIOrderParams) {
		t.Helper()
		if err := s.Tx(ctx, func(tx *store.Tx) error { return tx.UpsertKPIOrders(ctx, rows) }); err != nil {
			t.Fatal(err)
		}
	}
	write(rows)
	write(rows[:3])
	var n, paid int64
	var buyer string
	err := s.Raw().QueryRowContext(ctx, `SELECT COUNT(*), SUM(amount_paid) FROM kpi_orders`).Scan(&n, &paid)
	if err == nil {
		err = s.Raw().QueryRowContext(ctx, `SELECT buyer FROM kpi_orders WHERE order_id = 'O7'`).Scan(&buyer)
	}
	if err != nil {
		t.Fatal(err)
	}
	if n != 450 || paid != 449*100+700 || buyer != "later" {
		t.Fatalf("%d rows, %d paid, O7 by %q; want 450, %d, later", n, paid, buyer, 449*100+700)
	}
}
