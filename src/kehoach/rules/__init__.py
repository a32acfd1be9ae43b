"""Pure business rules of Kehoach (quy tắc nghiệp vụ): no Django, no ORM, plain data in and out.

Import the submodules directly (``from kehoach.rules.periods import parse_period``); this package
deliberately re-exports nothing so that importing it stays cheap.
"""
