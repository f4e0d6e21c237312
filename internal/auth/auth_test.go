package auth

import "testing"

func TestPasswordRoundTrip(t *testing.T) {
	h, err := HashPassword("培训2026!", Fast)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := CheckPassword(h, "培训2026!"); !ok || err != nil {
		t.Fatalf("right password rejected: %v", err)
	}
	if ok, _ := CheckPassword(h, "培训2026?"); ok {
		t.Fatal("wrong password accepted")
	}
	if _, err := CheckPassword("$bcrypt$x", "a"); err == nil {
		t.Fatal("malformed hash accepted")
	}
}

func TestSecretsDiffer(t *testing.T) {
	a, b := Token("sd_", 32), Token("sd_", 32)
	c, d := ActivationCode(), ActivationCode()
	if a == b || c == d {
		t.Fatal("secrets repeat")
	}
	if len(ActivationCode()) != 11 || len(Password(12)) != 12 {
		t.Fatal("bad length")
	}
}
