package shopdojo

import "slices"

// Role is a named set of permissions. A person holds any set of roles and
// their rights are the union.
type Role string

// The built-in roles.
const (
	RoleAdmin           Role = "admin"
	RoleTrainingManager Role = "training_manager"
	RoleTrainer         Role = "trainer"
	RoleMentor          Role = "mentor"
	RoleTeamLead        Role = "team_lead"
	RoleLearner         Role = "learner"
	RoleAuditor         Role = "auditor"
)

// Roles lists every role in display order.
var Roles = []Role{RoleAdmin, RoleTrainingManager, RoleTrainer, RoleMentor, RoleTeamLead, RoleLearner, RoleAuditor}

// Valid reports whether r is a built-in role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Permission is a right checked on routes and in app methods.
type Permission string

// Permissions. PermPublic and PermSignedIn are pseudo-permissions for routes.
const (
	PermPublic         Permission = "public"
	PermSignedIn       Permission = "signed_in"
	PermOrgRead        Permission = "org.read"
	PermOrgManage      Permission = "org.manage"
	PermPeopleRead     Permission = "people.read"
	PermPeopleManage   Permission = "people.manage"
	PermAccountsManage Permission = "accounts.manage"
	PermRolesManage    Permission = "roles.manage"
	PermAuditRead      Permission = "audit.read"
	PermGroupsManage   Permission = "groups.manage"
	PermContentEdit    Permission = "content.edit"   // draft versions of training materials
	PermContentReview  Permission = "content.review" // publish or return drafts
	// PermPracticeSignOff signs off or returns SOP runs of the people one
	// may read (mentors their mentees, team leads their department).
	PermPracticeSignOff Permission = "practice.sign_off"
	// PermStoreDataRead reads a store's imported exports, KPIs and
	// diagnosis; PermStoreDataManage imports exports and sets targets.
	// Team leads hold them for the stores they own or are linked to only
	// (decided in app, as people scope is).
	PermStoreDataRead   Permission = "storedata.read"
	PermStoreDataManage Permission = "storedata.manage"
	// PermSearchManage edits search synonyms.
	PermSearchManage Permission = "search.manage"
)

// rolePerms is the permission table. Object-level scoping (which people a
// team lead may see) is decided by PeopleScope, not here.
var rolePerms = map[Role][]Permission{
	RoleAdmin: {PermOrgRead, PermOrgManage, PermPeopleRead, PermPeopleManage,
		PermAccountsManage, PermRolesManage, PermAuditRead, PermGroupsManage, PermContentEdit, PermContentReview, PermPracticeSignOff,
		PermStoreDataRead, PermStoreDataManage, PermSearchManage},
	RoleTrainingManager: {PermOrgRead, PermOrgManage, PermPeopleRead, PermPeopleManage,
		PermAccountsManage, PermGroupsManage, PermContentEdit, PermContentReview, PermPracticeSignOff,
		PermStoreDataRead, PermStoreDataManage, PermSearchManage},
	RoleTrainer:  {PermOrgRead, PermPeopleRead, PermGroupsManage, PermContentEdit, PermPracticeSignOff, PermStoreDataRead},
	RoleMentor:   {PermOrgRead, PermPeopleRead, PermPracticeSignOff},
	RoleTeamLead: {PermOrgRead, PermPeopleRead, PermPracticeSignOff, PermStoreDataRead, PermStoreDataManage},
	RoleLearner:  {PermOrgRead},
	RoleAuditor:  {PermOrgRead, PermPeopleRead, PermAuditRead, PermStoreDataRead},
}

// Can reports whether any of roles grants p.
func Can(roles []Role, p Permission) bool {
	switch p {
	case PermPublic:
		return true
	case PermSignedIn:
		return len(roles) > 0
	}
	for _, r := range roles {
		if slices.Contains(rolePerms[r], p) {
			return true
		}
	}
	return false
}

// PermissionsOf lists the permissions roles grant, each once.
func PermissionsOf(roles []Role) []Permission {
	var out []Permission
	for _, r := range roles {
		for _, p := range rolePerms[r] {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// Scope says which people records a person may read.
type Scope int

// Scopes, from narrowest to widest.
const (
	ScopeSelf       Scope = iota // only oneself
	ScopeMentees                 // oneself and one's mentees
	ScopeDepartment              // oneself, mentees and one's department subtree
	ScopeAll                     // everyone
)

// PeopleScope is the widest people scope any of roles grants.
func PeopleScope(roles []Role) Scope {
	s := ScopeSelf
	for _, r := range roles {
		switch r {
		case RoleAdmin, RoleTrainingManager, RoleTrainer, RoleAuditor:
			return ScopeAll
		case RoleTeamLead:
			s = max(s, ScopeDepartment)
		case RoleMentor:
			s = max(s, ScopeMentees)
		}
	}
	return s
}
