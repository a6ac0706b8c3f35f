from .assessment import Assessment
from .instructions import Instruction
from .plans import ExtensionRequest, Plan, ProgressReport, Reminder, Task, TaskTransition

__all__ = ["Assessment", "ExtensionRequest", "Instruction", "Plan", "ProgressReport", "Reminder", "Task",
           "TaskTransition"]
