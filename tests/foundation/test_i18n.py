"""Internationalisation: Vietnamese by default (msgids are Vietnamese); English from the catalogue.

The English catalogue must be complete (no empty, no fuzzy entries), compiled, and keep every
placeholder; a signed-in user switches language through Django's ``set_language`` view.
"""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

EN_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def _unquote(line: str) -> str:
    body = line.strip()[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), "\\" + m.group(1)), body)


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: ``flags`` (set), ``msgid``, ``msgid_plural``, ``msgstr`` (list).

    Obsolete entries (``#~``) are skipped; they are not part of the catalogue.
    """
    entries, current, key = [], None, None

    def close():
        if current is not None and "msgid" in current:
            entries.append(current)

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            close()
            current, key = None, None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            current["flags"] |= {f.strip() for f in line[2:].split(",") if f.strip()}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if isinstance(key, tuple):
                current["msgstr"][key[1]] += _unquote(line)
            else:
                current[key] += _unquote(line)
        else:
            word, rest = line.split(" ", 1)
            match = re.fullmatch(r"msgstr\[(\d+)\]", word)
            if match:
                key = ("msgstr", int(match.group(1)))
                current["msgstr"][key[1]] = _unquote(rest)
            elif word == "msgstr":
                key = ("msgstr", 0)
                current["msgstr"][0] = _unquote(rest)
            else:
                key = word
                current[key] = _unquote(rest)
    close()
    return entries


@pytest.fixture(scope="module")
def en_entries():
    return [e for e in parse_po(EN_DIR / "django.po") if e["msgid"]]


def test_english_catalogue_is_complete(en_entries):
    assert len(en_entries) > 100, "the English catalogue looks empty: run makemessages"
    empty = [e["msgid"] for e in en_entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    fuzzy = [e["msgid"] for e in en_entries if "fuzzy" in e["flags"]]
    assert not empty, f"{len(empty)} untranslated: {empty[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:10]}"


def test_english_translations_keep_placeholders(en_entries):
    wrong = []
    for e in en_entries:
        expected = sorted(PLACEHOLDER.findall(e["msgid"]))
        for text in e["msgstr"].values():
            if sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append((e["msgid"], text))
    assert not wrong, wrong[:5]


def test_compiled_english_catalogue_matches_the_po(en_entries):
    """The .mo that Django loads holds every translation of the .po (it is compiled and up to date)."""
    with open(EN_DIR / "django.mo", "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    stale = []
    for e in en_entries:
        if "msgid_plural" in e:
            got = [catalogue.ngettext(e["msgid"], e["msgid_plural"], n) for n in (1, 2)]
            if got != [e["msgstr"][0], e["msgstr"][1]]:
                stale.append(e["msgid"])
        elif catalogue.gettext(e["msgid"]) != e["msgstr"][0]:
            stale.append(e["msgid"])
    assert not stale, f"django.mo is out of date (run compilemessages): {stale[:10]}"


def test_default_page_language_is_vietnamese(web):
    html = web("noivu").get("/").content.decode()
    assert '<html lang="vi">' in html
    assert "Việc của tôi" in html and "Đăng xuất" in html


def test_signed_in_user_switches_to_english(web):
    client = web("noivu")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"

    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    nav = html[
        html.index('<nav class="wrap nav"') : html.index("</nav>", html.index('<nav class="wrap nav"'))
    ]
    for label in ["My tasks", "Plan", "Deliverables", "Communication outputs", "Dashboard", "Feedback"]:
        assert f">{label}</a>" in nav, label
    assert "Việc của tôi" not in nav and "Việc phải nộp" not in nav
    assert "Sign out" in html

    back = client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert back.status_code == 302
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_task_states_and_deliverable_statuses_follow_the_language(web, plan):
    """Labels from the pure-Python rules are picked for the chosen language."""
    from kehoach.tracking.models import DeliverableStatus

    client = web("noivu")
    vi = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Chưa bắt đầu" in vi or "Quá hạn" in vi
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    en = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Overdue" in en or "Not started" in en
    assert "Quá hạn" not in en
    from django.utils import translation

    with translation.override("en"):
        assert str(DeliverableStatus.LATE.label) != "Nộp trễ hạn"
    with translation.override("vi"):
        assert str(DeliverableStatus.LATE.label) == "Nộp trễ hạn"
