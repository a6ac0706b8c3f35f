"""Data scope: the one rule that decides which rows a user may see or change.

Every page, API view, export and command filters its queryset through `restrict`. A model tells
the rule where its zone, owning unit and owner are (AuditedModel.scope_*); nothing else differs
between models, so one constraint covers them all (DESIGN.md, avoiding NetBox #6080).

Rule (DOMAIN_NOTES §6, RuoYi's OR-union):
- the user needs the model permission for the action (view/add/change/delete), else no rows;
- a system admin (or superuser) is never filtered;
- otherwise rows are limited to the user's zones (the unit's zone plus granted zones), and within
  them to the union of the data scopes of the user's roles: 全部 / 本单位及下级 / 本单位 / 仅本人.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from zonework.core.choices import DataScope


class ScopeDenied(PermissionDenied):
    """An action on a row outside the user's permissions or data scope."""


def perm_name(model, action):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def user_zone_ids(user):
    """The zones a user works in, or None for every zone (system admin)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_system_admin:
        return None
    if not hasattr(user, "_zone_ids"):
        ids = set(user.zones.values_list("pk", flat=True))
        if user.unit_id:
            ids.add(user.unit.zone_id)
        user._zone_ids = ids
    return user._zone_ids


def user_scopes(user):
    if not hasattr(user, "_data_scopes"):
        user._data_scopes = set(user.roles.values_list("data_scope", flat=True))
    return user._data_scopes


def _lookup(path, suffix):
    return f"{path}__{suffix}" if path else suffix


def hidden_from(model, user):
    """A model whose rows the system admin may not read however wide the admin's rights (三员分立:
    the audit log is the auditor's, also for a superuser)."""
    return bool(getattr(model, "scope_hidden_from_system_admin", False)) and user.is_system_admin


def scope_q(model, user):
    """The Q that limits `model` rows to the user's data scope (zones and units), or None for all."""
    # A role a model names in `scope_all_roles` reads every row of it: the auditor reads the whole
    # log, the entries that belong to no zone (failed logins, exports) included.
    if set(getattr(model, "scope_all_roles", ())) & user.role_codes():
        return None
    zone_ids = user_zone_ids(user)
    if zone_ids is None:
        return None
    zone_path = getattr(model, "scope_zone", "zone")
    q = Q(**{_lookup(zone_path, "pk__in"): zone_ids}) if zone_path is not None else Q()
    scopes = user_scopes(user)
    if DataScope.ALL in scopes:
        return q
    unit_path = getattr(model, "scope_unit", "unit")
    owner_path = getattr(model, "scope_owner", "created_by")
    if unit_path is None:
        # Reference rows with no owning unit (zones, parks): visible across the user's zones.
        return q if scopes else Q(pk__in=[])
    allowed = Q(pk__in=[])
    unit = user.unit if user.unit_id else None
    if unit is not None and DataScope.UNIT_AND_BELOW in scopes:
        allowed |= Q(**{_lookup(unit_path, "path__startswith"): unit.path})
    if unit is not None and DataScope.UNIT in scopes:
        allowed |= Q(**{_lookup(unit_path, "pk"): unit.pk})
    if DataScope.SELF in scopes and owner_path:
        allowed |= Q(**{owner_path: user}) if owner_path != "pk" else Q(pk=user.pk)
    return q & allowed


def restrict(queryset, user, action="view"):
    """`queryset` limited to what `user` may `action` (view/add/change/delete)."""
    model = queryset.model
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if not user.has_perm(perm_name(model, action)) or hidden_from(model, user):
        return queryset.none()
    q = scope_q(model, user)
    return queryset if q is None else queryset.filter(q)


def can(user, action, model_or_obj):
    """Whether the user holds the permission; with an object, whether it is also in scope."""
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    if not getattr(user, "is_authenticated", False) or not user.has_perm(perm_name(model, action)):
        return False
    if hidden_from(model, user):
        return False
    if isinstance(model_or_obj, type) or model_or_obj.pk is None:
        return True
    return restrict(model._default_manager.filter(pk=model_or_obj.pk), user, action).exists()


def check(user, action, obj):
    """Raise ScopeDenied unless the user may `action` this saved row."""
    if not can(user, action, obj):
        raise ScopeDenied(denied_message(action, obj))


def denied_message(action, obj_or_model):
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    verbs = {"view": "查看", "add": "新增", "change": "修改", "delete": "删除"}
    name = model._meta.verbose_name
    if isinstance(obj_or_model, type):
        return f"您没有{verbs.get(action, action)}{name}的权限。"
    return f"您没有权限{verbs.get(action, action)}{name}“{obj_or_model}”：它不在您的数据范围内。"


# --- zones -----------------------------------------------------------------------------------


def zones_for(user):
    """The zones the user works in, as a Zone queryset (every zone for a system admin)."""
    from zonework.core.models import Zone

    ids = user_zone_ids(user)
    return Zone.objects.all() if ids is None else Zone.objects.filter(pk__in=ids)


def check_zone(user, action, model, zone, message=None):
    """Raise ScopeDenied unless `user` may `action` rows of `model` in `zone`: the model permission,
    and the zone among the user's zones. `message` replaces the default refusal for the zone."""
    if not can(user, action, model):
        raise ScopeDenied(denied_message(action, model))
    zone_ids = user_zone_ids(user)
    if zone_ids is not None and zone.pk not in zone_ids:
        verbs = {"view": "查看", "add": "新增", "change": "修改", "delete": "删除"}
        raise ScopeDenied(message or f"您没有权限{verbs.get(action, action)}开发区“{zone}”的"
                                     f"{model._meta.verbose_name}：该开发区不在您的数据范围内。")


def in_zone(queryset, zone):
    """`queryset` narrowed to `zone` (the one chosen in the header); unchanged when there is none
    or the model belongs to no zone."""
    path = getattr(queryset.model, "scope_zone", "zone")
    if zone is None or path is None:
        return queryset
    return queryset.filter(**{path or "pk": zone.pk})
