"""Pieces every drafted document shares: number formats, the stamp (số, ngày), header and closing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kehoach.reports.documents import decree30 as d30
from kehoach.reports.documents.model import Closing, Header
from kehoach.rules.money import format_date_vi


def pct(rate: float) -> str:
    """0.8333 → "83,33%"."""
    text = f"{rate * 100:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def n(v) -> str:
    """1234 → "1.234" (Vietnamese thousands separator)."""
    return f"{int(v or 0):,}".replace(",", ".")


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


@dataclass(frozen=True)
class Stamp:
    """Số và ngày of a document: blank in a draft (the văn thư fills them at issue), the year printed.

    ``number`` and ``day`` are both given once the document is issued.
    """

    year: int
    number: int | None = None
    day: datetime.date | None = None

    def number_line(self, symbol: str) -> str:
        return d30.number_line(self.number, symbol)

    def place_date(self, issuer_name: str) -> str:
        if self.day is None:
            return d30.draft_place_date(issuer_name, self.year)
        return d30.place_date(issuer_name, self.day)

    def reference(self, symbol: str) -> str:
        """ "số 05/BC-UBND ngày 05/7/2021" or, in a draft, "số      /BC-UBND ngày      /     /2021"."""
        if self.number is None or self.day is None:
            return f"số{d30.BLANK}/{symbol} ngày{d30.BLANK}/{d30.BLANK}/{self.year}"
        return f"số {self.number:02d}/{symbol} ngày {format_date_vi(self.day)}"


def plan_ref(plan) -> str:
    issued = f" ngày {format_date_vi(plan.issued_on)}" if plan.issued_on else ""
    # the document as issued: "Kế hoạch số 19/KH-UBND", "Quyết định số 87/QĐ-UBND" (a decision carrying its plan)
    kind = (getattr(plan, "kind", "") or "KẾ HOẠCH").strip().capitalize()
    return f"{kind} số {plan.number}{issued} của {plan.issuer.name}"


def header(plan, number_text: str, place_date: str, doc_type="", summary="", subject="") -> Header:
    superior, issuer = d30.issuer_lines(plan.issuer)
    return Header(
        superior=superior,
        issuer=issuer,
        number=number_text,
        place_date=place_date,
        doc_type=doc_type,
        summary=summary,
        subject_line=subject,
    )


def closing(plan, recipients: list[str], drafting_office: str = "NV") -> Closing:
    authority, position, signer = d30.signature_lines(plan)
    return Closing(
        authority=authority,
        position=position,
        signer=signer,
        recipients=d30.recipients_with_archive(recipients, drafting_office),
    )
