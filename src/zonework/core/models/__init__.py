from .audit import AuditEntry
from .base import AuditedModel
from .organisation import Park, Unit, Zone
from .users import Role, User

__all__ = ["AuditEntry", "AuditedModel", "Park", "Role", "Unit", "User", "Zone"]
