"""factory_boy factories for the organisation. Domain apps add theirs in tests/<app>/factories.py."""

import factory
from django.contrib.auth.models import Permission

from zonework.core.choices import DataScope, UnitKind
from zonework.core.models import Park, Role, Unit, User, Zone

PASSWORD = "Test@Pass1234"


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试开发区{n}")
    short_name = factory.LazyAttribute(lambda o: o.name[:4])
    province = "湖北省"
    city = "武汉市"
    kind = "etdz"


class ParkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Park

    zone = factory.SubFactory(ZoneFactory)
    name = factory.Sequence(lambda n: f"产业园{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    zone = factory.SubFactory(ZoneFactory)
    name = factory.Sequence(lambda n: f"单位{n}")
    kind = UnitKind.BUREAU
    parent = None


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"role{n}")
    name = factory.Sequence(lambda n: f"角色{n}")
    data_scope = DataScope.UNIT

    @factory.post_generation
    def perms(self, create, extracted, **kwargs):
        """perms=["core.view_unit", ...]"""
        for name in extracted or []:
            app, codename = name.split(".")
            self.permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            self.roles.add(role if isinstance(role, Role) else Role.objects.get(code=role))
        self.save()


def role_user(code, unit, **kwargs):
    """A user holding one of the built-in roles (admin, leader, supervisor, unit_user, auditor)."""
    return UserFactory(unit=unit, roles=[code], **kwargs)
