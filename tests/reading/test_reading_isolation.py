import subprocess
import sys


def test_reader_package_imports_neither_django_nor_celery():
    """The reader runs on a machine with no database configured (DESIGN.md: reading/ never imports Django)."""
    code = ("import sys, zonework.reading, zonework.reading.cli; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'celery', 'rest_framework'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
