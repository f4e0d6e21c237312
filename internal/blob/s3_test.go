package blob

import (
	"bytes"
	"io"
	"log"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

const testBucket = "shopdojo-test"

// newFakeS3Server starts an in-memory S3 for one test.
func newFakeS3Server(t *testing.T) string {
	t.Helper()
	ts := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	t.Cleanup(ts.Close)
	return ts.Listener.Addr().String()
}

func newTestS3(t *testing.T, endpoint, prefix string) (*S3, string) {
	t.Helper()
	spool := t.TempDir()
	s, err := NewS3(t.Context(), S3Config{
		Endpoint:  endpoint,
		Bucket:    testBucket,
		AccessKey: "test-access",
		SecretKey: "test-secret",
		Region:    "us-east-1",
		Prefix:    prefix,
		SpoolDir:  spool,
	})
	if err != nil {
		t.Fatalf("NewS3: %v", err)
	}
	return s, spool
}

func TestS3Contract(t *testing.T) {
	for _, prefix := range []string{"", "shopdojo/files/"} {
		t.Run("prefix="+prefix, func(t *testing.T) {
			testStore(t, func(t *testing.T) harness {
				s, spool := newTestS3(t, newFakeS3Server(t), prefix)
				return harness{store: s, leftovers: func(t *testing.T) []string {
					return dirEntries(t, spool)
				}}
			})
		})
	}
}

// NewS3 must create the bucket once and accept it when it already exists,
// as on every restart.
func TestNewS3Bucket(t *testing.T) {
	endpoint := newFakeS3Server(t)
	s, _ := newTestS3(t, endpoint, "")
	ok, err := s.client.BucketExists(t.Context(), testBucket)
	if err != nil || !ok {
		t.Fatalf("BucketExists = %v, %v; want true", ok, err)
	}
	key := mustPut(t, s, []byte("survives reconnect")).Key
	again, _ := newTestS3(t, endpoint, "")
	if _, err := again.Stat(t.Context(), key); err != nil {
		t.Errorf("Stat after second NewS3: %v", err)
	}
}

func TestNewS3Config(t *testing.T) {
	for _, cfg := range []S3Config{{Bucket: "b"}, {Endpoint: "localhost:9000"}} {
		if _, err := NewS3(t.Context(), cfg); err == nil {
			t.Errorf("NewS3(%+v) succeeded, want error", cfg)
		}
	}
}

// Objects live at Prefix/<key>, and Walk ignores anything else in the
// bucket, such as another application's files.
func TestS3PrefixLayout(t *testing.T) {
	s, _ := newTestS3(t, newFakeS3Server(t), "/files/")
	info := mustPut(t, s, []byte("<html><body>hi</body></html>"))
	oi, err := s.client.StatObject(t.Context(), testBucket, "files/"+info.Key, minio.StatObjectOptions{})
	if err != nil {
		t.Fatalf("object not at files/<key>: %v", err)
	}
	if oi.ContentType != "text/html; charset=utf-8" {
		t.Errorf("stored Content-Type = %q", oi.ContentType)
	}
	strays := []string{info.Key, "files/notes.txt", "other/" + keyOf([]byte("x")), "files/sub/" + info.Key}
	for _, name := range strays {
		_, err := s.client.PutObject(t.Context(), testBucket, name, bytes.NewReader([]byte("stray")), 5, minio.PutObjectOptions{})
		if err != nil {
			t.Fatalf("PutObject(%s): %v", name, err)
		}
	}
	if diff := cmp.Diff(map[string]int64{info.Key: info.Size}, walkAll(t, s)); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
}

// newTLSTestS3 serves the fake over TLS, where minio-go sends plain
// payloads. Over plain HTTP it signs them in aws-chunked form, which
// gofakes3 v1.2.0 decodes for single PUTs but stores verbatim in multipart
// parts, so only TLS can test large uploads against it.
func newTLSTestS3(t *testing.T) *S3 {
	t.Helper()
	ts := httptest.NewUnstartedServer(gofakes3.New(s3mem.New()).Server())
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // gofakes3 writes some headers twice
	ts.StartTLS()
	t.Cleanup(ts.Close)
	client, err := minio.New(ts.Listener.Addr().String(), &minio.Options{
		Creds:     credentials.NewStaticV4("test-access", "test-secret", ""),
		Secure:    true,
		Transport: ts.Client().Transport,
		Region:    "us-east-1",
	})
	if err != nil {
		t.Fatal(err)
	}
	s := &S3{client: client, bucket: testBucket, spool: t.TempDir()}
	if err := s.ensureBucket(t.Context(), "us-east-1"); err != nil {
		t.Fatal(err)
	}
	return s
}

// Training videos exceed minio-go's 16 MiB single-PUT size, so they go up
// in parts and must still read back byte for byte.
func TestS3Multipart(t *testing.T) {
	if testing.Short() {
		t.Skip("uploads 17 MiB")
	}
	s := newTLSTestS3(t)
	data := randomBytes(17<<20, 8)
	info := mustPut(t, s, data)
	o := mustOpen(t, s, info.Key)
	if o.Size() != int64(len(data)) {
		t.Fatalf("Size = %d, want %d", o.Size(), len(data))
	}
	if _, err := o.Seek(16<<20, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	tail, err := io.ReadAll(o)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(tail, data[16<<20:]) {
		t.Errorf("bytes after 16 MiB differ from those put")
	}
}
