"""The `zonework` command: Django's manage.py for this project.

`zonework read FILE...` runs the reader without setting Django up, so archives can be read on a
machine that has no database configured.
"""

import os
import sys


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "read":
        from zonework.reading.cli import main as read_main

        sys.exit(read_main(argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zonework.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
