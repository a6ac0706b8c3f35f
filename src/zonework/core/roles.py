"""The built-in roles and the permissions each holds.

Each app declares what its models grant to the built-in roles in its AppConfig as
`role_permissions = {"leader": ["economy.view_*"], ...}`; after every migrate the built-in roles
are brought in line with those declarations, through core.actions so each change is in the audit
log. Roles an admin creates are left alone.
"""

import fnmatch

from django.apps import apps
from django.db.models.signals import post_migrate

from zonework.core.choices import DataScope, RoleCode

BUILTIN_ROLES = {
    RoleCode.ADMIN: (DataScope.ALL, "管理开发区、园区、单位、用户与系统设置；不受数据范围限制；不能查看审计日志，不能修改角色与权限。"),
    RoleCode.SECURITY_ADMIN: (DataScope.ALL, "管理角色、权限与数据范围，解锁被锁定的用户；不能管理业务数据，不能查看审计日志。"),
    RoleCode.LEADER: (DataScope.ALL, "查看本开发区的全部数据。"),
    RoleCode.SUPERVISOR: (DataScope.ALL, "交办、审核、办结督查事项，查看本开发区的全部工作数据。"),
    RoleCode.UNIT_USER: (DataScope.UNIT, "处理本单位的任务、项目和诉求。"),
    RoleCode.AUDITOR: (DataScope.ALL, "只读查看与导出全部审计日志（含登录失败、导出等不属于开发区的记录），不能修改任何数据。"),
}

# 三员分立 (GB/T 22239-2019 level 3): system, security and audit administration are held by three
# different people; `core.actions` refuses a user two of them.
SEPARATED_ROLES = (RoleCode.ADMIN, RoleCode.SECURITY_ADMIN, RoleCode.AUDITOR)

CORE_ROLE_PERMISSIONS = {
    RoleCode.ADMIN: ["*"],
    RoleCode.LEADER: ["core.view_zone", "core.view_park", "core.view_unit", "core.view_user", "core.view_industry"],
    RoleCode.SUPERVISOR: ["core.view_zone", "core.view_park", "core.view_unit", "core.view_user",
                          "core.view_industry", "core.publish_notice", "core.view_notice"],
    RoleCode.UNIT_USER: ["core.view_zone", "core.view_park", "core.view_unit", "core.view_industry"],
    RoleCode.SECURITY_ADMIN: ["core.*_role", "core.unlock_user", "core.view_user", "core.view_zone", "core.view_unit",
                              "core.view_park"],
    RoleCode.AUDITOR: ["core.view_auditentry"],
}

# What a role does not get even when a pattern above matches: the system admin's "*" stops short of
# the security admin's and the auditor's duties.
CORE_ROLE_EXCLUDED = {
    RoleCode.ADMIN: ["core.*_role", "core.unlock_user", "core.view_auditentry", "auth.*"],
}


def declared_patterns():
    patterns = {code: list(p) for code, p in CORE_ROLE_PERMISSIONS.items()}
    for config in apps.get_app_configs():
        for code, more in getattr(config, "role_permissions", {}).items():
            patterns.setdefault(code, []).extend(more)
    return patterns


def _last_app_with_models():
    return [c for c in apps.get_app_configs() if c.models_module is not None][-1]


def sync_builtin_roles(app_config=None, **kwargs):
    """Bring the built-in roles in line with the declarations; each change is an audit event of the
    system actor (core.actions.sync_builtin_role), a migrate that changes nothing writes none."""
    from django.contrib.auth.models import Permission

    from zonework.core import actions

    # post_migrate is sent once per app, and an app's permissions exist only from its own signal
    # on: syncing before the last app would log half-finished permission lists.
    if app_config is not None and app_config is not _last_app_with_models():
        return
    all_perms = list(Permission.objects.select_related("content_type"))
    names = {p: f"{p.content_type.app_label}.{p.codename}" for p in all_perms}
    for code, patterns in declared_patterns().items():
        scope, description = BUILTIN_ROLES[code]
        excluded = CORE_ROLE_EXCLUDED.get(code, [])
        wanted = [p for p in all_perms if any(fnmatch.fnmatchcase(names[p], pat) for pat in patterns)
                  and not any(fnmatch.fnmatchcase(names[p], pat) for pat in excluded)]
        actions.sync_builtin_role(code, name=RoleCode(code).label, data_scope=scope, description=description,
                                  permissions=wanted)


def connect_signals():
    post_migrate.connect(sync_builtin_roles, dispatch_uid="zonework-sync-roles")
