#!/usr/bin/env python3
"""Time (and optionally profile) the compile of the report in each format, on generated data.

Calls what ``kehoach bench`` calls behind ``GET /api/v1/plans/{id}/report`` (``compile_report``)
on the ``gen-`` plan and its first half-year, without HTTP, so the time is the compile alone.

    DATABASE_URL=postgresql://…/prov .venv/bin/python benchmarks/bench_documents.py --repeat 3
    … --formats pdf --profile /tmp/pdf.prof   # then: python -m pstats /tmp/pdf.prof
"""

from __future__ import annotations

import argparse
import cProfile
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--formats", default="xlsx,docx,pdf")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", help="write a cProfile of the first run of each format here")
    parser.add_argument("--out", help="keep the files in this folder")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from kehoach.org.models import Unit
    from kehoach.plans.models import Plan
    from kehoach.reports.documents.compile import compile_report
    from kehoach.scale.generate import YEAR

    user = get_user_model().objects.get(username="gen-noivu")
    plan = (
        Plan.objects.select_related("issuer", "coordinator_unit")
        .filter(number__endswith="/KH-GEN")
        .order_by("number")
        .first()
    )
    period = f"{YEAR}-H1"
    units = Unit.objects.filter(code__startswith="gen-").count()
    print(f"{connection.vendor} · {units} units · plan {plan.number} · {period}")
    import weasyprint  # noqa: F401  (import cost, ~1 s, is paid once per process, not per compile)

    for fmt in args.formats.split(","):
        times, cpus = [], []
        for i in range(args.repeat):
            prof = cProfile.Profile() if args.profile and i == 0 else None
            t0, c0 = time.perf_counter(), time.process_time()
            if prof:
                prof.enable()
            f = compile_report(user, plan, period, fmt, timezone.localdate())
            if prof:
                prof.disable()
                prof.dump_stats(f"{args.profile}.{fmt}")
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)  # this process's CPU: robust to other load
            if args.out:
                Path(args.out).mkdir(parents=True, exist_ok=True)
                Path(args.out, f.filename).write_bytes(f.content)
        print(
            f"{fmt:5} runs {', '.join(f'{t:.2f}' for t in times)} s · median {statistics.median(times):.2f} s"
            f" · CPU {', '.join(f'{t:.2f}' for t in cpus)} s · {len(f.content):,} bytes"
        )


if __name__ == "__main__":
    main()
