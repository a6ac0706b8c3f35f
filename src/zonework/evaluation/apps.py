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
        "auditor": [],
    }

    def load_demo(self, context, stdout):
        """The example scheme, scored for last year over the zones the demo's province user oversees."""
        from zonework.core import clock
        from zonework.core.models import User
        from zonework.evaluation.actions import load_example_scheme, recompute
        from zonework.evaluation.models import EvaluationRun

        year = clock.today().year - 1
        scheme = load_example_scheme(year=year, acting_user=context.get("actor"))
        province = User.objects.filter(username="province").first()
        if province is not None and not EvaluationRun.objects.filter(scheme=scheme, year=year).exists():
            recompute(scheme, year, acting_user=province)
            stdout.write(f"考核评价：{scheme}，{year}年度已计算。\n")
