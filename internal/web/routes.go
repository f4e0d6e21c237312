package web

import sd "github.com/shopdojo/shopdojo"

// routes is the whole route table of the web UI; every route names the
// permission it requires (a test walks it for every role).
func (h *Handler) routes() {
	rt := h.Router
	rt.Handle("GET /login", sd.PermPublic, h.loginForm)
	rt.HandleLimited("POST /login", sd.PermPublic, h.login, loginLimiter())
	rt.Handle("GET /activate", sd.PermPublic, h.activateForm)
	rt.HandleLimited("POST /activate", sd.PermPublic, h.activate, loginLimiter())
	rt.Handle("POST /logout", sd.PermSignedIn, h.logout)
	rt.Handle("POST /locale", sd.PermPublic, h.setLocale)

	rt.Handle("GET /{$}", sd.PermSignedIn, h.home)
	rt.Handle("GET /styleguide", sd.PermSignedIn, h.styleguide)

	rt.Handle("GET /people", sd.PermSignedIn, h.peopleList)
	rt.Handle("GET /people/new", sd.PermPeopleManage, h.personNew)
	rt.Handle("GET /people/import", sd.PermPeopleManage, h.peopleImportForm)
	rt.HandleUpload("POST /people/import", sd.PermPeopleManage, h.peopleImport, maxRosterUpload)
	rt.Handle("GET /people/import/template", sd.PermPeopleManage, h.peopleTemplate)
	rt.Handle("GET /people/export", sd.PermPeopleRead, h.peopleExport)
	rt.Handle("POST /people", sd.PermPeopleManage, h.personCreate)
	rt.Handle("GET /people/{id}", sd.PermSignedIn, h.personShow)
	rt.Handle("GET /people/{id}/edit", sd.PermPeopleManage, h.personEdit)
	rt.Handle("POST /people/{id}", sd.PermPeopleManage, h.personUpdate)
	rt.Handle("POST /people/{id}/reset-password", sd.PermAccountsManage, h.personResetPassword)
	rt.Handle("POST /people/{id}/activation", sd.PermAccountsManage, h.personActivation)
	rt.Handle("POST /people/{id}/disable", sd.PermAccountsManage, h.personDisable)
	rt.Handle("POST /people/{id}/enable", sd.PermAccountsManage, h.personEnable)
	rt.Handle("POST /people/{id}/unlock", sd.PermAccountsManage, h.personUnlock)
	rt.HandleUpload("POST /people/{id}/photo", sd.PermPeopleManage, h.personPhoto, photoLimit)

	rt.Handle("GET /departments", sd.PermOrgRead, h.departments)
	rt.Handle("GET /departments/new", sd.PermOrgManage, h.departmentNew)
	rt.Handle("POST /departments", sd.PermOrgManage, h.departmentCreate)
	rt.Handle("GET /departments/{id}/edit", sd.PermOrgManage, h.departmentEdit)
	rt.Handle("POST /departments/{id}", sd.PermOrgManage, h.departmentUpdate)
	rt.Handle("POST /departments/{id}/delete", sd.PermOrgManage, h.departmentDelete)

	rt.Handle("GET /positions", sd.PermOrgRead, h.positions)
	rt.Handle("GET /positions/new", sd.PermOrgManage, h.positionNew)
	rt.Handle("POST /positions", sd.PermOrgManage, h.positionCreate)
	rt.Handle("GET /positions/{id}", sd.PermOrgRead, h.positionShow)
	rt.Handle("GET /positions/{id}/edit", sd.PermOrgManage, h.positionEdit)
	rt.Handle("GET /positions/{id}/profile/edit", sd.PermContentEdit, h.profileEdit)
	rt.Handle("POST /positions/{id}/profile", sd.PermContentEdit, h.profileSave)
	rt.Handle("POST /positions/{id}", sd.PermOrgManage, h.positionUpdate)
	rt.Handle("POST /positions/{id}/delete", sd.PermOrgManage, h.positionDelete)

	rt.Handle("GET /stores", sd.PermOrgRead, h.stores)
	rt.Handle("GET /stores/new", sd.PermOrgManage, h.storeNew)
	rt.Handle("POST /stores", sd.PermOrgManage, h.storeCreate)
	rt.Handle("GET /stores/{id}/edit", sd.PermOrgManage, h.storeEdit)
	rt.Handle("POST /stores/{id}", sd.PermOrgManage, h.storeUpdate)
	rt.Handle("POST /stores/{id}/delete", sd.PermOrgManage, h.storeDelete)

	rt.Handle("GET /groups", sd.PermPeopleRead, h.groups)
	rt.Handle("GET /groups/new", sd.PermGroupsManage, h.groupNew)
	rt.Handle("POST /groups", sd.PermGroupsManage, h.groupCreate)
	rt.Handle("GET /groups/{id}", sd.PermPeopleRead, h.groupShow)
	rt.Handle("GET /groups/{id}/edit", sd.PermGroupsManage, h.groupEdit)
	rt.Handle("POST /groups/{id}", sd.PermGroupsManage, h.groupUpdate)
	rt.Handle("POST /groups/{id}/delete", sd.PermGroupsManage, h.groupDelete)
	rt.Handle("POST /groups/{id}/members", sd.PermGroupsManage, h.groupAddMembers)
	rt.Handle("POST /groups/{id}/members/{person}/remove", sd.PermGroupsManage, h.groupRemoveMember)

	// Question banks and questions; the app checks each bank's sharing.
	rt.Handle("GET /banks", sd.PermContentEdit, h.banks)
	rt.Handle("GET /banks/new", sd.PermContentEdit, h.bankNew)
	rt.Handle("GET /banks/template.xlsx", sd.PermContentEdit, h.questionTemplate)
	rt.Handle("POST /banks", sd.PermContentEdit, h.bankCreate)
	rt.Handle("GET /banks/{id}", sd.PermContentEdit, h.bankShow)
	rt.Handle("GET /banks/{id}/edit", sd.PermContentEdit, h.bankEdit)
	rt.Handle("POST /banks/{id}", sd.PermContentEdit, h.bankUpdate)
	rt.Handle("POST /banks/{id}/members", sd.PermContentEdit, h.bankShare)
	rt.Handle("POST /banks/{id}/members/{person}/remove", sd.PermContentEdit, h.bankUnshare)
	rt.Handle("GET /banks/{id}/import", sd.PermContentEdit, h.questionImportForm)
	rt.HandleUpload("POST /banks/{id}/import", sd.PermContentEdit, h.questionImport, maxRosterUpload)
	rt.Handle("GET /banks/{id}/export", sd.PermContentEdit, h.questionExport)
	rt.Handle("GET /banks/{id}/questions/new", sd.PermContentEdit, h.questionNew)
	rt.Handle("POST /banks/{id}/questions", sd.PermContentEdit, h.questionCreate)
	rt.Handle("GET /questions/{qid}", sd.PermContentEdit, h.questionShow)
	rt.Handle("GET /questions/{qid}/edit", sd.PermContentEdit, h.questionEdit)
	rt.Handle("POST /questions/{qid}", sd.PermContentEdit, h.questionUpdate)
	rt.Handle("POST /questions/{qid}/archive", sd.PermContentEdit, h.questionArchive)
	rt.Handle("POST /questions/{qid}/restore", sd.PermContentEdit, h.questionArchive)

	// Exams: content editors build and schedule them; the owner and
	// content reviewers run them (attempts, grading, release, extra time).
	rt.Handle("GET /exams", sd.PermContentEdit, h.exams)
	rt.Handle("GET /exams/new", sd.PermContentEdit, h.examNew)
	rt.Handle("POST /exams", sd.PermContentEdit, h.examCreate)
	rt.Handle("GET /exams/{id}", sd.PermContentEdit, h.examShow)
	rt.Handle("GET /exams/{id}/edit", sd.PermContentEdit, h.examEdit)
	rt.Handle("POST /exams/{id}", sd.PermContentEdit, h.examUpdate)
	rt.Handle("POST /exams/{id}/status", sd.PermContentEdit, h.examStatus)
	rt.Handle("POST /exams/{id}/paper", sd.PermContentEdit, h.examPaper)
	rt.Handle("GET /exams/{id}/pick", sd.PermContentEdit, h.examPick)
	rt.Handle("POST /exams/{id}/release", sd.PermContentEdit, h.examRelease)
	rt.Handle("POST /exams/{id}/regrade", sd.PermContentEdit, h.examRegrade)
	rt.Handle("GET /exams/{id}/stats", sd.PermContentEdit, h.examStats)
	rt.Handle("GET /exams/{id}/scores.xlsx", sd.PermContentEdit, h.examScores)
	rt.Handle("GET /exams/{id}/attempts/{aid}", sd.PermContentEdit, h.attemptReview)
	rt.Handle("POST /exams/{id}/attempts/{aid}/grade", sd.PermContentEdit, h.attemptGrade)
	rt.Handle("POST /exams/{id}/attempts/{aid}/extra", sd.PermContentEdit, h.attemptExtra)
	rt.Handle("GET /grading", sd.PermContentEdit, h.gradingQueue)

	// Taking exams: anyone signed in; the app checks the audience and that
	// every attempt read or written is the caller's own.
	rt.Handle("GET /my/exams", sd.PermSignedIn, h.myExams)
	rt.Handle("POST /my/exams/{id}/start", sd.PermSignedIn, h.examStart)
	rt.Handle("GET /attempts/{id}", sd.PermSignedIn, h.attemptTake)
	rt.Handle("POST /attempts/{id}/answers", sd.PermSignedIn, h.attemptAnswers)
	rt.Handle("GET /attempts/{id}/clock", sd.PermSignedIn, h.attemptClock)
	rt.Handle("POST /attempts/{id}/signal", sd.PermSignedIn, h.attemptSignal)
	rt.Handle("POST /attempts/{id}/takeover", sd.PermSignedIn, h.attemptTakeover)
	rt.Handle("POST /attempts/{id}/finish", sd.PermSignedIn, h.attemptFinish)
	rt.Handle("GET /attempts/{id}/result", sd.PermSignedIn, h.attemptResult)

	// The curriculum: everyone signed in reads it; progress is each
	// person's own (the app keys it by the caller).
	rt.Handle("GET /learn", sd.PermSignedIn, h.learnHome)
	rt.Handle("GET /learn/paths/{id}", sd.PermSignedIn, h.learnPath)
	rt.Handle("GET /learn/courses/{id}", sd.PermSignedIn, h.learnCourse)
	rt.Handle("GET /learn/units/{id}", sd.PermSignedIn, h.learnUnit)
	rt.Handle("POST /learn/units/{id}/done", sd.PermSignedIn, h.learnUnitDone)
	rt.Handle("GET /learn/sops/{id}", sd.PermSignedIn, h.learnSOP)
	rt.Handle("POST /learn/runs", sd.PermSignedIn, h.sopRunStart)
	rt.Handle("GET /learn/runs/{id}", sd.PermSignedIn, h.sopRun)
	rt.HandleUpload("POST /learn/runs/{id}/steps/{n}", sd.PermSignedIn, h.sopRunStep, runUploadLimit)
	rt.Handle("POST /learn/runs/{id}/files/{file}/remove", sd.PermSignedIn, h.sopRunFileRemove)
	rt.Handle("GET /learn/runs/{id}/files/{file}", sd.PermSignedIn, h.sopRunFile)
	rt.Handle("POST /learn/runs/{id}/submit", sd.PermSignedIn, h.sopRunSubmit)
	rt.Handle("POST /learn/runs/{id}/review", sd.PermPracticeSignOff, h.sopRunReview)
	rt.Handle("GET /signoffs", sd.PermPracticeSignOff, h.signoffs)
	rt.Handle("POST /learn/changes/{ref}/ack", sd.PermSignedIn, h.changeAck)
	rt.Handle("GET /curriculum/units/{id}/edit", sd.PermContentEdit, h.lessonEdit)
	rt.Handle("POST /curriculum/units/{id}/edit", sd.PermContentEdit, h.lessonSave)
	rt.Handle("GET /curriculum", sd.PermSignedIn, h.curriculum)
	rt.Handle("GET /curriculum/map", sd.PermSignedIn, h.knowledgeMap)

	// The mistake deck: each person's own.
	rt.Handle("GET /review", sd.PermSignedIn, h.review)
	rt.Handle("POST /review/{id}", sd.PermSignedIn, h.reviewRate)

	// Versions of any material; the app checks each material's own rules.
	rt.Handle("GET /materials/{id}/versions", sd.PermContentEdit, h.materialVersions)
	rt.Handle("GET /materials/{id}/versions/{no}", sd.PermContentEdit, h.materialVersion)
	rt.Handle("GET /materials/{id}/compare", sd.PermContentEdit, h.materialCompare)
	rt.Handle("POST /materials/{id}/versions/{no}/submit", sd.PermContentEdit, h.versionSubmit)
	rt.Handle("POST /materials/{id}/versions/{no}/review", sd.PermContentReview, h.versionReview)
	rt.Handle("POST /materials/{id}/versions/{no}/rollback", sd.PermContentEdit, h.versionRollback)
	rt.Handle("GET /reviews", sd.PermContentReview, h.reviews)

	rt.Handle("GET /account", sd.PermSignedIn, h.account)
	rt.HandleUpload("POST /account/photo", sd.PermSignedIn, h.accountPhoto, photoLimit)
	rt.Handle("POST /account/photo/remove", sd.PermSignedIn, h.accountPhotoRemove)
	rt.Handle("GET /account/password", sd.PermSignedIn, h.passwordForm)
	rt.Handle("POST /account/password", sd.PermSignedIn, h.passwordChange)
	rt.Handle("POST /account/sessions/{id}/revoke", sd.PermSignedIn, h.sessionRevoke)
	rt.Handle("GET /account/tokens", sd.PermSignedIn, h.tokens)
	rt.Handle("POST /account/tokens", sd.PermSignedIn, h.tokenCreate)
	rt.Handle("POST /account/tokens/{id}/revoke", sd.PermSignedIn, h.tokenRevoke)

	rt.Handle("GET /audit", sd.PermAuditRead, h.auditList)
	rt.Handle("GET /audit/export", sd.PermAuditRead, h.auditExport)
	rt.Handle("GET /audit/verify", sd.PermAuditRead, h.auditVerify)

	// Files check per object who may read them (see app.OpenFile).
	rt.Handle("GET /files/{id}", sd.PermSignedIn, h.fileServe)
}
