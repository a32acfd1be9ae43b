"""Named write paths leave rows in the nhật ký thay đổi: budget revision, the daily status refresh
(as "Hệ thống"), sign-ins and sign-outs, accounts and memberships; bulk rows in one INSERT."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kehoach.core.audit import acting_as, audited_bulk_create, audited_delete
from kehoach.core.models import AuditEntry

User = get_user_model()


def _audit_inserts(ctx) -> int:
    return sum(
        1
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith('INSERT INTO "CORE_AUDITENTRY"')
    )


@pytest.fixture
def estimate(kh_plan, org):
    from kehoach.budgets.services import create_estimate

    officer = User.objects.get(username="phuocdan")
    return create_estimate(
        officer, kh_plan, org["phuocdan"], "state_budget", [("In tờ gấp", 1_500_000), ("Pa-nô", 3_000_000)]
    )


@pytest.mark.parametrize("n", [3, 40])
def test_bulk_create_writes_its_audit_rows_in_one_insert(estimate, n):
    from kehoach.budgets.models import BudgetItem

    items = [
        BudgetItem(budget=estimate, description=f"Khoản {i}", amount=1000 * i, order=10 + i) for i in range(n)
    ]
    with CaptureQueriesContext(connection) as ctx, acting_as(None):
        audited_bulk_create(BudgetItem, items)
    assert _audit_inserts(ctx) == 1
    # Same number of queries for 3 rows as for 40: no per-row lookups while writing the log.
    assert len(ctx.captured_queries) <= 6, [q["sql"][:80] for q in ctx.captured_queries]
    rows = AuditEntry.objects.filter(
        model="budgets.budgetitem", action="create", object_id__in=[str(i.pk) for i in items]
    )
    assert rows.count() == n
    assert set(rows.values_list("actor_kind", flat=True)) == {"system"}


def test_delete_of_a_queryset_audits_each_row_in_one_insert(estimate):
    pks = list(estimate.items.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as ctx:
        audited_delete(estimate.items.all())
    assert _audit_inserts(ctx) == 1
    deleted = AuditEntry.objects.filter(model="budgets.budgetitem", action="delete")
    assert sorted(int(pk) for pk in deleted.values_list("object_id", flat=True)) == sorted(pks)
    # What was lost stays readable.
    assert {e.changes["description"][0] for e in deleted} == {"In tờ gấp", "Pa-nô"}


def test_deleting_a_row_audits_what_the_cascade_removes(estimate):
    item_pks = {str(pk) for pk in estimate.items.values_list("pk", flat=True)}
    estimate.delete()
    assert (
        set(
            AuditEntry.objects.filter(model="budgets.budgetitem", action="delete").values_list(
                "object_id", flat=True
            )
        )
        == item_pks
    )


def test_revising_an_estimate_audits_its_line_items(estimate):
    from kehoach.budgets.services import revise_estimate

    officer = User.objects.get(username="phuocdan")
    first, second = estimate.items.order_by("order")
    revise_estimate(estimate, officer, [("In tờ gấp", 2_000_000)], version=estimate.version)
    items = AuditEntry.objects.filter(model="budgets.budgetitem")
    changed = items.get(action="update", object_id=str(first.pk))
    assert changed.actor == officer and changed.actor_kind == "user"
    assert changed.changes["amount"] == [1_500_000, 2_000_000]
    removed = items.get(action="delete", object_id=str(second.pk))
    assert removed.actor == officer and removed.changes["description"] == ["Pa-nô", None]


def test_remind_status_refresh_is_recorded_as_the_system(plan):
    from kehoach.tracking.services import generate_deliverables

    generate_deliverables(plan)
    AuditEntry.objects.all().delete()
    call_command("remind", today="2021-07-22", stdout=io.StringIO())
    refreshed = AuditEntry.objects.filter(
        model="tracking.deliverable", action="update", changes__has_key="status"
    )
    assert refreshed.count() > 0
    assert set(refreshed.values_list("actor_kind", flat=True)) == {"system"}
    assert set(refreshed.values_list("actor", flat=True)) == {None}
    assert set(refreshed.values_list("actor_name", flat=True)) == {"Hệ thống"}
    assert {e.changes["status"][1] for e in refreshed} == {"missed"}


# --- sign-ins and accounts -----------------------------------------------------------------------


@pytest.fixture
def officer(org):
    user = User.objects.get(username="phuocdan")
    user.set_password("mật-khẩu-đúng-1")
    user.save()
    AuditEntry.objects.all().delete()
    return user


def test_sign_in_success_is_audited_with_the_address(officer):
    client = Client(REMOTE_ADDR="10.0.0.7")
    response = client.post("/accounts/login/", {"username": "phuocdan", "password": "mật-khẩu-đúng-1"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="login")
    assert entry.actor == officer and entry.address == "10.0.0.7" and entry.object_id == str(officer.pk)


def test_sign_in_failure_is_audited_with_the_username_tried(officer):
    client = Client(REMOTE_ADDR="10.0.0.8")
    client.post("/accounts/login/", {"username": "phuocdan", "password": "sai"})
    client.post("/accounts/login/", {"username": "khongco", "password": "sai"})
    failures = AuditEntry.objects.filter(action="login_failed").order_by("id")
    assert [(e.object_repr, e.object_id, e.address, e.actor_kind) for e in failures] == [
        ("phuocdan", str(officer.pk), "10.0.0.8", "anonymous"),
        ("khongco", "", "10.0.0.8", "anonymous"),
    ]
    assert not AuditEntry.objects.filter(action="login").exists()


def test_throttled_sign_in_is_audited(officer, settings):
    settings.AXES_FAILURE_LIMIT = 1
    client = Client(REMOTE_ADDR="10.0.0.9")
    client.post("/accounts/login/", {"username": "phuocdan", "password": "sai"})
    response = client.post("/accounts/login/", {"username": "phuocdan", "password": "mật-khẩu-đúng-1"})
    assert response.status_code == 429
    # The pause and the attempt refused during it are both in the audit log.
    assert AuditEntry.objects.filter(action="login_failed", verb__startswith="bị chặn").count() >= 1


def test_sign_out_is_audited(officer):
    client = Client()
    client.post("/accounts/login/", {"username": "phuocdan", "password": "mật-khẩu-đúng-1"})
    client.post("/accounts/logout/")
    assert AuditEntry.objects.filter(action="logout", actor=officer).count() == 1


def test_api_token_sign_in_success_and_failure_are_audited(officer):
    client = Client()
    ok = client.post(
        "/api/v1/auth/token",
        {"username": "phuocdan", "password": "mật-khẩu-đúng-1"},
        content_type="application/json",
    )
    bad = client.post(
        "/api/v1/auth/token", {"username": "phuocdan", "password": "sai"}, content_type="application/json"
    )
    assert (ok.status_code, bad.status_code) == (200, 401)
    assert AuditEntry.objects.filter(action="login", actor=officer, verb="cấp mã truy cập API").count() == 1
    assert AuditEntry.objects.filter(action="login_failed", object_repr="phuocdan").count() == 1


def test_password_change_is_audited_without_the_hash(officer):
    admin = User.objects.get(username="noivu")
    with acting_as(admin):
        officer.set_password("mật-khẩu-mới-2")
        officer.save()
    entry = AuditEntry.objects.get(model="auth.user", action="update")
    assert entry.actor == admin and "đổi mật khẩu" in entry.verb
    assert entry.changes == {"password": ["••••", "••••"]}
    assert "md5$" not in str(AuditEntry.objects.values_list("changes", flat=True))


def test_user_create_and_deactivate_are_audited(org):
    admin = User.objects.get(username="noivu")
    with acting_as(admin):
        user = User.objects.create_user("moi", password="x-dài-đủ-123", first_name="Lê Mới")
        user.is_active = False
        user.save()
    rows = AuditEntry.objects.filter(model="auth.user", object_id=str(user.pk)).order_by("id")
    assert [(e.action, e.verb) for e in rows] == [("create", "tạo tài khoản"), ("update", "khóa tài khoản")]
    assert rows[1].changes == {"is_active": [True, False]}
    assert "password" not in rows[0].changes


def test_membership_role_change_is_audited(org):
    from kehoach.org.models import Membership

    m = Membership.objects.get(user__username="phuocdan")
    admin = User.objects.get(username="noivu")
    pk = m.pk
    with acting_as(admin):
        m.role = "viewer"
        m.save()
        m.delete()
    rows = AuditEntry.objects.filter(model="org.membership", object_id=str(pk)).order_by("id")
    assert [e.action for e in rows][-2:] == ["update", "delete"]
    assert rows.filter(action="update").get().changes == {"role": ["officer", "viewer"]}


def test_groups_change_is_audited(org):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Biên tập tin")
    user = User.objects.get(username="phuocdan")
    user.groups.add(group)
    entry = AuditEntry.objects.get(model="auth.user", object_id=str(user.pk), changes__has_key="groups")
    assert entry.changes == {"groups": [None, ["Biên tập tin"]]}


def test_a_day_outside_a_request_is_the_system_and_a_visitor_is_anonymous(org):
    from kehoach.org.models import Alias

    alias = Alias.objects.create(key="ubnd-ninh-phuoc-x", name="UBND Ninh Phước X", unit=org["ubnd"])
    assert AuditEntry.objects.get(model="org.alias", object_id=str(alias.pk)).actor_kind == "system"
    from django.contrib.auth.models import AnonymousUser

    with acting_as(AnonymousUser()):
        alias.name = "Khác"
        alias.save()
    entry = AuditEntry.objects.get(model="org.alias", object_id=str(alias.pk), action="update")
    assert (entry.actor_kind, entry.actor_name, entry.actor) == ("anonymous", "Khách", None)


def test_broadcast_week_sync_is_the_system_while_the_airing_is_the_person(plan, org):
    from kehoach.fulfilment import broadcasts
    from kehoach.tracking.services import generate_deliverables

    generate_deliverables(plan)
    radio = User.objects.get(username="vhtt")
    with acting_as(radio):
        broadcast = broadcasts.record_broadcast(
            radio,
            {
                "unit_id": org["vhtt"].pk,
                "aired_at": "2021-03-11T18:00:00+07:00",
                "minutes": 12,
                "title": "CCHC",
            },
        )
    logged = AuditEntry.objects.get(model="outputs.broadcast", object_id=str(broadcast.pk), action="create")
    assert logged.actor == radio
    synced = AuditEntry.objects.filter(
        model="tracking.deliverable", action="update", changes__has_key="status"
    )
    assert synced.exists()
    assert set(synced.values_list("actor_kind", flat=True)) == {"system"}
