"""The security admin's role form: permissions grouped by app, each with a Chinese label."""

from django import forms
from django.apps import apps
from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _

from zonework.core.choices import DataScope
from zonework.core.models import Role

VERBS = {"view": "查看", "add": "新增", "change": "修改", "delete": "删除"}


def permission_label(perm):
    """"新增 开发区" for Django's default permissions (their stored names are English), else the
    permission's own (Chinese) name."""
    verb, _sep, model_name = perm.codename.partition("_")
    model = perm.content_type.model_class()
    if verb in VERBS and model is not None and model_name == model._meta.model_name:
        return f"{VERBS[verb]}{model._meta.verbose_name}"
    return str(perm.name)


def permission_choices():
    """[(app's Chinese name, [("app.codename", label), ...]), ...] for the apps of zonework."""
    groups = []
    perms = Permission.objects.select_related("content_type").order_by("content_type__app_label", "content_type__model",
                                                                       "codename")
    by_app = {}
    for perm in perms:
        by_app.setdefault(perm.content_type.app_label, []).append(perm)
    for config in apps.get_app_configs():
        if not config.name.startswith("zonework.") or config.label not in by_app:
            continue
        groups.append((str(config.verbose_name),
                       [(f"{config.label}.{p.codename}", permission_label(p)) for p in by_app[config.label]]))
    return groups


class RoleForm(forms.Form):
    code = forms.RegexField(label=_("代码"), max_length=50, regex=r"^[a-z][a-z0-9_]*$",
                            help_text=_("小写英文字母、数字和下划线，以字母开头，例如 inspector。"),
                            error_messages={"invalid": _("代码只能由小写英文字母、数字和下划线组成，并以字母开头。")})
    name = forms.CharField(label=_("名称"), max_length=50)
    data_scope = forms.ChoiceField(label=_("数据范围"), choices=DataScope.choices)
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    permissions = forms.MultipleChoiceField(label=_("权限"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, role=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.role = role
        self.fields["permissions"].choices = permission_choices()
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs.setdefault("class", "form-select" if isinstance(field, forms.ChoiceField)
                                              else "form-control")
        if role is not None:
            self.fields["code"].disabled = True
            self.initial.update({
                "code": role.code, "name": role.name, "data_scope": role.data_scope, "description": role.description,
                "permissions": [f"{p.content_type.app_label}.{p.codename}"
                                for p in role.permissions.select_related("content_type")],
            })
            if role.builtin:
                # The apps' declarations set a built-in role's permissions after every migrate.
                self.fields["permissions"].disabled = True
                self.fields["permissions"].help_text = _("内置角色的权限由系统按各模块的声明维护，只能修改名称、数据范围和说明。")

    def clean_code(self):
        code = self.cleaned_data["code"]
        if self.role is None and Role.objects.filter(code=code).exists():
            raise forms.ValidationError("已有代码为“%(code)s”的角色。", params={"code": code})
        return code

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Role.objects.filter(name=name).exclude(pk=getattr(self.role, "pk", None)).exists():
            raise forms.ValidationError("已有名称为“%(name)s”的角色。", params={"name": name})
        return name
