"""Demo budget estimates at every stage (estimated, appraised, approved, one returned), 2021.

Idempotent (skips when the plan has estimates), deterministic (random.Random(2021)). Every date is
in 2021 (created in February, appraised and approved 10 and 20 days later), never the day the demo
is loaded: ``created_at``/``updated_at`` are ``auto_now`` fields, so they are set after the insert.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from kehoach.budgets.models import Budget, BudgetItem, BudgetSource, BudgetStatus
from kehoach.core.audit import audited_bulk_create, audited_update

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

ITEM_CHOICES = [
    ("In tờ gấp tuyên truyền CCHC", 2_500, (1_000, 4_000)),  # đồng per copy, copies
    ("Làm pa-nô, băng rôn tuyên truyền", 1_500_000, (2, 6)),
    ("Tổ chức lớp tập huấn CCHC (tài liệu, nước uống, hội trường)", 4_000_000, (1, 3)),
    ("Hội nghị quán triệt, lồng ghép CCHC", 3_500_000, (1, 2)),
    ("Nhuận bút tin, bài trên trang thông tin điện tử", 150_000, (10, 30)),
    ("Xây dựng tiểu phẩm tuyên truyền", 6_000_000, (1, 2)),
    ("Sản xuất chuyên mục phát thanh CCHC", 450_000, (24, 52)),
]

# unit code, status, source
PLAN = [
    ("nv", BudgetStatus.APPROVED, BudgetSource.STATE_BUDGET),
    ("vp", BudgetStatus.APPROVED, BudgetSource.STATE_BUDGET),
    ("vhtt", BudgetStatus.APPROVED, BudgetSource.STATE_BUDGET),
    ("tp", BudgetStatus.APPRAISED, BudgetSource.STATE_BUDGET),
    ("phong-vhtt", BudgetStatus.APPRAISED, BudgetSource.STATE_BUDGET),
    ("anhai", BudgetStatus.APPROVED, BudgetSource.STATE_BUDGET),
    ("phuochai", BudgetStatus.APPRAISED, BudgetSource.OTHER),
    ("phuocdan", BudgetStatus.ESTIMATED, BudgetSource.STATE_BUDGET),
    ("phuocson", BudgetStatus.ESTIMATED, BudgetSource.STATE_BUDGET),
    ("ttct", BudgetStatus.ESTIMATED, BudgetSource.STATE_BUDGET),
    ("phuochau", BudgetStatus.RETURNED, BudgetSource.STATE_BUDGET),
]


def _round(amount: int) -> int:
    return max(100_000, round(amount / 100_000) * 100_000)


def load(plan, units) -> None:
    if Budget.objects.filter(plan=plan).exists():
        return
    rng = random.Random(2021)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["tckh", "lanhdao"])}
    budgets, lines, dates = [], [], []
    for n, (code, status, source) in enumerate(PLAN):
        unit = units.get(code)
        if unit is None:
            continue
        items = []
        for desc, unit_price, (lo, hi) in rng.sample(ITEM_CHOICES, rng.randint(2, 4)):
            items.append((desc, _round(unit_price * rng.randint(lo, hi))))
        total = sum(a for _, a in items)
        if total > 40_000_000:  # keep district-scale amounts (5–40 million đồng)
            items = [(d, _round(a * 40_000_000 / total)) for d, a in items]
            total = sum(a for _, a in items)
        created = datetime.datetime(2021, 2, 1 + n, 9, 0, tzinfo=TZ)
        b = Budget(
            plan=plan,
            unit=unit,
            source=source,
            status=status,
            total=total,
            created_by=unit.focal_person,
            note="Dự toán kinh phí tuyên truyền CCHC năm 2021",
        )
        if status in (BudgetStatus.APPRAISED, BudgetStatus.APPROVED):
            b.appraised_amount = _round(total * rng.choice([0.8, 0.9, 1.0]))
            b.appraisal_comment = "Thống nhất theo định mức chi hiện hành."
            b.appraised_by = users.get("tckh")
            b.appraised_at = created + datetime.timedelta(days=10)
            b.version = 2
        if status == BudgetStatus.APPROVED:
            b.approved_amount = b.appraised_amount
            b.approval_comment = "Đồng ý phân bổ."
            b.approved_by = users.get("lanhdao")
            b.approved_at = created + datetime.timedelta(days=20)
            b.version = 3
        if status == BudgetStatus.RETURNED:
            b.return_comment = "Đề nghị tách chi phí in ấn theo số lượng, đơn giá cụ thể."
            b.version = 2
        budgets.append(b)
        lines.append(items)
        dates.append((created, b.approved_at or b.appraised_at or created))
    audited_bulk_create(Budget, budgets)
    for b in budgets:
        if b.pk is None:  # backends without RETURNING ids
            b.pk = Budget.objects.get(plan=plan, unit=b.unit).pk
    for b, (created, updated) in zip(budgets, dates, strict=True):
        # auto_now_add/auto_now ignore explicit values on insert; an update sets the 2021 dates.
        audited_update(Budget.objects.filter(pk=b.pk), created_at=created, updated_at=updated)
    audited_bulk_create(
        BudgetItem,
        [
            BudgetItem(budget=b, description=d, amount=a, order=i)
            for b, items in zip(budgets, lines, strict=True)
            for i, (d, a) in enumerate(items)
        ],
    )
