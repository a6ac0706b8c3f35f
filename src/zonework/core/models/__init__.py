from .audit import AuditEntry
from .base import AuditedModel
from .messages import Delivery, Message, Notice
from .organisation import Park, Unit, Zone
from .reference import Industry
from .users import Role, User

__all__ = ["AuditEntry", "AuditedModel", "Delivery", "Message", "Notice", "Industry", "Park", "Role", "Unit", "User", "Zone"]
