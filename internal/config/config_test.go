package config

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := Default()
	bad.DB = "mysql://x"
	bad.BaseURL = "example.com"
	bad.TLSCert = "a.pem"
	bad.TrustedProxies = []string{"not-an-ip"}
	err := bad.Validate()
	for _, want := range []string{"--db", "--base-url", "--tls-cert", "--trusted-proxy"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("missing %s in %v", want, err)
		}
	}
}

func TestEnvAndDerived(t *testing.T) {
	c := Default()
	env := map[string]string{"SHOPDOJO_DATA": "/srv/sd", "SHOPDOJO_BASE_URL": "https://train.example.cn/", "SHOPDOJO_TRUSTED_PROXY": "10.0.0.1,192.168.0.0/16"}
	c.FromEnv(func(k string) string { return env[k] })
	if c.DSN() != "/srv/sd/shopdojo.db" || !c.HTTPS() || c.PublicURL() != "https://train.example.cn" {
		t.Fatalf("%+v", c)
	}
	ps, err := c.Proxies()
	if err != nil || len(ps) != 2 || ps[0].Bits() != 32 {
		t.Fatalf("%v %v", ps, err)
	}
	if !Default().Loopback() {
		t.Fatal("127.0.0.1 is loopback")
	}
	c.Addr = "0.0.0.0:80"
	if c.Loopback() {
		t.Fatal("0.0.0.0 is not loopback")
	}
}
