"""factory_boy factories for plans and tasks (rows made directly; workflow steps go through actions)."""

import datetime

import factory

from tests.factories import UnitFactory, ZoneFactory
from zonework.core import clock
from zonework.work.models import Plan, Task


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    zone = factory.SubFactory(ZoneFactory)
    # The plan of the year the suite runs in (frozen or real), never a literal year that rots.
    year = factory.LazyFunction(lambda: clock.today().year)
    title = factory.LazyAttributeSequence(lambda o, n: f"{o.year}年工作要点{n}")
    start_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    end_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"重点任务{n}")
    lead_unit = factory.SubFactory(UnitFactory, zone=factory.SelfAttribute("..plan.zone"))
    deadline = factory.LazyAttribute(lambda o: datetime.date(o.plan.year, 12, 31))

    @factory.post_generation
    def support_units(self, create, extracted, **kwargs):
        if extracted:
            self.support_units.set(extracted)
