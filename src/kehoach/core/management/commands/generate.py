from django.core.management.base import BaseCommand, CommandError

from kehoach.core.errors import DomainError


class Command(BaseCommand):
    help = "Sinh dữ liệu giả lập theo quy mô (district|province|national), xác định theo --seed."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["district", "province", "national"], default="district")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, seed, **options):
        import time

        from kehoach.core.audit import acting_as
        from kehoach.scale.generate import generate

        t0 = time.monotonic()
        try:
            with acting_as(None):
                counts = generate(scale, seed, out=self.stdout)
        except DomainError as exc:
            raise CommandError(exc.message)
        summary = ", ".join(f"{k}: {v:,}".replace(",", ".") for k, v in counts.items())
        self.stdout.write(f"Xong ({scale}, seed {seed}) sau {time.monotonic() - t0:.1f} s: {summary}")
