"""Read zone work reports into results, targets, tasks and projects (no Django here)."""

from .catalogue import CATALOGUE, Indicator, lookup
from .errors import ReadError
from .reader import KINDS, ReadResult, read_bytes, read_path, read_text
from .sources import DEFAULT_MAX_BYTES, SUPPORTED

# KINDS (the record kinds), DEFAULT_MAX_BYTES and SUPPORTED (the file suffixes it reads) are what an
# upload may be: the documents app takes them from here rather than keeping limits of its own.
__all__ = ["CATALOGUE", "DEFAULT_MAX_BYTES", "KINDS", "SUPPORTED", "Indicator", "ReadError", "ReadResult",
           "lookup", "read_bytes", "read_path", "read_text"]
