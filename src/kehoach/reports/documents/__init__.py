"""Administrative documents (văn bản hành chính) drafted from the data.

Content builders (``builders.py``) are plain functions that return a :class:`model.Document`;
``docx.py`` and ``html.py`` render that one model, so the .docx and the PDF never diverge.
The Decree 30/2020/NĐ-CP layout lives in ``decree30.py``.
"""
