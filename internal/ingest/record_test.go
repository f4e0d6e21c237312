package ingest

import (
	"errors"
	"io"
	"slices"
	"testing"
)

// TestRecordAccessors: fields present are listed in schema order, absent
// ones answer false, and a clone survives the next Next while the record
// itself is overwritten by it.
func TestRecordAccessors(t *testing.T) {
	data := "订单编号,总金额,买家实际支付金额,订单创建时间,订单付款时间\n" +
		"A1,12.50,12.50,2024-03-01 10:00:00,\n" +
		"A2,8.00,7.00,2024-03-02 11:00:00,2024-03-02 11:01:00\n"
	rd := open(t, []byte(data), preset(t, "tmall_orders"), Mapping{}, Options{})
	first, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	kept := first.Clone()
	if !first.Has("order_id") || first.Has("paid_at") || first.Has("no_such_field") {
		t.Errorf("Has: order_id %v paid_at %v", first.Has("order_id"), first.Has("paid_at"))
	}
	want := []string{"order_id", "created_at", "amount_total", "amount_paid"}
	if got := first.Keys(); !slices.Equal(got, want) {
		t.Errorf("Keys = %v, want %v", got, want)
	}
	if len(first.Fields()) != len(want) {
		t.Errorf("Fields = %v", first.Fields())
	}
	second, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	if kept.Text("order_id") != "A1" || kept.Raw[0] != "A1" || kept.Has("paid_at") {
		t.Errorf("clone changed by Next: %q %q", kept.Text("order_id"), kept.Raw)
	}
	if first.Text("order_id") != "A2" || !second.Has("paid_at") {
		t.Errorf("the record shares the reader's buffers: %q", first.Text("order_id"))
	}
	if _, err := rd.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("end: %v", err)
	}
	var zero Record
	if zero.Has("order_id") || zero.Text("order_id") != "" || zero.Keys() != nil {
		t.Error("zero Record has fields")
	}
}
