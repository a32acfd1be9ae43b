from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Đo tốc độ: p50/p95, dung lượng, số truy vấn và tỷ lệ so với SQL thuần cho từng API, trang, văn bản; "
        "tốc độ ghi với 8 và 32 máy khách. Dùng dữ liệu của `kehoach generate` (sinh trước nếu còn trống)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["district", "province", "national"], default=None)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--writes", type=int, default=400, help="writes per concurrency level (0: none)")
        parser.add_argument(
            "--url",
            action="append",
            default=[],
            help="write over HTTP to running app processes (repeat for each, e.g. two `kehoach serve`)",
        )
        parser.add_argument("--no-reads", action="store_true", help="only the writes")
        parser.add_argument("--no-docs", action="store_true", help="skip compiling the documents")

    def handle(self, *args, scale, seed, repeat, writes, url, no_reads, no_docs, **options):
        from django.contrib.auth import get_user_model

        from kehoach.org.models import Unit
        from kehoach.plans.models import Plan
        from kehoach.scale import bench
        from kehoach.scale.generate import YEAR, generate

        if not Unit.objects.filter(code__startswith="gen-").exists():
            if scale is None:
                raise CommandError(
                    "Chưa có dữ liệu sinh: chạy `kehoach generate --scale …` hoặc thêm --scale."
                )
            generate(scale, seed, out=self.stdout)
        User = get_user_model()
        coordinator = User.objects.get(username="gen-noivu")
        plan = Plan.objects.filter(number__endswith="/KH-GEN").order_by("number").first()
        period = f"{YEAR}-H1"
        units = Unit.objects.filter(code__startswith="gen-").count()
        self.stdout.write(
            f"Kehoach bench · {units} đơn vị · kế hoạch {plan.number} · kỳ {period} · {repeat} lần/điểm đo"  # type: ignore[union-attr]
        )
        self.stdout.write(
            f"{'what':34} {'p50 ms':>9} {'p95 ms':>9} {'bytes':>11} {'SQL':>5} {'floor ms':>8} {'ratio':>8} {'HTTP':>4}"
        )
        if not no_reads:
            bench.run_reads(coordinator, plan, period, repeat, self.stdout.write, docs=not no_docs)
        if writes and url:
            writer = User.objects.get(username="gen-xa")
            unit_id = writer.memberships.first().unit_id  # type: ignore[union-attr]
            for clients in (8, 32):
                r = bench.run_http_writes(url, writer, unit_id, plan.pk, clients, max(1, writes // clients))  # type: ignore[union-attr]
                self.stdout.write(
                    f"HTTP POST /api/v1/outputs × {clients} clients → {len(url)} app process(es): "
                    f"{r['writes']} ok, {r['failed']} failed, {r['retried']} retried, {r['per_s']:.0f} writes/s, "
                    f"p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, row count "
                    f"{'OK' if r['rows_ok'] else 'MISMATCH'} (+{r['rows_added']}), duplicates {r['duplicates']}, "
                    f"client CPU {r['client_cpu_ms']:.2f} ms/write"
                )
        elif writes:
            writer = User.objects.get(username="gen-xa")
            unit_id = writer.memberships.first().unit_id  # type: ignore[union-attr]
            for clients in (8, 32):
                r = bench.run_writes(writer, unit_id, plan.pk, clients, max(1, writes // clients))  # type: ignore[union-attr]
                self.stdout.write(
                    f"POST /api/v1/outputs × {clients} clients: {r['writes']} ok, {r['failed']} failed, "
                    f"{r['per_s']:.0f} writes/s, p95 {r['p95_ms']:.0f} ms, "
                    f"row count {'OK' if r['rows_ok'] else 'MISMATCH'} (+{r['rows_added']})"
                )
