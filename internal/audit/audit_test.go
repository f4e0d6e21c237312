package audit

import (
	"path/filepath"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

func chain(n int) []Event {
	evs := make([]Event, n)
	prev := Genesis
	for i := range evs {
		evs[i] = Event{Seq: int64(i + 1), ID: "e" + string(rune('a'+i)), At: int64(1000 + i),
			ActorName: "管理员", Action: "department.create", ObjectType: "department", ObjectName: "运营部"}
		evs[i].Seal(prev)
		prev = evs[i].Hash
	}
	return evs
}

func treeRoot(t *testing.T, evs []Event) tlog.Hash {
	var m memHashes
	for i, e := range evs {
		hs, err := tlog.StoredHashes(int64(i), e.Record(), m)
		if err != nil {
			t.Fatal(err)
		}
		m = append(m, hs...)
	}
	h, err := tlog.TreeHash(int64(len(evs)), m)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func verify(key *Key, evs []Event, cps []Checkpoint) *Verifier {
	v := NewVerifier(key)
	for _, e := range evs {
		v.Add(e)
	}
	v.Finish(cps)
	return v
}

func TestVerifyDetectsTampering(t *testing.T) {
	key, err := LoadOrCreateKey(filepath.Join(t.TempDir(), "audit.key"))
	if err != nil {
		t.Fatal(err)
	}
	good := chain(10)
	cps := []Checkpoint{key.Sign(5, treeRoot(t, good[:5])), key.Sign(10, treeRoot(t, good))}
	if v := verify(key, good, cps); !v.OK() || v.Checked != 10 {
		t.Fatalf("clean log: %v (checked %d)", v.Problems, v.Checked)
	}
	clone := func() []Event { return append([]Event(nil), good...) }
	edited := clone()
	edited[3].ObjectName = "客服部"
	deleted := append(clone()[:4], good[5:]...)
	reordered := clone()
	reordered[2], reordered[3] = reordered[3], reordered[2]
	inserted := append(clone()[:4], append([]Event{good[4]}, good[4:]...)...)
	truncated := clone()[:8]
	resealed := clone() // an attacker who rewrites and re-hashes the whole chain
	resealed[1].ObjectName = "伪造"
	prev := resealed[0].Hash
	for i := 1; i < len(resealed); i++ {
		resealed[i].Seal(prev)
		prev = resealed[i].Hash
	}
	for name, evs := range map[string][]Event{"edited": edited, "deleted": deleted, "reordered": reordered,
		"inserted": inserted, "truncated": truncated, "resealed": resealed} {
		if v := verify(key, evs, cps); v.OK() {
			t.Errorf("%s: not detected", name)
		}
	}
	other, _ := LoadOrCreateKey(filepath.Join(t.TempDir(), "other.key"))
	if v := verify(other, good, cps); v.OK() {
		t.Error("checkpoint signed by another key accepted")
	}
}

func TestKeyPersists(t *testing.T) {
	p := filepath.Join(t.TempDir(), "k")
	a, err := LoadOrCreateKey(p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadOrCreateKey(p)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != b.ID {
		t.Fatal("key changed on reload")
	}
}

func TestChanges(t *testing.T) {
	got := Changes(map[string]string{"name": "运营部", "code": "OPS"}, map[string]string{"name": "运营中心", "code": "OPS"})
	if got != `{"name":["运营部","运营中心"]}` {
		t.Fatal(got)
	}
	if Changes(map[string]string{"a": "1"}, map[string]string{"a": "1"}) != "" {
		t.Fatal("no change should be empty")
	}
}
