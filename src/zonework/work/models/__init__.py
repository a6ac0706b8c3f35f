from .assessment import Assessment
from .plans import ExtensionRequest, Plan, ProgressReport, Reminder, Task, TaskTransition

__all__ = ["Assessment", "ExtensionRequest", "Plan", "ProgressReport", "Reminder", "Task", "TaskTransition"]
