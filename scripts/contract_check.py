"""Outside-style checks of CONTRACT.md against a running demo: python scripts/contract_check.py [http://127.0.0.1:8000]

Run after `bash scripts/start.sh` (it changes demo data: submits, reviews, logs airings, budgets, feedback).
Prints one line per check and the number of failures; exits 1 if any failed.
"""

import datetime
import io
import json
import sys
import urllib.error
import urllib.request
import zipfile

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
fails = []


def call(method, path, body=None, token=None, raw=False, headers=None):
    h = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        h["Authorization"] = f"Bearer {token}"
    h.update(headers or {})
    req = urllib.request.Request(
        BASE + path, data=json.dumps(body).encode() if body is not None else None, method=method, headers=h
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            data = r.read()
            return r.status, (data if raw else json.loads(data or b"null"))
    except urllib.error.HTTPError as e:
        data = e.read()
        try:
            return e.code, json.loads(data)
        except Exception:
            return e.code, data


def check(cond, msg):
    print(("ok  " if cond else "FAIL") + " " + msg)
    if not cond:
        fails.append(msg)


def tok(u):
    return call("POST", "/api/v1/auth/token", {"username": u, "password": "kehoach-demo"})[1]["token"]


check(call("GET", "/healthz")[1] == {"status": "ok"}, "healthz")
check(call("GET", "/api/v1/units")[0] == 401, "anonymous 401")
check(
    call("POST", "/api/v1/auth/token", {"username": "noivu", "password": "x"})[0] == 401,
    "wrong password refused",
)
nv, pd, ph, tk, ld, vh, vp = (
    tok(u) for u in ["noivu", "phuocdan", "phuochau", "tckh", "lanhdao", "vhtt", "vpub"]
)
units = call("GET", "/api/v1/units", token=nv)[1]
check(len(units) >= 25, f"units {len(units)} >= 25")
check(sum(u["kind"] in ("commune", "town", "ward") for u in units) >= 9, "9 commune-level units")
plans = [
    p
    for p in call("GET", "/api/v1/plans", token=nv)[1]
    if p["title"] == "Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021"
]
check(len(plans) == 1 and plans[0]["number"] == "19/KH-UBND", "plan listed once")
pid = plans[0]["id"]
acts = call("GET", f"/api/v1/plans/{pid}/activities", token=nv)[1]
check(len(acts) == 7, "7 activities")
byid = {u["id"]: u["name"] for u in units}
check(
    byid[acts[3]["lead_unit_id"]] == "Trung tâm Văn hóa thể thao và truyền thanh huyện",
    "activity 4 lead = radio centre",
)
check(byid[acts[4]["lead_unit_id"]] == "Văn phòng HĐND-UBND", "activity 5 lead = VP")
check((acts[2]["start"], acts[2]["end"], acts[0]["regular"]) == ("2021-01-01", "2021-03-31", True), "dates")
a1 = acts[0]
check(
    call("PATCH", f"/api/v1/activities/{a1['id']}", {"progress": 10, "version": a1["version"]}, token=pd)[0]
    == 403,
    "phuocdan patch 403",
)
check(
    call(
        "PATCH",
        f"/api/v1/activities/{a1['id']}",
        {"progress": 10, "version": a1["version"] - 1 if a1["version"] > 1 else 999},
        token=nv,
    )[0]
    == 409,
    "stale 409",
)
dl = call(
    "GET",
    f"/api/v1/deliverables?plan={pid}&unit={[u['id'] for u in units if u['code'] == 'phuocdan'][0]}",
    token=pd,
)[1]
periods = {(d["kind"], d["period"]) for d in dl}
sub = [d for d in dl if d["kind"] == "subplan"]
check(sub and sub[0]["due"] == "2021-01-26", "phuocdan subplan due 2021-01-26")
check(("report", "2021-H1") in periods and ("report", "2021") in periods, "phuocdan H1 and annual reports")
check(
    any(
        d["kind"] == "report" and d["period"].startswith("2021") and d["status"] in ("pending", "missed")
        for d in dl
    ),
    "phuocdan has an open 2021 report",
)
h1 = call("GET", f"/api/v1/deliverables?plan={pid}&period=2021-H1&kind=report", token=nv)[1]
check(
    len({d["unit_id"] for d in h1}) >= 18,
    f"H1 report deliverables for {len({d['unit_id'] for d in h1})} units",
)
open_pd = [d for d in dl if d["status"] in ("pending", "missed", "returned")]
d0 = open_pd[0]
check(
    call("POST", f"/api/v1/deliverables/{d0['id']}/submit", {"text": "x"}, token=ph)[0] == 403,
    "phuochau cannot submit for phuocdan",
)
s, r = call("POST", f"/api/v1/deliverables/{d0['id']}/submit", {"text": "Báo cáo"}, token=pd)
check(s == 200 and r["status"] == "late", f"late submission -> {s} {r if s != 200 else r['status']}")
check(
    call("POST", f"/api/v1/deliverables/{d0['id']}/review", {"decision": "accept", "comment": ""}, token=pd)[
        0
    ]
    == 403,
    "only noivu reviews",
)
check(
    call(
        "POST", f"/api/v1/deliverables/{d0['id']}/review", {"decision": "accept", "comment": "ok"}, token=nv
    )[0]
    == 200,
    "noivu reviews",
)
c = call("GET", f"/api/v1/plans/{pid}/completeness?period=2021-H1", token=nv)[1]
check(
    sum(u["expected"] for u in c["by_unit"]) == c["expected"]
    and sum(u["submitted"] for u in c["by_unit"]) == c["submitted"]
    and c["rate"] <= 1,
    f"completeness adds up {c['expected']}/{c['submitted']}",
)
comp = call("GET", f"/api/v1/plans/{pid}/broadcast-compliance?from=2021-01-01&to=2021-12-31", token=nv)[1]
empty = [w for w in comp["weeks"] if w["count"] == 0 and w["minutes"] == 0]
check(bool(empty), "a week with no airing")
radio = [u["id"] for u in units if u["code"] == "vhtt"][0]
if empty:
    wk = empty[0]["week"]
    y, w = wk.split("-W")
    monday = datetime.date.fromisocalendar(int(y), int(w), 2)
    check(
        call(
            "POST",
            "/api/v1/broadcasts",
            {"unit_id": radio, "aired_at": f"{monday}T18:00:00+07:00", "minutes": 8, "title": "t"},
            token=pd,
        )[0]
        == 403,
        "commune cannot log radio broadcasts",
    )
    call(
        "POST",
        "/api/v1/broadcasts",
        {"unit_id": radio, "aired_at": f"{monday}T18:00:00+07:00", "minutes": 8, "title": "t"},
        token=vh,
    )
    wk8 = [
        x
        for x in call(
            "GET", f"/api/v1/plans/{pid}/broadcast-compliance?from=2021-01-01&to=2021-12-31", token=nv
        )[1]["weeks"]
        if x["week"] == wk
    ][0]
    check(not wk8["compliant"], "8-minute airing does not comply")
    call(
        "POST",
        "/api/v1/broadcasts",
        {"unit_id": radio, "aired_at": f"{monday}T19:00:00+07:00", "minutes": 12, "title": "t"},
        token=vh,
    )
    wk12 = [
        x
        for x in call(
            "GET", f"/api/v1/plans/{pid}/broadcast-compliance?from=2021-01-01&to=2021-12-31", token=nv
        )[1]["weeks"]
        if x["week"] == wk
    ][0]
    check(wk12["compliant"], "12-minute airing complies")
s, b = call(
    "POST",
    "/api/v1/budgets",
    {
        "plan_id": pid,
        "unit_id": [u["id"] for u in units if u["code"] == "phuocdan"][0],
        "source": "state_budget",
        "items": [{"description": "In tờ gấp", "amount": 3000000}],
    },
    token=pd,
)
check(s == 201, "budget estimate 201")
check(
    call(
        "POST", f"/api/v1/budgets/{b['id']}/appraise", {"appraised_amount": 2500000, "comment": ""}, token=pd
    )[0]
    == 403,
    "appraise finance only",
)
check(
    call("POST", f"/api/v1/budgets/{b['id']}/approve", {"approved_amount": 2500000, "comment": ""}, token=ld)[
        0
    ]
    == 409,
    "approve before appraisal 409",
)
check(
    call(
        "POST", f"/api/v1/budgets/{b['id']}/appraise", {"appraised_amount": 2500000, "comment": ""}, token=tk
    )[0]
    == 200,
    "tckh appraises",
)
check(
    call("POST", f"/api/v1/budgets/{b['id']}/approve", {"approved_amount": 2500000, "comment": ""}, token=tk)[
        0
    ]
    == 403,
    "approve leader only",
)
check(
    call("POST", f"/api/v1/budgets/{b['id']}/approve", {"approved_amount": 2500000, "comment": ""}, token=ld)[
        0
    ]
    == 200,
    "leader approves",
)
check(
    call("POST", f"/api/v1/budgets/{b['id']}/approve", {"approved_amount": 2500000, "comment": ""}, token=ld)[
        0
    ]
    == 409,
    "second approval 409",
)
check(
    call(
        "POST",
        "/api/v1/budgets",
        {
            "plan_id": pid,
            "unit_id": radio,
            "source": "state_budget",
            "items": [{"description": "x", "amount": -5}],
        },
        token=vh,
    )[0]
    in (400, 422),
    "negative amount 4xx",
)
s, docx = call("GET", f"/api/v1/plans/{pid}/report?period=2021-H1&format=docx", token=nv, raw=True)
check(s == 200 and docx[:2] == b"PK", "report docx")
if s == 200:
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nơi nhận",
        "/BC-",
        "tháng",
    ]:
        check(needle in xml, f"docx contains {needle}")
    c2 = call("GET", f"/api/v1/plans/{pid}/completeness?period=2021-H1", token=nv)[1]
    check(str(c2["expected"]) in xml and str(c2["submitted"]) in xml, "docx has completeness numbers")
s, pdf = call("GET", f"/api/v1/plans/{pid}/report?period=2021-H1&format=pdf", token=nv, raw=True)
check(s == 200 and pdf[:4] == b"%PDF", "report pdf")
s, xlsx = call("GET", f"/api/v1/plans/{pid}/report?period=2021-H1&format=xlsx", token=nv, raw=True)
check(s == 200 and xlsx[:2] == b"PK", "report xlsx")
check(
    call("GET", f"/api/v1/plans/{pid}/report?period=2021-H1&format=docx", token=pd, raw=True)[0] == 403,
    "commune cannot compile 403",
)
s, ics = call("GET", f"/api/v1/plans/{pid}/calendar.ics", token=nv, raw=True)
check(
    s == 200 and b"BEGIN:VCALENDAR" in ics and (b"20210125" in ics or b"20210126" in ics),
    "ics has subplan deadline",
)
rk = call("GET", f"/api/v1/plans/{pid}/ranking?period=2021", token=nv)[1]
check(
    len(rk) >= 18
    and all(rk[i]["score"] >= rk[i + 1]["score"] for i in range(len(rk) - 1))
    and "breakdown" in rk[0],
    f"ranking {len(rk)} units best first",
)
s, page = call("GET", "/public/", raw=True)
check(s == 200 and "Tuyên truyền cải cách hành chính".encode() in page, "public page")
s, fb = call(
    "POST",
    "/api/v1/public/feedback",
    {
        "content": "Thủ tục cấp giấy chứng nhận quyền sử dụng đất quá chậm.",
        "procedure": "Đất đai",
        "name": "Nguyễn Văn A",
        "contact": "0900000000",
    },
)
check(s == 201 and fb.get("code"), "feedback 201 code")
s, look = call("GET", f"/api/v1/public/feedback/{fb['code']}")
check(
    s == 200
    and "Nguyễn Văn A" not in json.dumps(look, ensure_ascii=False)
    and "0900000000" not in json.dumps(look),
    "lookup no personal data",
)
check(call("GET", "/api/v1/public/feedback/PA-0000-XXXXXX")[0] == 404, "unknown code 404")
check(call("GET", "/api/v1/openapi.json")[0] == 200, "openapi")
print("FAILURES:", len(fails))
sys.exit(1 if fails else 0)
