package shopdojo

import "time"

// Department is a node in the company's department tree.
type Department struct {
	ID        string
	ParentID  string
	Name      string
	Code      string
	SortOrder int64
	People    int64 // direct members, filled by list queries
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Position is a job position (岗位).
type Position struct {
	ID          string
	Name        string
	Code        string
	Description string
	People      int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Platform is an e-commerce platform a store runs on.
type Platform string

// Supported platforms.
const (
	PlatformTmall     Platform = "tmall"
	PlatformTaobao    Platform = "taobao"
	PlatformJD        Platform = "jd"
	PlatformPinduoduo Platform = "pinduoduo"
	PlatformDouyin    Platform = "douyin"
	PlatformShopify   Platform = "shopify"
	PlatformAmazon    Platform = "amazon"
)

// Platforms lists the supported platforms in display order.
var Platforms = []Platform{PlatformTmall, PlatformTaobao, PlatformJD, PlatformPinduoduo,
	PlatformDouyin, PlatformShopify, PlatformAmazon}

// Store is a shop on one platform.
type Store struct {
	ID        string
	Platform  Platform
	Name      string
	OwnerID   string
	OwnerName string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// PersonStatus is a person's employment status.
type PersonStatus string

// Person statuses.
const (
	StatusActive  PersonStatus = "active"
	StatusLeaving PersonStatus = "leaving"
	StatusLeft    PersonStatus = "left"
)

// Person is an employee; every person may also hold an account.
type Person struct {
	ID           string
	EmployeeNo   string
	Name         string
	Mobile       string
	Email        string
	DingTalkID   string
	WeComID      string
	FeishuID     string
	DepartmentID string
	PositionID   string
	ManagerID    string
	MentorID     string
	HireDate     string // YYYY-MM-DD in the company time zone, or ""
	Status       PersonStatus
	Locale       string
	PhotoID      string // file id of the portrait, or ""
	Roles        []Role
	StoreIDs     []string
	CreatedAt    time.Time
	UpdatedAt    time.Time

	// Display fields filled by queries.
	DepartmentName string
	PositionName   string
	ManagerName    string
	MentorName     string
	Disabled       bool
}

// Group is a named set of people; cohorts build on groups.
type Group struct {
	ID          string
	Name        string
	Description string
	Members     int64 // current (not departed) members
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// File is an uploaded file's metadata; its bytes live in the blob store
// under Key (the SHA-256 of the content).
type File struct {
	ID          string
	Key         string
	Name        string
	ContentType string
	Size        int64
	Purpose     string
	OwnerID     string
	CreatedAt   time.Time
}
