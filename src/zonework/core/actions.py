"""Every change of organisation data, and the generic create/update/delete the other apps reuse.

Each function is atomic, checks the acting user's permission and data scope, validates with the
model's rules (Chinese messages), and leaves its trail in the audit log: field changes through the
audit receivers, named events through `record_event`. A write outside the user's scope is refused,
rolled back, and the attempt itself is logged.
"""

import functools

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from zonework.core import clock, scope
from zonework.core.audit import diff, record_event, write_entry
from zonework.core.choices import AuditAction
from zonework.core.context import audit_context


def _refusal_logger(refusals, *, app_in_event):
    """A decorator that logs a refused action after its transaction has rolled back, so the record
    of the attempt survives; `refusals` are the exception types that count as a refusal.

    An auditor must tell an attempt beyond the user's rights (越权拒绝) from a typing mistake
    (校验拒绝), so the two are logged as different kinds.
    """

    def decorator(func):
        event = f"{func.__module__.split('.')[1]}.{func.__name__}" if app_in_event else func.__name__

        @functools.wraps(func)
        def wrapper(*args, acting_user, **kwargs):
            try:
                with audit_context(user=acting_user):
                    return func(*args, acting_user=acting_user, **kwargs)
            except refusals as exc:
                target = next((a for a in args if hasattr(a, "_meta") and not isinstance(a, type)), None)
                if isinstance(exc, ValidationError):
                    kind, message = AuditAction.REFUSED, "；".join(exc.messages)
                else:
                    kind, message = AuditAction.DENIED, str(exc)
                with audit_context(user=acting_user):
                    write_entry(kind, obj=target if target is not None and target.pk else None,
                                event=event, message=message[:2000])
                raise

        return wrapper

    return decorator


# Writes outside the user's permissions or scope.
logs_denials = _refusal_logger((scope.ScopeDenied,), app_in_event=False)
# Also bad input (logged as 校验拒绝), where the attempt itself must be on record (the supervision workflow).
logs_refusals = _refusal_logger((ValidationError, scope.ScopeDenied), app_in_event=True)


def _assign(obj, data):
    m2m = {}
    for name, value in data.items():
        field = obj._meta.get_field(name)
        if field.many_to_many:
            m2m[name] = value
        else:
            setattr(obj, name, value)
    return m2m


def _save(obj, m2m, acting_user, action):
    obj.full_clean()
    obj.save()
    for name, value in m2m.items():
        getattr(obj, name).set(value)
    # Re-read through the scope rule: a row moved outside the user's scope is refused.
    if not scope.can(acting_user, action, obj):
        raise scope.ScopeDenied(scope.denied_message(action, obj))
    return obj


@logs_denials
@transaction.atomic
def create_object(model, data, *, acting_user):
    if not scope.can(acting_user, "add", model):
        raise scope.ScopeDenied(scope.denied_message("add", model))
    obj = model()
    m2m = _assign(obj, data)
    if hasattr(obj, "created_by_id") and acting_user is not None and acting_user.is_authenticated:
        obj.created_by = acting_user
    return _save(obj, m2m, acting_user, "add")


@logs_denials
@transaction.atomic
def update_object(obj, data, *, acting_user):
    scope.check(acting_user, "change", obj)
    m2m = _assign(obj, data)
    return _save(obj, m2m, acting_user, "change")


@logs_denials
@transaction.atomic
def delete_object(obj, *, acting_user):
    scope.check(acting_user, "delete", obj)
    from django.db import IntegrityError, connection
    from django.db.models import ProtectedError, RestrictedError

    label = str(obj)
    try:
        with transaction.atomic():
            obj.delete()
            # Foreign keys are checked at commit, after this function has returned: check them here,
            # so a row still referenced is refused with a message, not a 500 from the commit.
            connection.check_constraints(table_names=referencing_tables(type(obj)))
    except (ProtectedError, RestrictedError) as exc:
        rows = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or []
        names = "、".join(sorted({str(o) for o in list(rows)[:5]}))
        raise ValidationError(f"“{label}”仍被其他记录引用（{names}），不能删除。") from exc
    except IntegrityError as exc:
        raise ValidationError(referenced_message(label)) from exc


def referenced_message(label):
    return f"“{label}”仍被其他记录引用，不能删除。请先删除或改挂引用它的记录。"


def referencing_tables(model):
    return sorted({rel.related_model._meta.db_table for rel in model._meta.related_objects
                   if rel.related_model is not None})


# --- organisation ----------------------------------------------------------------------------


def create_zone(data, *, acting_user):
    return create_object(_models().Zone, data, acting_user=acting_user)


def update_zone(zone, data, *, acting_user):
    return update_object(zone, data, acting_user=acting_user)


def create_park(data, *, acting_user):
    return create_object(_models().Park, data, acting_user=acting_user)


def update_park(park, data, *, acting_user):
    return update_object(park, data, acting_user=acting_user)


def create_unit(data, *, acting_user):
    return create_object(_models().Unit, data, acting_user=acting_user)


@logs_denials
@transaction.atomic
def update_unit(unit, data, *, acting_user):
    """Update a unit; a new parent is also logged as the business event "unit.moved"."""
    old_parent = unit.parent
    unit = update_object(unit, data, acting_user=acting_user)
    if unit.parent_id != (old_parent.pk if old_parent else None):
        record_event(
            "unit.moved", unit,
            message=f"单位“{unit}”由“{old_parent or '（顶层）'}”移至“{unit.parent or '（顶层）'}”",
            before={"parent_id": old_parent.pk if old_parent else None},
            after={"parent_id": unit.parent_id},
        )
    return unit


def move_unit(unit, new_parent, *, acting_user):
    return update_unit(unit, {"parent": new_parent}, acting_user=acting_user)


# --- users -----------------------------------------------------------------------------------


def check_separation(roles):
    """Refuse a set of roles holding two of 系统管理员 / 安全管理员 / 审计管理员 (三员分立)."""
    from zonework.core.choices import RoleCode
    from zonework.core.roles import SEPARATED_ROLES

    codes = {getattr(r, "code", r) for r in roles or []}
    held = [str(RoleCode(c).label) for c in SEPARATED_ROLES if c in codes]
    if len(held) > 1:
        raise ValidationError({"roles": f"三员分立：{'与'.join(held)}不能由同一用户兼任，请只保留其中一个。"})


@logs_denials
@transaction.atomic
def create_user(data, *, password, acting_user, must_change_password=True):
    """A new account; its owner changes the password the admin chose at the first login (unless
    `must_change_password` is False: the demo's accounts, whose password is printed for everyone)."""
    from django.contrib.auth.password_validation import validate_password

    User = _models().User
    if not scope.can(acting_user, "add", User):
        raise scope.ScopeDenied(scope.denied_message("add", User))
    user = User()
    m2m = _assign(user, data)
    if "roles" in m2m:
        check_separation(m2m["roles"])
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.must_change_password = must_change_password
    _save(user, m2m, acting_user, "add")
    _remember_password(user)
    record_event("user.created", user, message=f"新建用户“{user.username}”")
    return user


@logs_denials
@transaction.atomic
def update_user(user, data, *, acting_user):
    if "roles" in data:
        check_separation(data["roles"])
    return update_object(user, data, acting_user=acting_user)


@logs_denials
@transaction.atomic
def set_password(user, password, *, acting_user):
    from django.contrib.auth.password_validation import validate_password

    by_owner = acting_user.pk == user.pk
    if not by_owner:
        scope.check(acting_user, "change", user)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    # A password someone else chose is known to two people: its owner must replace it.
    user.must_change_password = not by_owner
    user.save(update_fields=["password", "password_changed_at", "must_change_password"])
    _remember_password(user)
    # Tokens issued under the old password must not outlive it.
    from knox.models import AuthToken

    revoked, _ = AuthToken.objects.filter(user=user).delete()
    if by_owner:
        message = f"用户“{user.username}”修改了自己的密码"
    else:
        message = f"重置用户“{user.username}”的密码（下次登录须修改）"
    if revoked:
        message += f"，吊销接口令牌{revoked}个"
    record_event("user.password_changed" if by_owner else "user.password_reset", user, message=message)
    return user


def _remember_password(user):
    from zonework.core import clock

    _models().PasswordHistory.objects.create(user=user, password=user.password, created_at=clock.now())


@logs_denials
@transaction.atomic
def change_own_password(user, old_password, new_password, *, acting_user):
    """The change-password page: the owner proves the old password first."""
    if acting_user.pk != user.pk:
        raise scope.ScopeDenied("只能修改自己的密码。")
    if not user.check_password(old_password or ""):
        raise ValidationError({"old_password": ["原密码不正确。"]})
    return set_password(user, new_password, acting_user=acting_user)


@logs_denials
@transaction.atomic
def unlock_user(user, *, acting_user):
    """Lift a login lock: failures before this event no longer count (core.auth)."""
    from zonework.core.auth import UNLOCK_EVENT

    if not acting_user.has_perm("core.unlock_user") or not scope.can(acting_user, "view", user):
        raise scope.ScopeDenied("没有解除账户锁定的权限。")
    return record_event(UNLOCK_EVENT, user, message=f"解除用户“{user.username}”的登录锁定")


@logs_denials
@transaction.atomic
def reset_second_factor(user, *, acting_user):
    """A lost phone: the user's TOTP device and recovery codes are removed; the next login enrols anew."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not acting_user.has_perm("core.unlock_user") or not scope.can(acting_user, "view", user):
        raise scope.ScopeDenied("没有重置动态口令的权限。")
    removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    return record_event("user.otp_reset", user,
                        message=f"重置用户“{user.username}”的动态口令（删除设备{removed}个），下次登录须重新绑定")


@logs_denials
@transaction.atomic
def revoke_tokens(user, tokens, *, acting_user):
    """Revoke API tokens (knox AuthToken rows) of `user`: the caller's own, or any with change rights."""
    if acting_user.pk != user.pk:
        scope.check(acting_user, "change", user)
    count, _ = tokens.filter(user=user).delete()
    record_event("token.revoked", user, message=f"吊销用户“{user.username}”的接口令牌{count}个")
    return count


@logs_denials
@transaction.atomic
def confirm_second_factor(user, device, *, acting_user):
    """Enrolment done: the TOTP device is confirmed and a fresh set of recovery codes is issued
    (the old set, if any, is void). Returns the codes, shown to the user once."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    if acting_user.pk != user.pk or device.user_id != user.pk:
        raise scope.ScopeDenied("只能为自己绑定动态口令。")
    device.confirmed = True
    device.save()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="恢复码", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(10)]
    for code in codes:
        static.token_set.create(token=code)
    record_event("user.otp_enrolled", user, message=f"用户“{user.username}”绑定动态口令，生成恢复码10个")
    return codes


# --- roles -----------------------------------------------------------------------------------

ROLE_FIELDS = {"name", "data_scope", "description", "permissions"}


def role_state(role):
    """What a role change is judged by: its name, data scope and permission codenames."""
    perms = role.permissions.values_list("content_type__app_label", "codename") if role.pk else []
    return {"name": str(role.name), "data_scope": str(role.data_scope), "description": str(role.description),
            "permissions": sorted(f"{app}.{codename}" for app, codename in perms)}


def _permissions(values):
    """Permission rows from rows or "app.codename" names; an unknown name is refused."""
    from django.contrib.auth.models import Permission

    rows, unknown = [], []
    for value in values or []:
        if isinstance(value, Permission):
            rows.append(value)
            continue
        app, _, codename = str(value).partition(".")
        perm = Permission.objects.filter(content_type__app_label=app, codename=codename).first()
        if perm is None:
            unknown.append(str(value))
        else:
            rows.append(perm)
    if unknown:
        raise ValidationError({"permissions": f"没有这些权限：{'、'.join(unknown)}。"})
    return list(dict.fromkeys(rows))


def _role_message(role, before, after):
    from zonework.core.choices import DataScope

    def scope_label(value):
        return DataScope(value).label if value in DataScope.values else value

    if before is None:
        return (f"新建角色“{role}”：数据范围“{scope_label(after['data_scope'])}”，"
                f"权限{len(after['permissions'])}项")
    parts = []
    if before["name"] != after["name"]:
        parts.append(f"名称由“{before['name']}”改为“{after['name']}”")
    if before["data_scope"] != after["data_scope"]:
        parts.append(f"数据范围由“{scope_label(before['data_scope'])}”改为“{scope_label(after['data_scope'])}”")
    if before["description"] != after["description"]:
        parts.append("修改说明")
    added = sorted(set(after["permissions"]) - set(before["permissions"]))
    removed = sorted(set(before["permissions"]) - set(after["permissions"]))
    if added:
        parts.append(f"新增权限{len(added)}项：{'、'.join(added)}")
    if removed:
        parts.append(f"移除权限{len(removed)}项：{'、'.join(removed)}")
    return f"角色“{role}”：" + "；".join(parts)


def _write_role(role, data, *, event):
    """Save a role and, when its state changed, one named event with before and after.

    Role rows have no field snapshots of their own (permissions are a many-to-many of codenames
    an auditor reads, not ids), so this event is the role's whole trail.
    """
    before = role_state(role) if role.pk else None
    data = dict(data)
    perms = _permissions(data.pop("permissions")) if "permissions" in data else None
    for name, value in data.items():
        setattr(role, name, value)
    role.full_clean()
    role.save()
    if perms is not None and set(role.permissions.all()) != set(perms):
        role.permissions.set(perms)
    after = role_state(role)
    if before == after:
        return role
    # The permission lists are long (the admin holds every one): the changes column names the
    # scalar fields, the message names the permissions added and removed.
    changes = [c for c in diff(before, after) if c["field"] != "permissions"]
    record_event(event, role, message=_role_message(role, before, after)[:2000], before=before, after=after,
                 changes=changes)
    return role


def _check_role_fields(data, allowed):
    wrong = set(data) - allowed
    if wrong:
        raise ValidationError(f"这些字段不能直接修改：{'、'.join(sorted(wrong))}。")


@logs_denials
@transaction.atomic
def create_role(data, *, acting_user):
    """A role an admin makes: code, name, data scope, description and permissions."""
    Role = _models().Role
    if not scope.can(acting_user, "add", Role):
        raise scope.ScopeDenied(scope.denied_message("add", Role))
    _check_role_fields(data, ROLE_FIELDS | {"code"})
    return _write_role(Role(), data, event="role.created")


@logs_denials
@transaction.atomic
def update_role(role, data, *, acting_user):
    """Change a role's name, data scope, description or permissions (a list replaces the old one)."""
    if not scope.can(acting_user, "change", type(role)):
        raise scope.ScopeDenied(scope.denied_message("change", role))
    _check_role_fields(data, ROLE_FIELDS)
    return _write_role(role, data, event="role.changed")


@transaction.atomic
def sync_builtin_role(code, *, name, data_scope, description, permissions):
    """Create a built-in role, or bring its permissions in line with what the apps declare.

    Run after every migrate, by no person: logged under the system actor, and only when something
    changed. The data scope of an existing built-in role is left as an admin set it.
    """
    Role = _models().Role
    role = Role.objects.filter(code=code).first()
    with audit_context(source="migrate"):
        if role is None:
            return _write_role(Role(code=code, builtin=True),
                               {"name": name, "data_scope": data_scope, "description": description,
                                "permissions": permissions}, event="role.created")
        return _write_role(role, {"permissions": permissions}, event="role.synced")


def _models():
    from zonework.core import models

    return models


# --- messages (站内信), notices (通知公告) and their deliveries -------------------------------
# Called from the other apps' actions (交办, 退回, 催办, 批示 ...) inside their transactions: a message
# is written with the event that raised it, and goes out through the channels only once that has
# committed.


@transaction.atomic
def send_message(recipients, *, kind, title, event_key, body="", link="", zone=None, notice=None):
    """One message per recipient for one event; a recipient who already has this event's message gets
    no second one. Returns the messages created."""
    from zonework.core import delivery
    from zonework.core.choices import MessageKind

    models = _models()
    users = [u for u in dict.fromkeys(recipients) if u is not None and u.is_active]
    have = set(models.Message.objects.filter(event_key=event_key, recipient__in=users)
               .values_list("recipient_id", flat=True))
    created = []
    for user in users:
        if user.pk in have:
            continue
        try:
            with transaction.atomic():
                created.append(models.Message.objects.create(
                    recipient=user, kind=kind, title=title[:200], body=body, link=link, event_key=event_key,
                    zone=zone, notice=notice))
        except IntegrityError:  # a concurrent run wrote it first
            continue
    if created:
        record_event("message.sent", notice, message=f"发送{MessageKind(kind).label}消息“{title}”给{len(created)}人"[:2000],
                     after={"event_key": event_key, "recipients": [m.recipient.get_username() for m in created]},
                     zone_id=getattr(zone, "pk", None))
        delivery.queue(created)
    return created


@transaction.atomic
def mark_read(messages, *, acting_user):
    """The reader marks their own messages read; returns how many changed."""
    now = clock.now()
    count = 0
    for message in messages:
        if message.recipient_id != acting_user.pk:
            raise scope.ScopeDenied("只能标记本人的消息。")
        if message.read_at is None:
            with audit_context(user=acting_user):
                message.read_at = now
                message.save(update_fields=["read_at", "updated_at"])
            count += 1
    return count


@logs_denials
@transaction.atomic
def publish_notice(data, *, acting_user):
    """通知公告 to the zone (no units chosen) or to the chosen units: every active user there gets it."""
    models = _models()
    zone = data.get("zone")
    if zone is None:
        raise ValidationError({"zone": "请选择开发区。"})
    if not acting_user.has_perm("core.publish_notice"):
        raise scope.ScopeDenied("只有管委会办公室可以发布通知公告。")
    scope.check_zone(acting_user, "view", models.Zone, zone,
                     message=f"开发区“{zone}”不在您的数据范围内，不能发布通知。")
    units = list(data.get("units") or [])
    outside = [u for u in units if u.zone_id != zone.pk]
    if outside:
        raise ValidationError({"units": f"{'、'.join(str(u) for u in outside)}不属于{zone}。"})
    notice = models.Notice(zone=zone, title=(data.get("title") or "").strip(), body=(data.get("body") or "").strip(),
                           published_at=clock.now(), created_by=acting_user)
    notice.full_clean()
    notice.save()
    notice.units.set(units)
    people = models.User.objects.filter(is_active=True, unit__zone=zone).exclude(pk=acting_user.pk)
    if units:
        people = people.filter(unit__in=units)
    record_event("notice.published", notice, message=f"发布通知“{notice}”至{'、'.join(str(u) for u in units) or '全区'}")
    send_message(list(people.order_by("username")), kind="notice", title=notice.title, body=notice.body,
                 link=notice.get_absolute_url(), event_key=f"notice:{notice.pk}", zone=zone, notice=notice)
    return notice


@transaction.atomic
def claim_delivery(delivery_id):
    """Take a delivery for one attempt (sending, attempts + 1), or None when it needs none: sent,
    skipped, or being sent by another worker. The row lock makes two workers agree."""
    from zonework.core.choices import DeliveryStatus

    models = _models()
    row = models.Delivery.objects.select_for_update().select_related("message", "message__recipient") \
        .filter(pk=delivery_id).first()
    if row is None or row.status not in (DeliveryStatus.PENDING, DeliveryStatus.FAILED):
        return None
    row.status, row.attempts = DeliveryStatus.SENDING, row.attempts + 1
    row.save(update_fields=["status", "attempts", "updated_at"])
    return row


@transaction.atomic
def finish_delivery(row, *, error=""):
    from zonework.core.choices import DeliveryStatus

    if error:
        row.status, row.error = DeliveryStatus.FAILED, error[:2000]
        row.save(update_fields=["status", "error", "updated_at"])
        record_event("message.delivery_failed", row, message=f"{row.channel}发送失败（第{row.attempts}次）：{error}"[:2000])
    else:
        row.status, row.error, row.sent_at = DeliveryStatus.SENT, "", clock.now()
        row.save(update_fields=["status", "error", "sent_at", "updated_at"])
    return row


@logs_denials
@transaction.atomic
def retry_delivery(row, *, acting_user):
    """重试 by the admin: a failed (or stuck) delivery goes out again after commit."""
    from zonework.core import delivery
    from zonework.core.choices import DeliveryStatus

    if not acting_user.has_perm("core.change_delivery"):
        raise scope.ScopeDenied("只有系统管理员可以重试消息发送。")
    if row.status in (DeliveryStatus.SENT, DeliveryStatus.SKIPPED):
        raise ValidationError("该消息已发送，无需重试。")
    row.status = DeliveryStatus.PENDING
    row.save(update_fields=["status", "updated_at"])
    record_event("message.delivery_retried", row, message=f"重试发送“{row.message}”（{row.channel}）")
    delivery.schedule([row.pk])
    return row
