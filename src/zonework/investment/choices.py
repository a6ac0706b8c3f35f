from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """A project's stages (GLOSSARY), in pipeline order; `terminated` stands outside the order."""

    LEAD = "lead", _("线索")
    NEGOTIATING = "negotiating", _("洽谈")
    SIGNED = "signed", _("签约")
    REGISTERED = "registered", _("注册")
    LAND_GRANTED = "land_granted", _("供地")
    CONSTRUCTION = "construction", _("开工")
    PRODUCTION = "production", _("投产")
    FULL_CAPACITY = "full_capacity", _("达产")
    TERMINATED = "terminated", _("终止")


# The pipeline order; terminated has no rank.
PIPELINE = [Stage.LEAD, Stage.NEGOTIATING, Stage.SIGNED, Stage.REGISTERED, Stage.LAND_GRANTED,
            Stage.CONSTRUCTION, Stage.PRODUCTION, Stage.FULL_CAPACITY]
RANK = {stage.value: i for i, stage in enumerate(PIPELINE)}


def rank(stage):
    """Position in the pipeline (0 = 线索); None for 终止 or no stage."""
    return RANK.get(stage)


class Origin(models.TextChoices):
    DOMESTIC = "domestic", _("内资")
    FOREIGN = "foreign", _("外资")


class Currency(models.TextChoices):
    """Amounts are kept in 万 of their currency and never summed across currencies."""

    CNY = "CNY", _("人民币（万元）")
    USD = "USD", _("美元（万美元）")


CURRENCY_UNIT = {Currency.CNY: "万元", Currency.USD: "万美元"}
