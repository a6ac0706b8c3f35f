from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestCategory(models.TextChoices):
    POLICY = "policy", _("政策咨询")
    PERMIT = "permit", _("审批手续")
    LAND = "land", _("用地规划")
    FINANCING = "financing", _("融资")
    LABOUR = "labour", _("用工")
    UTILITIES = "utilities", _("水电气热")
    INFRASTRUCTURE = "infrastructure", _("道路交通")
    OTHER = "other", _("其他")


class RequestState(models.TextChoices):
    """受理 → 交办 → 办理 → 答复 → 办结; reopened back to 办理 when the enterprise is not satisfied."""

    RECEIVED = "received", _("受理")
    ASSIGNED = "assigned", _("交办")
    HANDLING = "handling", _("办理")
    REPLIED = "replied", _("答复")
    CLOSED = "closed", _("办结")


OPEN_STATES = (RequestState.RECEIVED, RequestState.ASSIGNED, RequestState.HANDLING, RequestState.REPLIED)
