package shopdojo

import "time"

// Bank is a question bank: owned by a person, shared with named members
// (editors or viewers) or, when Shared, visible to every content editor.
type Bank struct {
	ID          string
	Name        string
	Description string
	OwnerID     string
	OwnerName   string
	Shared      bool
	Questions   int64 // questions not archived, filled by queries
	CreatedAt   time.Time
	UpdatedAt   time.Time
	CanEdit     bool // the viewer may change the bank and its questions
}

// BankMember is a person a bank is shared with.
type BankMember struct {
	PersonID, Name, EmployeeNo string
	CanEdit                    bool
}

// QuestionSummary is a bank's question as lists show it; the question
// itself is the latest version of its material.
type QuestionSummary struct {
	ID         string
	BankID     string
	MaterialID string
	Type       string
	StemText   string
	Difficulty int
	Points     float64
	VersionNo  int64
	Archived   bool
	Tags       []string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Exam modes.
const (
	ModeExam     = "exam"     // timed if set, results as released
	ModePractice = "practice" // untimed, immediate feedback on every answer
)

// Exam statuses.
const (
	ExamDraft     = "draft"
	ExamPublished = "published"
	ExamArchived  = "archived"
)

// Release says when learners see their scores, or the keys and
// explanations.
type Release string

// The release policies.
const (
	ReleaseImmediate  Release = "immediate"   // as soon as the attempt is graded
	ReleaseAfterClose Release = "after_close" // when the exam window closes
	ReleaseManual     Release = "manual"      // when a manager releases them
	ReleaseNever      Release = "never"
)

// Releases lists the policies in display order.
var Releases = []Release{ReleaseImmediate, ReleaseAfterClose, ReleaseManual, ReleaseNever}

// Exam is a paper with its settings and audience.
type Exam struct {
	ID, Title, Description string
	TitleEN                string // the title on English pages; "" shows Title
	Mode                   string
	Status                 string
	OwnerID, OwnerName     string
	Paper                  Paper
	OpensAt, ClosesAt      time.Time // zero: no bound
	TimeLimit              time.Duration
	AttemptsAllowed        int // 0: unlimited
	PassPercent            float64
	ScoreRelease           Release
	AnswerRelease          Release
	ReleasedAt             time.Time // manual release, zero until released
	ShuffleQuestions       bool
	ShuffleOptions         bool
	Everyone               bool
	Audience               []AudienceRef
	Certifies              string // certification awarded on passing; "" for none
	ValidMonths            int    // how long that certification lasts; 0 for ever
	Attempts, ToGrade      int64  // filled by lists
	CreatedAt, UpdatedAt   time.Time
}

// AudienceRef names who may sit an exam: a person, a department (with
// the departments under it), a position or a group.
type AudienceRef struct {
	Kind string `json:"kind"` // person | department | position | group
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// AudienceKinds lists the kinds of AudienceRef.
var AudienceKinds = []string{"person", "department", "position", "group"}

// Paper is an exam's questions: sections in order, each with fixed
// questions, blueprint rules drawn per attempt, or both.
type Paper struct {
	Sections []PaperSection `json:"sections"`
}

// PaperSection is one part of a paper (单选题, 多选题, 案例分析 …).
type PaperSection struct {
	Title     string          `json:"title"`
	Questions []PaperQuestion `json:"questions,omitempty"`
	Rules     []PaperRule     `json:"rules,omitempty"`
	// Partial, when set, replaces the multiple-choice credit rule of the
	// section's questions: exact, subset_half or proportional.
	Partial string `json:"partial,omitempty"`
}

// PaperQuestion is a fixed question; Points 0 keeps the question's own.
type PaperQuestion struct {
	QuestionID string  `json:"question_id"`
	Points     float64 `json:"points,omitempty"`
}

// PaperRule draws Count questions from a bank that have Tag and
// Difficulty (empty and 0 for any); Points 0 keeps each question's own.
type PaperRule struct {
	BankID     string  `json:"bank_id"`
	Tag        string  `json:"tag,omitempty"`
	Difficulty int     `json:"difficulty,omitempty"`
	Count      int     `json:"count"`
	Points     float64 `json:"points,omitempty"`
}

// Attempt is one sitting of an exam.
type Attempt struct {
	ID, ExamID, ExamTitle    string
	PersonID, PersonName     string
	EmployeeNo, Department   string
	No                       int
	State                    string // see internal/attempt
	StartedAt, Deadline      time.Time
	FinishedAt, GradedAt     time.Time
	Extra                    time.Duration
	Score, MaxScore, Percent float64
	Passed                   bool
	ToGrade                  int
}

// Certification is the record that a person passed an exam that certifies
// (a stage gate, 认证). Passing the same exam again renews it.
type Certification struct {
	ID, PersonID, PersonName string
	EmployeeNo               string
	ExamID, ExamTitle        string
	ExamTitleEN              string
	AttemptID, Name          string
	Score, MaxScore          float64
	AwardedAt, ExpiresAt     time.Time // ExpiresAt zero: does not expire
}

// Valid reports whether the certification holds at now.
func (c Certification) Valid(now time.Time) bool {
	return c.ExpiresAt.IsZero() || now.Before(c.ExpiresAt)
}
