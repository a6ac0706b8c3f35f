"""A major project's light by milestone slippage (开工 / 竣工 / 投产, each planned and actual).

For each milestone with a planned date, on `today`:
  slip = actual − planned when reached; today − planned when not reached and the plan has passed.
Light:
  red    a milestone not reached more than ZONEWORK_MILESTONE_RED_DAYS (settings.py: 30) days after its plan;
  yellow a milestone not reached and past its plan by up to that many days, or one reached more than
         that many days late, or one due within ZONEWORK_MILESTONE_SOON_DAYS (settings.py: 15) days;
  green  otherwise (no plan counts as nothing to slip).
"""


from django.conf import settings

from zonework.core import clock

LABELS = {"construction_start": "开工", "completion": "竣工", "production_start": "投产"}


def milestone_light(milestones, today=None):
    """(light, note) from [(key, planned, actual)]."""
    today = today or clock.today()
    red_days, soon_days = settings.ZONEWORK_MILESTONE_RED_DAYS, settings.ZONEWORK_MILESTONE_SOON_DAYS
    worst, note = "green", "按计划推进"
    rank = {"green": 0, "yellow": 1, "red": 2}
    for key, planned, actual in milestones:
        if planned is None:
            continue
        label = LABELS.get(key, key)
        if actual is not None:
            slip = (actual - planned).days
            light = "yellow" if slip > red_days else "green"
            text = f"{label}滞后{slip}天完成"
        else:
            slip = (today - planned).days
            if slip > red_days:
                light, text = "red", f"{label}已滞后{slip}天"
            elif slip > 0:
                light, text = "yellow", f"{label}已滞后{slip}天"
            elif -slip <= soon_days:
                light, text = "yellow", f"{label}将于{planned}到期"
            else:
                light, text = "green", ""
        if rank[light] > rank[worst]:
            worst, note = light, text
    return worst, note


def major_project_light(project, today=None):
    return milestone_light([(key, planned, actual) for key, _l, planned, actual in project.milestones()], today)
