from .audit import AuditEntry
from .base import AuditedModel
from .jobs import Job, JobStatus
from .organisation import Park, Unit, Zone
from .reference import Industry
from .users import PasswordHistory, Role, User

__all__ = ["AuditEntry", "AuditedModel", "Industry", "Job", "JobStatus", "Park", "PasswordHistory", "Role", "Unit",
           "User", "Zone"]
