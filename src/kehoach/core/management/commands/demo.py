from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the Ninh Phước demo (organisation, Plan 19/KH-UBND, accounts, a year of work). Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            action="store_true",
            help="Also load a post-2025 two-tier province (Khánh Hòa) with its 2026 plan, beside the 2021 demo.",
        )

    def handle(self, *args, **options):
        from kehoach.demo.loader import run

        if options["province"]:
            from kehoach.demo import province

            plan = province.run(say=lambda m: self.stdout.write(m))
        else:
            plan = run(say=lambda m: self.stdout.write(m))
        from kehoach.reports.demo import load_signing

        load_signing(plan)  # chứng thư thử nghiệm under the data dir, so "Ký số" works on a fresh clone
        self.stdout.write(
            self.style.SUCCESS(f"Xong: kế hoạch {plan.number} (id {plan.pk}). Mật khẩu mẫu: kehoach-demo")
        )
