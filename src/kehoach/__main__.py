"""The ``kehoach`` command line.

``import-plan`` is answered without importing Django so that it starts fast and
needs no database; every other word goes to Django's management commands.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "import-plan":
        from kehoach.importing.cli import main as import_main

        return import_main(argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.settings")
    from django.core.management import execute_from_command_line

    argv[0] = "kehoach"
    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
