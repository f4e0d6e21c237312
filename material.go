package shopdojo

import "time"

// VersionStatus is where a material version stands in the review workflow.
type VersionStatus string

// The workflow: trainers write drafts, submit them for review, and a
// reviewer publishes or returns them. Publishing retires the previously
// published version.
const (
	VersionDraft     VersionStatus = "draft"
	VersionReview    VersionStatus = "review"
	VersionPublished VersionStatus = "published"
	VersionRetired   VersionStatus = "retired"
)

// Material is any versioned piece of training content: a lesson, an SOP, a
// question, a position profile. SubjectID ties it to the object it
// describes (a position id for a position profile), when there is one.
type Material struct {
	ID          string
	Kind        string
	SubjectID   string
	Title       string
	LatestNo    int64
	PublishedNo int64 // 0 while nothing is published
	UpdatedAt   time.Time
}

// Version is one numbered edit of a material.
type Version struct {
	MaterialID   string
	No           int64
	Title        string
	Body         string
	Note         string // the author's change note
	Major        bool   // learners of the previous version should be told what changed
	Status       VersionStatus
	AuthorID     string
	AuthorName   string
	CreatedAt    time.Time
	ReviewerID   string
	ReviewerName string
	ReviewedAt   time.Time
	ReviewNote   string
	BasedOn      int64 // the version a rollback restored, else 0
}
