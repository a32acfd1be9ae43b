"""The daily summary of outputs (tổng hợp sản phẩm theo ngày) equals the outputs it counts.

Random sequences of what people do (log an output, edit one, delete one, import a spreadsheet of
several, an import that fails half-way, a bulk delete, a bulk update) go through the real services; after each
sequence the stored summary equals a recount from the facts in Python, a fresh ``rebuild()`` in
SQL, and the figures the dashboards, the leader view, the ranking and the report's unit table
print from it equal the same figures counted from the outputs themselves.
"""

import datetime
import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.outputs import selectors, services, summaries
from kehoach.outputs.models import TOPICS, Output, OutputForm, QuantityUnit
from kehoach.outputs.spreadsheet import import_outputs
from kehoach.reports import selectors as report_selectors

pytestmark = pytest.mark.django_db

FORMS = ["leaflet", "website_article", "conference", "training", "loudspeaker"]
TOPIC_CODES = [c for c, _ in TOPICS][:5]
FORM_LABELS = dict(OutputForm.choices)
TOPIC_LABELS = dict(TOPICS)
QUNIT_LABELS = dict(QuantityUnit.choices)
UNITS = ["phuocdan", "vhtt", "vp"]


class _Rollback(Exception):
    pass


output_data = st.fixed_dictionaries(
    {
        "unit": st.sampled_from(UNITS),
        "with_plan": st.booleans(),
        "month": st.integers(1, 12),
        "day": st.sampled_from([1, 15, 28]),
        "form": st.sampled_from(FORMS),
        "topics": st.lists(st.sampled_from(TOPIC_CODES), max_size=3),  # repeats allowed
        "quantity": st.integers(0, 40),
        "quantity_unit": st.sampled_from([None, "items", "copies", "sessions", "participants"]),
        "participants": st.one_of(st.none(), st.integers(0, 200)),
    }
)
actions = st.lists(
    st.one_of(
        st.tuples(st.just("create"), output_data),
        st.tuples(st.just("edit"), st.integers(0, 50), output_data),
        st.tuples(st.just("delete"), st.integers(0, 50)),
        st.tuples(st.just("import"), st.lists(output_data, min_size=1, max_size=3), st.booleans()),
        st.tuples(st.just("bulk_delete"), st.sampled_from(FORMS)),
        st.tuples(st.just("bulk_edit"), st.sampled_from(FORMS), st.integers(0, 9), st.sampled_from([1, 6])),
    ),
    min_size=1,
    max_size=8,
)


def _fields(org, plan, d: dict) -> dict:
    return {
        "unit_id": org[d["unit"]].pk,
        "plan_id": plan.pk if d["with_plan"] else None,
        "date": datetime.date(2021, d["month"], d["day"]),
        "form": d["form"],
        "topics": d["topics"],
        "quantity": d["quantity"],
        "quantity_unit": d["quantity_unit"],
        "participants": d["participants"],
        "title": "Tin bài CCHC",
    }


def _sheet(rows: list[dict], broken: bool) -> bytes:
    """The import template filled as a person would (labels, not codes); ``broken`` spoils the last row."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(
        ["Ngày", "Hình thức", "Tên", "Nội dung", "Đối tượng", "Số lượng", "Đơn vị tính", "Số người", "Link"]
    )
    for i, d in enumerate(rows):
        qunit = QUNIT_LABELS[d["quantity_unit"]] if d["quantity_unit"] else None
        form = "không có hình thức này" if broken and i == len(rows) - 1 else FORM_LABELS[d["form"]]
        topics = "; ".join(TOPIC_LABELS[t] for t in d["topics"])
        day = f"{d['day']:02d}/{d['month']:02d}/2021"
        ws.append([day, form, "Tin bài CCHC", topics, None, d["quantity"], qunit, d["participants"], None])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _run(org, plan, user, steps) -> None:
    for step in steps:
        kind = step[0]
        existing = list(Output.objects.order_by("pk"))
        if kind == "create":
            services.log_output(user, _fields(org, plan, step[1]))
        elif kind == "edit" and existing:
            services.edit_output(user, existing[step[1] % len(existing)], _fields(org, plan, step[2]))
        elif kind == "delete" and existing:
            services.delete_output(user, existing[step[1] % len(existing)])
        elif kind == "import":
            rows, broken = step[1], step[2]
            unit = org[rows[0]["unit"]]
            saved, errors = import_outputs(
                user, unit, plan if rows[0]["with_plan"] else None, _sheet(rows, broken)
            )
            assert bool(errors) == broken and saved == (0 if broken else len(rows))
        elif kind == "bulk_delete":
            Output.objects.filter(form=step[1]).delete()
        elif kind == "bulk_edit":  # a queryset update of counted fields (quantity, day)
            Output.objects.filter(form=step[1]).update(
                quantity=step[2], date=datetime.date(2021, step[3], 30)
            )


def _facts(plan, start, end, unit_ids=None):
    qs = Output.objects.filter(date__gte=start, date__lte=end).filter(Q(plan=plan) | Q(plan__isnull=True))
    return qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)


def _check(org, plan, recount_in_sql: bool = True) -> None:
    facts = list(Output.objects.all())
    stored = summaries.stored()
    assert stored == summaries.recount(facts)
    # The figures the surfaces print, from the summary, equal the same figures from the outputs.
    for start, end in [(datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)),
                       (datetime.date(2021, 2, 15), datetime.date(2021, 12, 31))]:  # fmt: skip
        for unit_ids in (None, {org["phuocdan"].pk}, {org["phuocdan"].pk, org["vp"].pk}):
            from_summary = selectors.summary_breakdown(plan.pk, start, end, unit_ids)
            assert from_summary == selectors.outputs_breakdown(_facts(plan, start, end, unit_ids))
        counts = Counter(_facts(plan, start, end).values_list("unit_id", flat=True))
        assert report_selectors.output_counts(plan, start, end) == dict(counts)
        ids = [org[u].pk for u in UNITS]
        each = selectors.summary_by_unit(selectors.EACH_UNIT, start, end, plan_id=plan.pk)
        listed = selectors.summary_by_unit(ids, start, end, plan_id=plan.pk)
        for uid in ids:
            mine = _facts(plan, start, end, {uid})
            assert listed[uid]["outputs"] == mine.count()
            assert listed[uid]["by_form"] == dict(Counter(mine.values_list("form", flat=True)))
            if listed[uid]["outputs"] or listed[uid]["broadcasts"]:
                assert each[uid] == listed[uid]
    # The outputs list's figures (every plan) and its pager count.
    for unit_ids in (None, {org["phuocdan"].pk}):
        for form in (None, "leaflet"):
            qs = Output.objects.filter(date__gte=datetime.date(2021, 2, 15))
            qs = qs if unit_ids is None else qs.filter(unit_id__in=unit_ids)
            qs = qs if form is None else qs.filter(form=form)
            listed = selectors.counted_by_form(unit_ids, form, datetime.date(2021, 2, 15), None)
            assert listed == selectors.outputs_by("form", qs)
    # And a recount in SQL gives the very same table.
    if recount_in_sql:
        summaries.rebuild()
        assert summaries.stored() == stored


def _fold_and_check(org, plan) -> None:
    """Folding changes no figure, leaves one row a key and none that sums to nothing; a second fold
    finds nothing to do."""
    from kehoach.outputs.models import OutputDailySummary

    before = summaries.stored()
    _folded, top = summaries.compact(0)
    keys = list(OutputDailySummary.objects.values_list(*summaries._KEY))
    assert len(keys) == len(set(keys)), "one row a key"
    assert not OutputDailySummary.objects.filter(count=0).exists()
    assert summaries.stored() == before
    assert summaries.compact(top)[0] == 0 and summaries.compact(0)[0] == 0
    _check(org, plan)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=actions)
def test_summary_equals_the_outputs_after_any_sequence_of_writes(org, kh_plan, steps):
    user = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.create(
        username="summary-admin", is_superuser=True
    )
    try:
        with transaction.atomic():
            Output.objects.all().delete()
            _run(org, kh_plan, user, steps)
            _check(org, kh_plan, recount_in_sql=False)  # the rows as the writes appended them
            _fold_and_check(org, kh_plan)
            raise _Rollback
    except _Rollback:
        pass


def test_an_edit_that_changes_nothing_counted_leaves_the_summary_alone(
    org, kh_plan, django_assert_num_queries
):
    admin = get_user_model().objects.create(username="summary-admin2", is_superuser=True)
    data = _fields(
        org,
        kh_plan,
        {"unit": "vp", "with_plan": True, "month": 3, "day": 1, "form": "leaflet", "topics": ["policy"],
         "quantity": 5, "quantity_unit": None, "participants": None},
    )  # fmt: skip
    out = services.log_output(admin, data)
    before = summaries.stored()
    services.edit_output(admin, out, {**data, "title": "Tiêu đề khác"})
    assert summaries.stored() == before
    services.delete_output(admin, out)
    services.delete_output(admin, out)  # a second delete (two tabs) takes nothing away twice
    assert summaries.stored() == summaries.recount(Output.objects.all())
