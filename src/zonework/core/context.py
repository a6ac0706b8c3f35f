"""Who is acting, from where: carried through a request, an API call, an import or a command.

The audit log reads this; actions set the acting user explicitly, the middleware sets the rest.
"""

import contextlib
import contextvars
import uuid
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class AuditContext:
    user: object = None
    ip: str | None = None
    request_id: str = ""
    source: str = ""


_EMPTY = AuditContext()
_current = contextvars.ContextVar("zonework_audit_context", default=None)


def current():
    return _current.get() or _EMPTY


def new_request_id():
    return uuid.uuid4().hex


@contextlib.contextmanager
def audit_context(**changes):
    """Run a block with some of the context replaced (e.g. the acting user of an action)."""
    base = current()
    changes = {k: v for k, v in changes.items() if v is not None}
    if not base.request_id and "request_id" not in changes:
        changes["request_id"] = new_request_id()
    token = _current.set(replace(base, **changes))
    try:
        yield current()
    finally:
        _current.reset(token)
