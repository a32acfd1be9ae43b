"""Generated documents for the linear-time tests and benchmarks (tài liệu sinh tự động).

Each shape is a function ``n -> bytes`` whose size grows linearly with ``n``: ordinary plans and the
hostile spacings that once made the parser quadratic (blank lines, lone '|' lines, header words on
every line, long lines, bullets, numbered clauses).
"""

from __future__ import annotations

import random

UNITS = ["Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Giáo dục và Đào tạo"]
TIMES = ["Quý I/2026", "Tháng 9/2026", "Thường xuyên", "Trước ngày 15/12/2026", "Năm 2026"]
HEAD = "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 99/KH-UBND\nKhánh Hòa, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nCải cách hành chính năm 2026\n"
PARA = "Tiếp tục đẩy mạnh cải cách thủ tục hành chính, nâng cao chất lượng phục vụ người dân, doanh nghiệp."


def plan(n: int) -> bytes:
    """A real-shaped plan: body clauses with duties, then an activity table of ``n`` rows."""
    rnd = random.Random(n)
    out = [HEAD, "I. MỤC ĐÍCH, YÊU CẦU", f"1. {PARA}", "II. NỘI DUNG"]
    for k in range(1, n // 4 + 2):
        out.append(f"{k}. Nhiệm vụ {k}")
        out.append(f"a) {PARA}")
        out.append(f"- Sở Nội vụ báo cáo trước ngày {rnd.randint(1, 28)}/{rnd.randint(1, 12)}/2026.")
    out.append("STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tSản phẩm\tGhi chú")
    for i in range(1, n + 1):
        out.append(
            f"{i}\t{PARA[: rnd.randint(40, 100)]}\t{rnd.choice(UNITS)}\t{rnd.choice(UNITS)}; {rnd.choice(UNITS)}"
            f"\t{rnd.choice(TIMES)}\tBáo cáo\t"
        )
    out.append("Nơi nhận:\n- Như trên;\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A")
    return "\n".join(out).encode()


def _repeat(unit: str):
    return lambda n: (HEAD + unit * n).encode()


SHAPES = {
    "plan": plan,
    "blank_lines": _repeat("\n"),
    "space_lines": _repeat("  \t \n"),
    "lone_pipes": _repeat("|\n"),
    "pipe_rows": _repeat("| a | b | c |\n"),
    "header_words": _repeat("Nội dung\n\n"),
    "header_cells": lambda n: (HEAD + "".join(f"Cơ quan chủ trì {k}\n" for k in range(n))).encode(),
    "tab_rows": _repeat("1\tx\t\t\n"),
    "numbered": lambda n: (HEAD + "".join(f"{k}. Sở Nội vụ chủ trì, phối hợp\n" for k in range(n))).encode(),
    "bullets": _repeat("- Ủy ban nhân dân xã, phường, báo, đài và các cơ quan liên quan;\n"),
    "romans": _repeat("I. NỘI DUNG\n"),
    "long_lines": _repeat("Sở Nội vụ, " * 1500 + "\n"),
    "long_words": _repeat("x" * 15000 + "\n"),
    "long_pipes": _repeat("a | " * 3000 + "\n"),
    "long_tabs": _repeat("1\t" + "Sở Nội vụ chủ trì " * 800 + "\tSở Tư pháp\tQuý I/2026\n"),
    "long_clause": _repeat("1. Sở Nội vụ chủ trì, phối hợp với " + "các sở, ban, ngành; " * 700 + "\n"),
    "long_dash": _repeat("- Báo cáo trước ngày 15/12/2026 " + "Ủy ban nhân dân xã, phường và " * 500 + "\n"),
    "layout_rows": _repeat("ỦY BAN | CỘNG HÒA |\n"),
}
