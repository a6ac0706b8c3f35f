"""factory_boy factories for plans and tasks (rows made directly; workflow steps go through actions)."""

import datetime

import factory

from tests.factories import UnitFactory, ZoneFactory
from zonework.work.models import Plan, Task


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    zone = factory.SubFactory(ZoneFactory)
    title = factory.Sequence(lambda n: f"2026年工作要点{n}")
    year = 2026
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"重点任务{n}")
    lead_unit = factory.SubFactory(UnitFactory, zone=factory.SelfAttribute("..plan.zone"))
    deadline = datetime.date(2026, 12, 31)

    @factory.post_generation
    def support_units(self, create, extracted, **kwargs):
        if extracted:
            self.support_units.set(extracted)
