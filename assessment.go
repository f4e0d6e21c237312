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
