"""Factories for the economy app."""

from decimal import Decimal

import factory

from tests.factories import ZoneFactory
from zonework.economy.models import Indicator, Observation, Target, TrackedIndicator


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试指标{n}")
    unit = "亿元"
    family = "test"


class TrackedIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackedIndicator
        django_get_or_create = ("zone", "indicator")

    zone = factory.SubFactory(ZoneFactory)
    indicator = factory.SubFactory(IndicatorFactory)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    zone = factory.SubFactory(ZoneFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    year = 2013
    growth_pct = Decimal("20")
    bound = "min"


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    zone = factory.SubFactory(ZoneFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    year = 2013
    month = 6
    ytd_value = Decimal("100")
    value_unit = "亿元"
    yoy_pct = Decimal("10")


def indicator(code):
    """A catalogue indicator (seeded after migrate) by its code."""
    return Indicator.objects.get(code=code)
