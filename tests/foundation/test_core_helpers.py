"""The shared helpers of core: one unit scope for every model, one upload check, one 422 error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.core.errors import Invalid, TooLarge
from kehoach.core.uploads import EVIDENCE, OUTPUTS_SHEET, PLAN_DOCUMENT, check_upload


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _scoped_models():
    from kehoach.budgets.models import Budget
    from kehoach.public.models import Feedback, NewsItem
    from kehoach.tracking.models import Deliverable

    return [(Deliverable, "unit_id"), (Budget, "unit_id"), (NewsItem, "unit_id"), (Feedback, "routed_to_id")]


def test_every_unit_scoped_model_shows_a_commune_only_its_own_rows(demo, org):
    own = org["phuocdan"].pk
    officer, coordinator = _user("phuocdan"), _user("noivu")
    for model, field in _scoped_models():
        everything = model.objects.count()
        mine = model.objects.for_user(officer)
        assert set(mine.values_list(field, flat=True)) <= {own}, model
        assert mine.count() == model.objects.filter(**{field: own}).count(), model
        assert model.objects.for_user(coordinator).count() == everything, model


def test_anonymous_sees_no_unit_rows(demo):
    from django.contrib.auth.models import AnonymousUser

    for model, _ in _scoped_models():
        assert not model.objects.for_user(AnonymousUser()).exists()
        assert not model.objects.for_user(None).exists()


def test_finance_sees_every_units_budget_but_only_its_own_deliverables(demo, org):
    from kehoach.budgets.models import Budget
    from kehoach.tracking.models import Deliverable

    finance = _user("tckh")
    assert Budget.objects.for_user(finance).count() == Budget.objects.count()
    assert set(Deliverable.objects.for_user(finance).values_list("unit_id", flat=True)) <= {org["tckh"].pk}


@pytest.mark.parametrize(
    ("name", "size", "kind", "error"),
    [
        ("ke-hoach.xls", 10, PLAN_DOCUMENT, Invalid),
        ("KE-HOACH.DOCX", 21 * 1024 * 1024, PLAN_DOCUMENT, TooLarge),
        ("virus.exe", 10, EVIDENCE, Invalid),
        ("no-extension", 10, EVIDENCE, Invalid),
        ("bang-ke.xlsx", 6 * 1024 * 1024, OUTPUTS_SHEET, TooLarge),
    ],
)
def test_a_refused_upload_says_why_with_its_status(name, size, kind, error):
    with pytest.raises(error) as exc:
        check_upload(name, size, kind)
    assert exc.value.status == {Invalid: 422, TooLarge: 413}[error]
    assert exc.value.message.startswith(("Loại tệp không được chấp nhận", "Tệp quá lớn"))


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Ke hoach.PDF", PLAN_DOCUMENT), ("bien-ban.docx", EVIDENCE), ("mau.xlsx", OUTPUTS_SHEET)],
)
def test_an_accepted_upload_passes(name, kind):
    check_upload(name, 1000, kind)


def test_the_site_limit_is_read_when_checking(settings):
    settings.KEHOACH_MAX_UPLOAD_BYTES = 100
    with pytest.raises(TooLarge, match="Tệp quá lớn"):
        check_upload("a.pdf", 101, EVIDENCE)


def test_the_form_field_gives_the_same_message():
    from kehoach.core.forms import EvidenceFileField

    field = EvidenceFileField()
    with pytest.raises(Exception) as exc:
        field.clean(SimpleUploadedFile("virus.exe", b"MZ"))
    assert "Loại tệp không được chấp nhận" in str(exc.value)


# --- one way to write a figure (core.formatting) ------------------------------------------------


def test_figures_read_the_vietnamese_way():
    import datetime
    from decimal import Decimal

    from kehoach.core import formatting

    assert formatting.vnd(16_600_000) == "16.600.000 đ"
    assert formatting.amount(99_000_000) == "99.000.000"
    assert formatting.number(1234.5) == "1.234,5"
    assert formatting.number(Decimal("65.25"), 2) == "65,25"
    assert formatting.whole(None) == "0"
    assert formatting.percent(0.8333) == "83,3%"
    assert formatting.percent(0.8333, places=2) == "83,33%"
    assert formatting.percent(0.00125, places=2) == "0,13%"  # half up, as by hand
    assert formatting.date(datetime.date(2021, 1, 5)) == "05/01/2021"
    assert formatting.long_date(datetime.date(2021, 1, 5)) == "ngày 05 tháng 01 năm 2021"
    assert [formatting.vnd(None), formatting.percent(None), formatting.date(None)] == ["—"] * 3


def test_a_moment_is_shown_on_its_local_day():
    import datetime

    from kehoach.core import formatting

    late_utc = datetime.datetime(2021, 6, 30, 18, 30, tzinfo=datetime.UTC)  # 01:30 on 1 July in Vietnam
    assert formatting.date(late_utc) == "01/07/2021"
    assert formatting.moment(late_utc) == "01/07/2021 01:30"


def test_pages_and_documents_use_the_same_formatter():
    from django.template import Context, Template

    from kehoach.core import formatting
    from kehoach.reports.documents.builders import n, pct

    html = Template("{% load formatting %}{{ a|vnd }} {{ r|percent:2 }} {{ c|number:0 }}").render(
        Context({"a": 15_500_000, "r": 0.8333, "c": 1234})
    )
    assert html == f"{formatting.vnd(15_500_000)} {pct(0.8333)} {n(1234)}"
