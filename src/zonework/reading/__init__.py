"""Read zone work reports into results, targets, tasks and projects (no Django here)."""

from .catalogue import CATALOGUE, Indicator, lookup
from .errors import ReadError
from .reader import ReadResult, read_bytes, read_path, read_text

__all__ = ["CATALOGUE", "Indicator", "ReadError", "ReadResult", "lookup", "read_bytes", "read_path",
           "read_text"]
