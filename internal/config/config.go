// Package config holds ShopDojo's configuration: one Config value with
// defaults, filled from flags and SHOPDOJO_* environment variables, and
// validated before use. It is passed as a value, never kept in a global.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// Config is the whole configuration.
type Config struct {
	Addr           string
	DataDir        string
	DB             string // postgres:// URL; empty means SQLite in DataDir
	Files          string // s3://… URL of an S3-compatible bucket; empty means DataDir/files
	BaseURL        string
	TLSCert        string
	TLSKey         string
	TrustedProxies []string
	Demo           bool
	Dev            bool
	Timezone       string
	LogLevel       string
	ExamGrace      time.Duration // answers arriving this long after an attempt's deadline still count
}

// Default returns the defaults.
func Default() Config {
	return Config{Addr: "127.0.0.1:8080", DataDir: "./shopdojo-data", Timezone: "Asia/Shanghai", LogLevel: "info",
		ExamGrace: 15 * time.Second}
}

// FromEnv overlays SHOPDOJO_* environment variables that are set.
func (c *Config) FromEnv(getenv func(string) string) {
	for name, dst := range map[string]*string{"SHOPDOJO_DATA": &c.DataDir, "SHOPDOJO_DB": &c.DB,
		"SHOPDOJO_BASE_URL": &c.BaseURL, "SHOPDOJO_ADDR": &c.Addr, "SHOPDOJO_TZ": &c.Timezone,
		"SHOPDOJO_LOG_LEVEL": &c.LogLevel, "SHOPDOJO_FILES": &c.Files} {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	if v := getenv("SHOPDOJO_TRUSTED_PROXY"); v != "" {
		c.TrustedProxies = strings.Split(v, ",")
	}
}

// DSN is the database to open: the PostgreSQL URL, or the SQLite file.
func (c Config) DSN() string {
	if c.DB != "" {
		return c.DB
	}
	return filepath.Join(c.DataDir, "shopdojo.db")
}

// Postgres reports whether the database is PostgreSQL.
func (c Config) Postgres() bool {
	return strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://")
}

// Location loads the company time zone.
func (c Config) Location() (*time.Location, error) { return time.LoadLocation(c.Timezone) }

// Proxies parses the trusted proxy CIDRs (a bare address means /32 or /128).
func (c Config) Proxies() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range c.TrustedProxies {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			a, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("--trusted-proxy %q: %w", s, err)
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("--trusted-proxy %q: %w", s, err)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// Validate checks the configuration and says what is wrong.
func (c Config) Validate() error {
	var errs []error
	if c.DB != "" && !c.Postgres() {
		errs = append(errs, fmt.Errorf("--db must be a postgres:// URL (SQLite lives in --data)"))
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("--base-url %q must be an absolute http(s) URL", c.BaseURL))
		}
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		errs = append(errs, errors.New("--tls-cert and --tls-key go together"))
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("--addr %q: %w", c.Addr, err))
	}
	if _, err := c.Location(); err != nil {
		errs = append(errs, fmt.Errorf("time zone %q: %w", c.Timezone, err))
	}
	if _, err := c.Proxies(); err != nil {
		errs = append(errs, err)
	}
	if c.ExamGrace < 0 || c.ExamGrace > 5*time.Minute {
		errs = append(errs, fmt.Errorf("--exam-grace %v must be between 0 and 5m", c.ExamGrace))
	}
	if _, err := c.S3(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// HTTPS reports whether people reach the server over https.
func (c Config) HTTPS() bool { return strings.HasPrefix(c.BaseURL, "https://") || c.TLSCert != "" }

// PublicURL is the base for absolute links.
func (c Config) PublicURL() string {
	if c.BaseURL != "" {
		return strings.TrimSuffix(c.BaseURL, "/")
	}
	scheme := "http"
	if c.TLSCert != "" {
		scheme = "https"
	}
	return scheme + "://" + c.Addr
}

// Loopback reports whether Addr listens only on the loopback interface.
func (c Config) Loopback() bool {
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.IsLoopback()
}

// S3Settings locate an S3-compatible bucket for file contents.
type S3Settings struct {
	Endpoint, Bucket, Prefix, AccessKey, SecretKey, Region string
	TLS                                                    bool
}

// S3 parses Files, s3://ACCESS_KEY:SECRET_KEY@host[:port]/bucket[/prefix]
// with optional ?region=…&tls=false; ok is false for the local file store.
// Keys are read from the URL so that they can come from the environment
// (SHOPDOJO_FILES) rather than a command line anyone can list.
func (c Config) S3() (s S3Settings, err error) {
	if c.Files == "" {
		return s, nil
	}
	u, err := url.Parse(c.Files)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return s, fmt.Errorf("--files must be s3://KEY:SECRET@host/bucket[/prefix] (or empty for %s)",
			filepath.Join(c.DataDir, "files"))
	}
	bucket, prefix, _ := strings.Cut(strings.Trim(u.Path, "/"), "/")
	if bucket == "" {
		return s, errors.New("--files: the URL names no bucket")
	}
	secret, _ := u.User.Password()
	s = S3Settings{Endpoint: u.Host, Bucket: bucket, Prefix: prefix, AccessKey: u.User.Username(),
		SecretKey: secret, Region: u.Query().Get("region"), TLS: u.Query().Get("tls") != "false"}
	return s, nil
}
