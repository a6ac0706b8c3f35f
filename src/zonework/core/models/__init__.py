from .audit import AuditEntry
from .base import AuditedModel
from .jobs import Job, JobStatus
from .messages import Delivery, Message, Notice
from .organisation import Park, Unit, Zone
from .reference import Industry
from .users import PasswordHistory, Role, User

__all__ = ["AuditEntry", "AuditedModel", "Delivery", "Industry", "Job", "JobStatus", "Message", "Notice", "Park",
           "PasswordHistory", "Role", "Unit", "User", "Zone"]
