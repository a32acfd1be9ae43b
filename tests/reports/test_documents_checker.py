"""Every document type the app drafts passes the Decree 30 checker, in DOCX and in PDF, on the demo."""

import datetime

import time_machine

from tests.reports.checker import check_docx, check_pdf, text_problems


def test_checker_catches_the_problems_it_is_for():
    assert text_problems("Tuần 2021-W06 có None", "report")
    assert text_problems("Kinh phí 1.000 đ", "report")
    assert text_problems("Tuyên truyền CCHC năm 2021", "report")
    assert not text_problems("Tuyên truyền cải cách hành chính (CCHC) năm 2021; CCHC", "report")


def test_the_demo_documents_pass_the_checker(demo):
    from django.contrib.auth import get_user_model

    from kehoach.reports.documents import compile as c

    user = get_user_model().objects.get(username="noivu")
    july, january = datetime.date(2021, 7, 5), datetime.date(2022, 1, 10)
    makers = {
        ("report", "2021-H1"): lambda fmt: c.compile_report(user, demo, "2021-H1", fmt, july),
        ("report", "2021"): lambda fmt: c.compile_report(user, demo, "2021", fmt, january),
        ("plan", ""): lambda fmt: c.compile_plan(user, demo, fmt),
        ("urging", "2021-H1"): lambda fmt: c.compile_urging(user, demo, "2021-H1", fmt, july),
    }
    problems = {}
    with time_machine.travel(datetime.datetime(2022, 1, 10, 9, tzinfo=datetime.UTC), tick=False):
        for (kind, period), make in makers.items():
            problems[(kind, period, "docx")] = check_docx(make("docx").content, kind)
            problems[(kind, period, "pdf")] = check_pdf(make("pdf").content, kind)
    bad = {k: v for k, v in problems.items() if v}
    assert not bad, "\n".join(f"{k}: {v}" for k, v in bad.items())


def test_no_string_of_the_demo_in_the_builders():
    """The report is drafted from the plan's data: no unit name or rule of the demo in the code."""
    from pathlib import Path

    import kehoach.reports.documents as pkg

    root = Path(pkg.__file__).parent
    for name in ("report.py", "annex.py", "urging.py", "common.py", "builders.py"):
        code = (root / name).read_text()
        for demo_string in ("Phòng Nội vụ", "10 phút", "Trung tâm Văn hóa", "Ninh Phước", "Sở Nội vụ"):
            assert demo_string not in code, (name, demo_string)
