"""Demo data of the reports app: the plan's emulation weights (as the coordinator would set them)."""

from kehoach.reports.models import RankingWeights


def load(plan, units) -> None:
    """Idempotent: the weights are created once and never overwritten."""
    RankingWeights.objects.get_or_create(
        plan=plan,
        defaults={"timeliness": 30, "completeness": 30, "outputs": 20, "compliance": 10, "review": 10},
    )


def load_signing(plan, directory=None):
    """Chứng thư thử nghiệm: a throwaway CA (trusted here only) and a signer certificate for the plan's
    issuer, written under the data dir, so "Ký số" works on a fresh clone. Idempotent; never for real
    documents (the pages say "chứng thư thử nghiệm")."""
    from pathlib import Path

    from django.conf import settings

    from kehoach.reports.documents import decree30 as d30
    from kehoach.reports.models import SigningCertificate
    from kehoach.reports.signature import pki

    folder = Path(directory or Path(settings.DATA_DIR) / "signing")
    _, _, signer = d30.signature_lines(plan)
    paths = pki.write_demo_pki(folder, signer or "Người ký thử nghiệm", plan.issuer.name)
    trust = Path(settings.KEHOACH_SIGNING_TRUST_DIR)
    if trust.resolve() != paths["ca"].parent.resolve():  # the CA must be among the trust roots
        trust.mkdir(parents=True, exist_ok=True)
        (trust / paths["ca"].name).write_bytes(paths["ca"].read_bytes())
    cert, _ = SigningCertificate.objects.update_or_create(
        issuer=plan.issuer,
        defaults={
            "p12_path": str(paths["p12"]),
            "password_ref": f"file:{paths['password']}",
            "is_test": True,
        },
    )
    return cert
