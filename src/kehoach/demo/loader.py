"""Loads the whole demo, idempotently. Each app contributes its part through ``kehoach.<app>.demo.load``."""

from importlib import import_module
from importlib.resources import files

from django.db import transaction

from kehoach.core.audit import acting_as
from kehoach.demo.org import load_accounts, load_org
from kehoach.plans.models import Plan, PlanStatus

SEED = "seed_19_KH-UBND_2021.txt"
PLAN_NUMBER = "19/KH-UBND"
APPS_WITH_DEMO = ["tracking", "outputs", "budgets", "indices", "public", "reports"]


def load_plan(units) -> Plan:
    """The seed plan, read by the importer from the signed text, saved as an issued plan."""
    import hashlib

    from kehoach.importing import parse_bytes
    from kehoach.plans.services import save_imported_plan

    existing = Plan.objects.filter(number=PLAN_NUMBER, issuer=units["ubnd"]).first()
    if existing:
        return existing
    raw = files("kehoach").joinpath("data", SEED).read_bytes()
    data = parse_bytes(raw, SEED)
    return save_imported_plan(
        data,
        status=PlanStatus.ISSUED,
        issuer=units["ubnd"],
        source_name=SEED,
        source_sha256=hashlib.sha256(raw).hexdigest(),
        source_text=raw.decode("utf-8"),
    )


def run(say=print) -> Plan:
    with acting_as(None), transaction.atomic():
        say("Đơn vị, nhóm đơn vị ...")
        units = load_org()
        say("Tài khoản ...")
        load_accounts(units)
        say("Kế hoạch 19/KH-UBND ...")
        plan = load_plan(units)
    for app in APPS_WITH_DEMO:
        try:
            module = import_module(f"kehoach.{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"kehoach.{app}.demo":
                raise
            continue
        say(f"Dữ liệu mẫu: {app} ...")
        with acting_as(None), transaction.atomic():
            module.load(plan, units)
    return plan
