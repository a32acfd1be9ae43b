"""Ma trận phân quyền, written once: the expected outcome of every route for every demo role.

Read by tests/security/test_permission_matrix.py, which walks Django's URL resolver (pages, GET
only) and the API's OpenAPI document (every operation) and fails on any route missing here.

Roles, in the order of each row: anonymous; coordinator ``noivu`` (Phòng Nội vụ); leader
``lanhdao``; finance ``tckh``; commune officer ``phuocdan`` (the unit that owns the objects a route
points at: its deliverable, budget, output, token); ``phuochau`` (another commune); radio centre
``vhtt``; ``admin`` (superuser).

Outcomes. Pages: ``ok`` (2xx), ``login`` (redirect to sign-in), ``redir`` (another redirect),
else the status (403 a role's refusal, 404 another unit's record or an object absent from the
demo, 405 a POST-only route called with GET, 400 a required query parameter missing).
API: ``ok`` (2xx), ``bad`` (400/409/413/422: authorised, the body or query refused), else the
status (401 anonymous, 403 refused, 404 not found).

API writes get a body that passes their schema (required fields, ids of phuocdan's unit's
objects), so the permission check is reached: ``ok`` means the write went through (in a
savepoint rolled back at once). Where every signed-in role still sees ``bad`` (API_BODY_FIRST: the
imports without their file, the object's state refusing any change) the row proves only that
anonymous callers are refused; the services' own tests cover who may write.
"""

ROLES = ["anonymous", "noivu", "lanhdao", "tckh", "phuocdan", "phuochau", "vhtt", "admin"]

# --- profiles shared by many routes ---
EVERYONE = "ok ok ok ok ok ok ok ok"  # public pages and operations
MEMBERS = "login ok ok ok ok ok ok ok"  # any signed-in member (reading the plan is open to all)
COORDINATORS = "login ok 403 403 403 403 403 ok"  # coordinators (and superusers) only
SEES_ALL_PAGE = "login ok ok 404 404 404 404 ok"  # coordinators and leaders (sees_everything)
POST_ONLY = "login 405 405 405 405 405 405 405"  # a form's target: GET is refused after sign-in
NONE_IN_DEMO = "login 404 404 404 404 404 404 404"  # the demo has no such object (or no file)
API_MEMBERS = "401 ok ok ok ok ok ok ok"
API_BODY_FIRST = "401 bad bad bad bad bad bad bad"
API_SEES_ALL = "401 ok ok 403 403 403 403 ok"
API_NONE_IN_DEMO = "401 404 404 404 404 404 404 404"
API_COORDINATORS_WRITE = "401 bad 403 403 403 403 403 bad"

#: Page routes not called, with the reason.
SKIP_PAGES: dict[str, str] = {}

PAGES = {
    "account-2fa": MEMBERS,
    "account-2fa-backup": POST_ONLY,
    "account-2fa-off": POST_ONLY,
    "account-token-revoke": POST_ONLY,
    "account-tokens": MEMBERS,
    "budgets:detail": "login ok ok ok ok 404 404 ok",
    "budgets:list": MEMBERS,
    "budgets:new": MEMBERS,
    "core:audit": COORDINATORS,
    "healthz": EVERYONE,
    "healthz_db": EVERYONE,
    "home": MEMBERS,
    "indices:list": MEMBERS,
    "indices:template": MEMBERS,
    "jobs:detail": NONE_IN_DEMO,
    "jobs:download": NONE_IN_DEMO,
    "jobs:progress": NONE_IN_DEMO,
    "jobs:start": POST_ONLY,
    "login": EVERYONE,
    "login-code": "login redir redir redir redir redir redir redir",
    "logout": "405 405 405 405 405 405 405 405",
    "notices:detail": "login ok ok 404 ok ok 404 ok",
    "notices:inbox": MEMBERS,
    "notices:letter": "login ok ok 404 ok ok 404 ok",
    "notices:read_all": POST_ONLY,
    "notices:sent": SEES_ALL_PAGE,
    "org:detail": MEMBERS,
    "org:import": COORDINATORS,
    "org:import_people": COORDINATORS,
    "org:import_template": COORDINATORS,
    "org:list": MEMBERS,
    "org:people_template": COORDINATORS,
    "org:setup": COORDINATORS,
    "org:setup_organisation": COORDINATORS,
    "org:setup_reminders": COORDINATORS,
    "org:setup_official": COORDINATORS,
    "org:import_job": NONE_IN_DEMO,
    "outputs:broadcasts": MEMBERS,
    "outputs:delete": POST_ONLY,
    "outputs:file": NONE_IN_DEMO,
    "outputs:import": MEMBERS,
    "outputs:import_template": MEMBERS,
    "outputs:list": MEMBERS,
    "outputs:new": MEMBERS,
    "password_change": MEMBERS,
    "password_reset": EVERYONE,
    "password_reset_complete": EVERYONE,
    "password_reset_confirm": EVERYONE,
    "password_reset_done": EVERYONE,
    "plans:activate": POST_ONLY,
    "plans:activity": MEMBERS,
    "plans:close_year": COORDINATORS,
    "plans:copy": POST_ONLY,
    "plans:detail": MEMBERS,
    "plans:evidence": NONE_IN_DEMO,
    "plans:import": COORDINATORS,  # importing plans is for coordinators and admins
    "plans:import_cancel": POST_ONLY,
    "plans:import_review": "login 404 403 403 403 403 403 404",  # coordinators; no draft in the demo
    "plans:list": MEMBERS,
    "public:feedback": EVERYONE,
    "public:home": EVERYONE,
    "public:lookup": EVERYONE,
    "public:news": EVERYONE,
    "public:plan": EVERYONE,
    "public:procedures": EVERYONE,
    "public:staff_feedback": MEMBERS,
    "public:staff_feedback_detail": SEES_ALL_PAGE,
    "public:staff_news": MEMBERS,
    "reports:calendar": MEMBERS,
    "reports:dashboard": "login ok ok redir redir redir redir ok",
    "reports:document": NONE_IN_DEMO,
    "reports:document_file": NONE_IN_DEMO,
    "reports:document_issue": POST_ONLY,
    "reports:document_sign": POST_ONLY,
    "reports:document_verify": SEES_ALL_PAGE,
    "reports:documents": SEES_ALL_PAGE,
    "reports:ics": "404 404 404 404 404 404 404 404",
    "reports:leader": "login ok ok redir redir redir redir ok",
    "reports:plan_file": MEMBERS,
    "reports:ranking": MEMBERS,
    "reports:report_file": "login 400 400 400 400 400 400 400",
    "reports:unit": MEMBERS,
    "reports:urging_file": "login 400 400 400 400 400 400 400",
    "set_language": "redir redir redir redir redir redir redir redir",
    "tracking:detail": "login ok ok 404 ok 404 404 ok",
    "tracking:evidence": NONE_IN_DEMO,
    "tracking:followup": SEES_ALL_PAGE,
    "tracking:inspection_follow_up": POST_ONLY,
    "tracking:inspections": MEMBERS,
    "tracking:list": MEMBERS,
    "tracking:lock": POST_ONLY,
    "tracking:problem_answer": POST_ONLY,
    "tracking:problems": MEMBERS,
    "tracking:reopen": POST_ONLY,
    "tracking:review": "login ok 404 404 404 404 404 ok",
    "tracking:review_action": POST_ONLY,
}
API = {
    "POST /api/v1/documents/verify": API_BODY_FIRST,  # multipart: called without the PDF
    "POST /api/v1/documents/{document_id}/sign": API_NONE_IN_DEMO,
    "GET /api/v1/activities/{activity_id}": API_MEMBERS,
    "PATCH /api/v1/activities/{activity_id}": API_COORDINATORS_WRITE,
    "POST /api/v1/auth/token": "401 401 401 401 401 401 401 401",
    "GET /api/v1/auth/tokens": API_MEMBERS,
    "DELETE /api/v1/auth/tokens/{token_id}": "401 404 404 404 ok 404 404 ok",  # owner, and admins
    "GET /api/v1/broadcasts": API_MEMBERS,
    "POST /api/v1/broadcasts": "401 403 403 403 ok 403 403 ok",
    "GET /api/v1/budgets": API_MEMBERS,
    "POST /api/v1/budgets": "401 403 403 403 ok 403 403 ok",
    "GET /api/v1/budgets/{budget_id}": "401 ok ok ok ok 403 403 ok",
    "PUT /api/v1/budgets/{budget_id}": "401 403 403 403 ok 403 403 ok",
    "POST /api/v1/budgets/{budget_id}/appraise": "401 403 403 ok 403 403 403 ok",
    "POST /api/v1/budgets/{budget_id}/approve": "401 403 bad 403 403 403 403 bad",
    "POST /api/v1/budgets/{budget_id}/return": "401 403 ok ok 403 403 403 ok",
    "GET /api/v1/deliverables": API_MEMBERS,
    "GET /api/v1/deliverables/{deliverable_id}": "401 ok ok 403 ok 403 403 ok",
    "GET /api/v1/deliverables/{deliverable_id}/prefill": "401 ok ok 403 ok 403 403 ok",
    "POST /api/v1/deliverables/{deliverable_id}/review": API_COORDINATORS_WRITE,
    "POST /api/v1/deliverables/{deliverable_id}/submit": "401 403 403 403 bad 403 403 bad",
    "GET /api/v1/documents/{document_id}": API_NONE_IN_DEMO,
    "GET /api/v1/documents/{document_id}/file": API_NONE_IN_DEMO,
    "POST /api/v1/documents/{document_id}/issue": API_NONE_IN_DEMO,
    "PUT /api/v1/documents/{document_id}/sections/{key}": API_NONE_IN_DEMO,
    "GET /api/v1/feedback": API_MEMBERS,
    "POST /api/v1/feedback/{feedback_id}/answer": "401 bad bad 403 403 403 403 bad",
    "POST /api/v1/feedback/{feedback_id}/publish": API_COORDINATORS_WRITE,
    "POST /api/v1/feedback/{feedback_id}/route": API_COORDINATORS_WRITE,
    "GET /api/v1/indices": API_MEMBERS,
    "POST /api/v1/indices": API_COORDINATORS_WRITE,
    "POST /api/v1/indices/import": API_BODY_FIRST,
    "GET /api/v1/inspections": API_MEMBERS,
    "POST /api/v1/inspections": "401 ok 403 403 403 403 403 ok",
    "POST /api/v1/inspections/{inspection_id}/follow-up": "401 ok 403 403 ok 403 403 ok",
    "GET /api/v1/jobs": API_MEMBERS,
    "POST /api/v1/jobs": API_BODY_FIRST,
    "GET /api/v1/jobs/{job_id}": API_NONE_IN_DEMO,
    "GET /api/v1/jobs/{job_id}/result": API_NONE_IN_DEMO,
    "GET /api/v1/notices": API_MEMBERS,
    "GET /api/v1/notices/{notice_id}/delivery": API_SEES_ALL,
    "POST /api/v1/notices/{notice_id}/read": "401 403 403 403 ok ok 403 403",
    "GET /api/v1/outputs": API_MEMBERS,
    "POST /api/v1/outputs": "401 403 403 403 ok 403 403 ok",
    "GET /api/v1/outputs/codes": API_MEMBERS,
    "GET /api/v1/outputs/{output_id}": API_MEMBERS,
    "GET /api/v1/plans": API_MEMBERS,
    "POST /api/v1/plans/close-year": API_COORDINATORS_WRITE,
    "POST /api/v1/plans/import": API_BODY_FIRST,
    "GET /api/v1/plans/{plan_id}": API_MEMBERS,
    "POST /api/v1/plans/{plan_id}/activate": API_COORDINATORS_WRITE,
    "GET /api/v1/plans/{plan_id}/activities": API_MEMBERS,
    "GET /api/v1/plans/{plan_id}/broadcast-compliance": API_MEMBERS,
    "GET /api/v1/plans/{plan_id}/budget-totals": API_MEMBERS,
    "GET /api/v1/plans/{plan_id}/calendar.ics": API_MEMBERS,
    "GET /api/v1/plans/{plan_id}/completeness": API_BODY_FIRST,
    "POST /api/v1/plans/{plan_id}/copy": "401 ok 403 403 403 403 403 ok",  # a valid year: coordinators copy
    "GET /api/v1/plans/{plan_id}/dashboard": API_SEES_ALL,
    "GET /api/v1/plans/{plan_id}/documents": API_SEES_ALL,
    "POST /api/v1/plans/{plan_id}/documents": API_BODY_FIRST,
    "GET /api/v1/plans/{plan_id}/duties": API_MEMBERS,
    "GET /api/v1/plans/{plan_id}/export": API_MEMBERS,
    "GET /api/v1/plans/{plan_id}/ranking": API_MEMBERS,
    "GET /api/v1/plans/{plan_id}/ranking-weights": API_MEMBERS,
    "PUT /api/v1/plans/{plan_id}/ranking-weights": "401 ok 403 403 403 403 403 ok",
    "GET /api/v1/plans/{plan_id}/report": API_BODY_FIRST,
    "POST /api/v1/plans/{plan_id}/urging": API_BODY_FIRST,
    "GET /api/v1/plans/{plan_id}/urging-letter": API_BODY_FIRST,
    "GET /api/v1/problems": API_MEMBERS,
    "POST /api/v1/problems": "401 403 403 403 ok 403 403 ok",
    "POST /api/v1/problems/{problem_id}/answer": "401 bad bad 403 403 403 403 bad",
    "POST /api/v1/problems/{problem_id}/forward": API_COORDINATORS_WRITE,
    "POST /api/v1/public/feedback": "bad bad bad bad bad bad bad bad",
    "GET /api/v1/public/feedback/form-token": EVERYONE,
    "GET /api/v1/public/feedback/{code}": EVERYONE,
    "GET /api/v1/public/news": EVERYONE,
    "GET /api/v1/public/plans": EVERYONE,
    "GET /api/v1/public/procedures": EVERYONE,
    "GET /api/v1/units": API_MEMBERS,
    "POST /api/v1/units/import": API_BODY_FIRST,
    "POST /api/v1/units/import-official": API_COORDINATORS_WRITE,
    "GET /api/v1/units/{unit_id}": API_MEMBERS,
}
