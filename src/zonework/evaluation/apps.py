from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """The yearly assessment of zones (考核评价) — not the GLOSSARY's Assessment of units in work/scoring.py."""

    name = "zonework.evaluation"
    label = "evaluation"
    verbose_name = _("开发区考核评价")

    role_permissions = {
        "leader": ["evaluation.view_*", "evaluation.add_evaluationrun"],
        "supervisor": ["evaluation.view_*"],
        "unit_user": [],
        "auditor": ["evaluation.view_*"],
    }
