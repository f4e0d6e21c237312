package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config locates an S3-compatible bucket (AWS, MinIO, OSS, COS, …).
type S3Config struct {
	Endpoint  string // host[:port], no scheme
	Bucket    string
	AccessKey string
	SecretKey string
	Region    string
	Prefix    string // objects are stored at Prefix/<key>; may be empty
	UseSSL    bool
	// SpoolDir holds uploads while they are hashed, before they go to S3;
	// empty means os.TempDir(). It needs room for the largest upload.
	SpoolDir string
}

// S3 stores blobs as objects in one bucket.
type S3 struct {
	client *minio.Client
	bucket string
	prefix string
	spool  string
}

// NewS3 connects to the bucket, creating it if it does not exist. Path- or
// host-style addressing is left to minio-go, which uses host style only for
// the big clouds that need it.
func NewS3(ctx context.Context, cfg S3Config) (*S3, error) {
	if cfg.Endpoint == "" || cfg.Bucket == "" {
		return nil, errors.New("blob: new s3: endpoint and bucket are required")
	}
	client, err := minio.New(cfg.Endpoint, &minio.Options{
		Creds:  credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure: cfg.UseSSL,
		Region: cfg.Region,
	})
	if err != nil {
		return nil, fmt.Errorf("blob: new s3: %w", err)
	}
	s := &S3{client: client, bucket: cfg.Bucket, prefix: strings.Trim(cfg.Prefix, "/"), spool: cfg.SpoolDir}
	if err := s.ensureBucket(ctx, cfg.Region); err != nil {
		return nil, fmt.Errorf("blob: new s3: %w", err)
	}
	return s, nil
}

func (s *S3) ensureBucket(ctx context.Context, region string) error {
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil || ok {
		return err
	}
	err = s.client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{Region: region})
	// Another node may have created it between the two calls.
	if code := minio.ToErrorResponse(err).Code; code == minio.BucketAlreadyOwnedByYou {
		return nil
	}
	return err
}

func (s *S3) object(key string) string {
	if s.prefix == "" {
		return key
	}
	return s.prefix + "/" + key
}

// Put spools r to a local temp file first, because the key is the hash of
// the whole content and must be known before the upload starts; the file
// also gives minio-go the exact size, so it needs no buffering of its own.
func (s *S3) Put(ctx context.Context, r io.Reader, limit int64) (Info, error) {
	f, err := os.CreateTemp(s.spool, "blob-put-*")
	if err != nil {
		return Info{}, fmt.Errorf("blob: put: %w", err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	info, err := copyHashed(ctx, f, r, limit)
	if err != nil {
		return Info{}, err
	}
	if err := s.upload(ctx, f, info); err != nil {
		return Info{}, err
	}
	return info, nil
}

// upload sends the spooled content unless an object with its key, and so
// its bytes, is already there.
func (s *S3) upload(ctx context.Context, f *os.File, info Info) error {
	name := s.object(info.Key)
	if _, err := s.client.StatObject(ctx, s.bucket, name, minio.StatObjectOptions{}); err == nil {
		return nil
	} else if !isNoSuchKey(err) {
		return fmt.Errorf("blob: put: stat: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("blob: put: %w", err)
	}
	opts := minio.PutObjectOptions{
		ContentType: info.Type,
		// Over plain HTTP minio-go v7.4.1 signs the payload in aws-chunked
		// form, and for an empty body that goes out as Transfer-Encoding:
		// chunked, which S3 rejects with MissingContentLength.
		DisableContentSha256: info.Size == 0,
	}
	if _, err := s.client.PutObject(ctx, s.bucket, name, f, info.Size, opts); err != nil {
		return fmt.Errorf("blob: put: upload: %w", err)
	}
	return nil
}

// Open stats the object straight away so a missing key fails here rather
// than at the first Read, and so Size is known before any Seek.
func (s *S3) Open(ctx context.Context, key string) (Object, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	o, err := s.client.GetObject(ctx, s.bucket, s.object(key), minio.GetObjectOptions{})
	if err != nil {
		return nil, s3Err("open", key, err)
	}
	oi, err := o.Stat()
	if err != nil {
		o.Close()
		return nil, s3Err("open", key, err)
	}
	return s3Object{Object: o, size: oi.Size, mod: oi.LastModified}, nil
}

// s3Object keeps the size and time from Open, because minio.Object.Stat
// reports the remaining size once reading has started.
type s3Object struct {
	*minio.Object
	size int64
	mod  time.Time
}

func (o s3Object) Size() int64        { return o.size }
func (o s3Object) ModTime() time.Time { return o.mod }

// Stat reports the Content-Type stored at upload.
func (s *S3) Stat(ctx context.Context, key string) (Info, error) {
	if err := checkKey(key); err != nil {
		return Info{}, err
	}
	oi, err := s.client.StatObject(ctx, s.bucket, s.object(key), minio.StatObjectOptions{})
	if err != nil {
		return Info{}, s3Err("stat", key, err)
	}
	return Info{Key: key, Size: oi.Size, Type: oi.ContentType}, nil
}

// Delete relies on S3 treating a missing object as deleted.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	err := s.client.RemoveObject(ctx, s.bucket, s.object(key), minio.RemoveObjectOptions{})
	if err != nil && !isNoSuchKey(err) {
		return s3Err("delete", key, err)
	}
	return nil
}

// Walk lists the prefix. Objects whose names are not keys are skipped, so
// other data sharing the bucket never reaches a backup.
func (s *S3) Walk(ctx context.Context, fn func(key string, size int64) error) error {
	// Cancelling stops minio-go's listing goroutine when fn ends the walk early.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	prefix := s.object("")
	for oi := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if oi.Err != nil {
			return fmt.Errorf("blob: walk: %w", oi.Err)
		}
		key := strings.TrimPrefix(oi.Key, prefix)
		if !ValidKey(key) {
			continue
		}
		if err := fn(key, oi.Size); err != nil {
			return fmt.Errorf("blob: walk: %w", err)
		}
	}
	return nil
}

func isNoSuchKey(err error) bool {
	var er minio.ErrorResponse
	return errors.As(err, &er) && er.Code == minio.NoSuchKey
}

func s3Err(op, key string, err error) error {
	if isNoSuchKey(err) {
		return fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	return fmt.Errorf("blob: %s %s: %w", op, key, err)
}
