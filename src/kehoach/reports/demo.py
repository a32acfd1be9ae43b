"""Demo data of the reports app: the plan's emulation weights (as the coordinator would set them)."""

from kehoach.reports.models import RankingWeights


def load(plan, units) -> None:
    """Idempotent: the weights are created once and never overwritten."""
    RankingWeights.objects.get_or_create(
        plan=plan,
        defaults={"timeliness": 30, "completeness": 30, "outputs": 20, "compliance": 10, "review": 10},
    )
