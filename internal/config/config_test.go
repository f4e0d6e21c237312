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

func TestS3(t *testing.T) {
	cases := []struct {
		url  string
		want S3Settings
		bad  bool
	}{
		{"", S3Settings{}, false},
		{"s3://AK:S%2Fk@minio.lan:9000/train/sd?tls=false", S3Settings{Endpoint: "minio.lan:9000", Bucket: "train",
			Prefix: "sd", AccessKey: "AK", SecretKey: "S/k"}, false},
		{"s3://AK:SK@oss-cn-hangzhou.aliyuncs.com/bucket?region=cn-hangzhou", S3Settings{Endpoint: "oss-cn-hangzhou.aliyuncs.com",
			Bucket: "bucket", AccessKey: "AK", SecretKey: "SK", Region: "cn-hangzhou", TLS: true}, false},
		{"https://minio.lan/bucket", S3Settings{}, true},
		{"s3://AK:SK@minio.lan/", S3Settings{}, true},
	}
	for _, c := range cases {
		cfg := Default()
		cfg.Files = c.url
		got, err := cfg.S3()
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("%q: %+v %v", c.url, got, err)
		}
		if c.bad && (cfg.Validate() == nil || !strings.Contains(cfg.Validate().Error(), "--files")) {
			t.Errorf("%q: Validate accepted it", c.url)
		}
	}
}
