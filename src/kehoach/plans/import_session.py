"""Nhập kế hoạch từ văn bản: keeping a parsed document between the upload and the review.

Reading and saving are ``plans.import_service``'s (shared with the API); nothing is written to the
plan tables until the person confirms on the review page. Between the
two steps the importer's object lives in the user's (server-side) session, signed so that a
tampered or stale entry is refused rather than trusted, with the source text capped so one
upload cannot bloat the session table.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing

from kehoach.plans.import_service import MAX_SOURCE_CHARS, PARSE_TIME_LIMIT, NotAPlanError, refusal  # noqa: F401

SESSION_KEY = "kehoach_plan_imports"
SALT = "kehoach.plans.import"
#: An upload waits this long for its review before it must be uploaded again.
MAX_AGE_SECONDS = 24 * 3600
#: Drafts kept per session: starting a new upload drops the oldest beyond this.
MAX_DRAFTS = 3


#: Seconds a parse may take inside a request (well under the server's worker timeout): past it the
#: upload is refused and nothing is kept, rather than saved after the client gave up.
@dataclass
class ImportDraft:
    """Một văn bản đã đọc, chờ người dùng kiểm tra trước khi lưu."""

    token: str
    data: dict
    source_name: str
    source_sha256: str
    source_text: str

    @property
    def warnings(self) -> list[str]:
        return list(self.data.get("warnings") or [])


def store(session, data: dict, *, source_name: str, source_sha256: str, source_text: str) -> str:
    """Keep a parsed document in the session; return the token naming it in URLs."""
    token = secrets.token_urlsafe(9)
    payload = {
        "data": data,
        "source_name": source_name[:255],
        "source_sha256": source_sha256,
        "source_text": source_text[:MAX_SOURCE_CHARS],
    }
    drafts = dict(session.get(SESSION_KEY) or {})
    while len(drafts) >= MAX_DRAFTS:
        drafts.pop(next(iter(drafts)))
    drafts[token] = signing.dumps(payload, salt=SALT, compress=True)
    session[SESSION_KEY] = drafts
    return token


def replace_data(session, draft: ImportDraft, data: dict) -> None:
    """Keep ``data`` as the draft's importer object (rows added, split or merged on review)."""
    drafts = dict(session.get(SESSION_KEY) or {})
    payload = {
        "data": data,
        "source_name": draft.source_name,
        "source_sha256": draft.source_sha256,
        "source_text": draft.source_text,
    }
    drafts[draft.token] = signing.dumps(payload, salt=SALT, compress=True)
    session[SESSION_KEY] = drafts


def load(session, token: str) -> ImportDraft | None:
    """The draft named ``token`` in this session, or None (unknown, expired or tampered)."""
    signed = (session.get(SESSION_KEY) or {}).get(token)
    if not signed:
        return None
    try:
        payload = signing.loads(signed, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        discard(session, token)
        return None
    return ImportDraft(token=token, **payload)


def discard(session, token: str) -> None:
    drafts = dict(session.get(SESSION_KEY) or {})
    if drafts.pop(token, None) is not None:
        session[SESSION_KEY] = drafts


# --- Unit names: how each name in the document resolves -------------------------------------

METHOD_LABELS = {
    "exact": ("Khớp chính xác", "ok"),
    "alias": ("Tên gọi khác đã biết", "ok"),
    "fuzzy": ("Gần đúng", "warn"),
    "none": ("Chưa xác định", "bad"),
}


@dataclass
class NameRow:
    """One organisation name the document uses, and what it resolved to."""

    name: str
    method: str
    score: float
    target: object | None  # Unit or UnitGroup
    places: list[str]

    @property
    def needs_choice(self) -> bool:
        return self.method in ("fuzzy", "none")

    @property
    def label(self) -> str:
        return METHOD_LABELS[self.method][0]

    @property
    def tag(self) -> str:
        return METHOD_LABELS[self.method][1]

    @property
    def suggestion(self) -> str:
        """The mapping value the select starts on."""
        from kehoach.org.models import Unit

        if self.target is None:
            return "none"
        return f"{'unit' if isinstance(self.target, Unit) else 'group'}:{self.target.pk}"


def lead_key(row: dict) -> str | None:
    """The name save_imported_plan resolves for an activity's lead (canonical name first)."""
    return row.get("lead_unit") or row.get("lead")


def names_in(data: dict) -> list[tuple[str, str]]:
    """(name, where) for every organisation name save_imported_plan will resolve, in document order."""
    out: list[tuple[str, str]] = []
    for row in data.get("activities") or []:
        no = row.get("no") or "?"
        if lead_key(row):
            out.append((lead_key(row), f"Nhiệm vụ {no}: chủ trì"))
        for name in row.get("coordinators") or []:
            out.append((name, f"Nhiệm vụ {no}: phối hợp"))
    for row in data.get("duties") or []:
        section = row.get("section") or "?"
        for name in row.get("who") or []:
            out.append((name, f"Mục {section}"))
        if row.get("report_to"):
            out.append((row["report_to"], f"Mục {section}: gửi về"))
    return out


def resolve_names(data: dict, index=None) -> list[NameRow]:
    """Each distinct name once, with its resolution and the places it is used."""
    from kehoach.org.services import NameIndex

    index = index or NameIndex()
    rows: dict[str, NameRow] = {}
    for name, where in names_in(data):
        name = (name or "").strip()
        if not name:
            continue
        row = rows.get(name)
        if row is None:
            res = index.resolve(name)
            row = rows[name] = NameRow(
                name=name, method=res.method, score=res.score, target=res.unit or res.group, places=[]
            )
        if where not in row.places:
            row.places.append(where)
    return list(rows.values())
