package api

import sd "github.com/shopdojo/shopdojo"

// routes is the whole route table of the API; every route names the
// permission it requires, and openapi.yaml must describe exactly these
// routes (a test compares them). Object-level scoping of people is the
// app's job, so people reads only require a signed-in caller.
func (h *Handler) routes() {
	rt := h.Router
	rt.Handle("GET /api/v1/openapi.json", sd.PermPublic, h.openAPI)
	rt.Handle("GET /api/v1/me", sd.PermSignedIn, h.me)

	rt.Handle("GET /api/v1/people", sd.PermSignedIn, h.peopleList)
	rt.Handle("POST /api/v1/people", sd.PermPeopleManage, h.personCreate)
	rt.Handle("GET /api/v1/people/{id}", sd.PermSignedIn, h.personGet)
	rt.Handle("PUT /api/v1/people/{id}", sd.PermPeopleManage, h.personPut)
	rt.Handle("PATCH /api/v1/people/{id}", sd.PermPeopleManage, h.personPatch)

	rt.Handle("GET /api/v1/departments", sd.PermOrgRead, h.departmentList)
	rt.Handle("POST /api/v1/departments", sd.PermOrgManage, h.departmentCreate)
	rt.Handle("GET /api/v1/departments/{id}", sd.PermOrgRead, h.departmentGet)
	rt.Handle("PUT /api/v1/departments/{id}", sd.PermOrgManage, h.departmentPut)
	rt.Handle("DELETE /api/v1/departments/{id}", sd.PermOrgManage, h.departmentDelete)

	rt.Handle("GET /api/v1/positions", sd.PermOrgRead, h.positionList)
	rt.Handle("POST /api/v1/positions", sd.PermOrgManage, h.positionCreate)
	rt.Handle("GET /api/v1/positions/{id}", sd.PermOrgRead, h.positionGet)
	rt.Handle("PUT /api/v1/positions/{id}", sd.PermOrgManage, h.positionPut)
	rt.Handle("DELETE /api/v1/positions/{id}", sd.PermOrgManage, h.positionDelete)

	rt.Handle("GET /api/v1/stores", sd.PermOrgRead, h.storeList)
	rt.Handle("POST /api/v1/stores", sd.PermOrgManage, h.storeCreate)
	rt.Handle("GET /api/v1/stores/{id}", sd.PermOrgRead, h.storeGet)
	rt.Handle("PUT /api/v1/stores/{id}", sd.PermOrgManage, h.storePut)
	rt.Handle("DELETE /api/v1/stores/{id}", sd.PermOrgManage, h.storeDelete)
	rt.Handle("GET /api/v1/stores/{id}/kpis", sd.PermStoreDataRead, h.storeKPIs)

	rt.Handle("GET /api/v1/groups", sd.PermPeopleRead, h.groupList)
	rt.Handle("POST /api/v1/groups", sd.PermGroupsManage, h.groupCreate)
	rt.Handle("GET /api/v1/groups/{id}", sd.PermPeopleRead, h.groupGet)
	rt.Handle("PUT /api/v1/groups/{id}", sd.PermGroupsManage, h.groupPut)
	rt.Handle("DELETE /api/v1/groups/{id}", sd.PermGroupsManage, h.groupDelete)
	rt.Handle("GET /api/v1/groups/{id}/members", sd.PermPeopleRead, h.groupMembers)
	rt.Handle("POST /api/v1/groups/{id}/members", sd.PermGroupsManage, h.groupAddMembers)
	rt.Handle("DELETE /api/v1/groups/{id}/members/{person}", sd.PermGroupsManage, h.groupRemoveMember)

	// The knowledge base: the app decides who reads which item, as on the web.
	rt.Handle("GET /api/v1/kb/items", sd.PermSignedIn, h.kbList)
	rt.Handle("POST /api/v1/kb/items", sd.PermContentEdit, h.kbCreate)
	rt.Handle("GET /api/v1/kb/items/{id}", sd.PermSignedIn, h.kbGet)
	rt.Handle("PUT /api/v1/kb/items/{id}", sd.PermContentEdit, h.kbPut)
	rt.Handle("POST /api/v1/kb/items/{id}/reviewed", sd.PermSignedIn, h.kbReviewed)
	rt.Handle("GET /api/v1/kb/reviews", sd.PermSignedIn, h.kbReviews)
	rt.Handle("GET /api/v1/kb/categories", sd.PermSignedIn, h.kbCategoryList)
	rt.Handle("POST /api/v1/kb/categories", sd.PermContentEdit, h.kbCategoryCreate)
	rt.Handle("GET /api/v1/search", sd.PermSignedIn, h.search)
}
