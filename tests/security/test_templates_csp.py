"""The Content-Security-Policy (script-src/style-src 'self') drops inline code silently: a template
with a style attribute, a <style> or <script> block or an on* handler would look right in a test
client and wrong in every browser. Every template is checked once, here."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "kehoach" / "templates"
INLINE = re.compile(r"""\sstyle\s*=\s*["']|<style\b|<script\b(?![^>]*\bsrc=)|\son[a-z]+\s*=\s*["']""", re.I)


def test_no_template_carries_inline_style_or_script():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if INLINE.search(line):
                found.append(f"{path.relative_to(TEMPLATES)}:{n}")
    assert found == [], "inline style/script is blocked by the CSP: move it to static files"
