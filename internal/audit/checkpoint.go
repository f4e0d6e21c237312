package audit

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"

	"golang.org/x/mod/sumdb/tlog"
)

// Key signs and verifies checkpoints.
type Key struct {
	priv ed25519.PrivateKey
	ID   string
}

// LoadOrCreateKey reads the Ed25519 key at path, creating it (mode 0600)
// when missing. The key lives outside the database so a database edit alone
// cannot forge checkpoints.
func LoadOrCreateKey(path string) (*Key, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		_, priv, gerr := ed25519.GenerateKey(rand.Reader)
		if gerr != nil {
			return nil, gerr
		}
		pemb := pem.EncodeToMemory(&pem.Block{Type: "SHOPDOJO AUDIT KEY", Bytes: priv.Seed()})
		if werr := os.WriteFile(path, pemb, 0o600); werr != nil {
			return nil, fmt.Errorf("write audit key: %w", werr)
		}
		return newKey(priv), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read audit key: %w", err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil || len(blk.Bytes) != ed25519.SeedSize {
		return nil, fmt.Errorf("audit key %s: not a ShopDojo audit key", path)
	}
	return newKey(ed25519.NewKeyFromSeed(blk.Bytes)), nil
}

func newKey(priv ed25519.PrivateKey) *Key {
	sum := sha256.Sum256(priv.Public().(ed25519.PublicKey))
	return &Key{priv: priv, ID: hex.EncodeToString(sum[:8])}
}

func checkpointText(size int64, root tlog.Hash) []byte {
	return fmt.Appendf(nil, "shopdojo-audit\n%d\n%s\n", size, base64.StdEncoding.EncodeToString(root[:]))
}

// Checkpoint is a signed statement of the tree's size and root hash.
type Checkpoint struct {
	Size      int64
	Root      string // base64
	Signature string // base64
	KeyID     string
}

// Sign makes a checkpoint for a tree of size records with the given root.
func (k *Key) Sign(size int64, root tlog.Hash) Checkpoint {
	sig := ed25519.Sign(k.priv, checkpointText(size, root))
	return Checkpoint{Size: size, Root: base64.StdEncoding.EncodeToString(root[:]),
		Signature: base64.StdEncoding.EncodeToString(sig), KeyID: k.ID}
}

// Verify checks c's signature.
func (k *Key) Verify(c Checkpoint) bool {
	root, err := base64.StdEncoding.DecodeString(c.Root)
	if err != nil || len(root) != tlog.HashSize {
		return false
	}
	sig, err := base64.StdEncoding.DecodeString(c.Signature)
	if err != nil {
		return false
	}
	var h tlog.Hash
	copy(h[:], root)
	return ed25519.Verify(k.priv.Public().(ed25519.PublicKey), checkpointText(c.Size, h), sig)
}
