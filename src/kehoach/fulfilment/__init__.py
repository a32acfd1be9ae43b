"""Thực hiện nhiệm vụ từ sản phẩm đã ghi nhận: where logged work (outputs, broadcasts) meets what
units owe (deliverables).

``tracking`` (what is owed) and ``outputs`` (what was done) stand alone and never import each other;
the two rules that need both live here, once: the weekly broadcast deliverables are fulfilled from
the broadcast log (``broadcasts``), and a report is pre-filled from the logged outputs (``prefill``).
"""
