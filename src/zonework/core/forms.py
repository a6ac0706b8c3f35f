from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from zonework.core import scope
from zonework.core.auth import check_login_allowed, guard_state, normalize_username
from zonework.core.models import Park, Role, Unit, User, Zone
from zonework.core.zone_picker import searchable


class LoginForm(AuthenticationForm):
    """The login page's form: the name normalised once, the lock checked first, a captcha after
    a few failures (of this name or from this address)."""

    error_messages = {
        "invalid_login": _("用户名或密码错误。连续失败多次后账户将被临时锁定。"),
        "inactive": _("该账户已停用，请联系系统管理员。"),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        from zonework.core.middleware import client_ip

        self.ip = client_ip(request) if request is not None else None
        typed = self.data.get("username") if self.is_bound else None
        if guard_state(typed, self.ip).needs_captcha:
            from captcha.fields import CaptchaField

            self.fields["captcha"] = CaptchaField(label=_("验证码"), error_messages={
                "invalid": _("验证码错误，请重新输入。"), "required": _("请输入验证码。")})

    def clean_username(self):
        return normalize_username(self.cleaned_data.get("username"))

    def clean(self):
        username = self.cleaned_data.get("username")
        _state, refusal = check_login_allowed(username, self.ip)
        if refusal:
            raise forms.ValidationError(refusal, code="locked")
        if "captcha" in self.fields and "captcha" in self.errors:
            # Without the right captcha the password is not even tried.
            return self.cleaned_data
        return super().clean()


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("原密码"), widget=forms.PasswordInput, strip=False)
    new_password = forms.CharField(label=_("新密码"), widget=forms.PasswordInput, strip=False,
                                   help_text=_("至少12个字符，含大写字母、小写字母、数字、特殊符号中的至少3类；"
                                               "不能与最近5次使用过的密码相同。"))
    new_password2 = forms.CharField(label=_("再次输入新密码"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("new_password2"):
            self.add_error("new_password2", _("两次输入的新密码不一致。"))
        return data


class OTPTokenForm(forms.Form):
    token = forms.CharField(label=_("动态口令或恢复码"), max_length=16,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}))

    def clean_token(self):
        return normalize_username(self.cleaned_data["token"]).replace(" ", "")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel文件（.xlsx）"))


class ScopedFormMixin:
    """Limits every foreign-key choice to rows the user may see, in the current zone."""

    def __init__(self, *args, user=None, zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.zone = user, zone
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and user is not None:
                field.queryset = scope.restrict(qs, user, "view")
                searchable(field, user)


# A date typed in the browser's own date picker, sent as 2026-03-31.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def zone_users(zone):
    """People an officer or leader can be chosen from: active users of the zone's units."""
    qs = User.objects.filter(is_active=True)
    return qs.filter(unit__zone=zone) if zone is not None else qs


class ZoneDefaultsMixin(ScopedFormMixin):
    """New rows start in the current zone and the user's unit; choices are limited to that zone."""

    zone_fields = ("unit", "park")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.instance.zone if self.instance.pk else self.zone
        if not self.instance.pk:
            if zone is not None and "zone" in self.fields:
                self.fields["zone"].initial = zone.pk
            if "unit" in self.fields and self.user is not None and self.user.unit_id:
                self.fields["unit"].initial = self.user.unit_id
        if zone is not None:
            for name in self.zone_fields:
                if name in self.fields:
                    self.fields[name].queryset = self.fields[name].queryset.filter(zone=zone)


class ZoneForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Zone
        fields = ["name", "short_name", "level", "kind", "province", "city", "established_year"]


class ParkForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Park
        fields = ["zone", "name", "area_km2"]


class AliasesField(forms.CharField):
    """Aliases typed as one line: 经信局、经济和信息化局."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return "、".join(value)
        return value

    def to_python(self, value):
        value = super().to_python(value) or ""
        for sep in "，,;；\n":
            value = value.replace(sep, "、")
        return [v.strip() for v in value.split("、") if v.strip()]


class UnitForm(ScopedFormMixin, forms.ModelForm):
    aliases = AliasesField(label=_("别名"), required=False, help_text=_("用顿号分隔，如：经信局、经济和信息化局"))

    class Meta:
        model = Unit
        fields = ["zone", "name", "kind", "parent", "aliases", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.zone is not None and not self.instance.pk:
            self.fields["zone"].initial = self.zone.pk
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.filter(zone=self.instance.zone_id)
        elif self.zone is not None:
            self.fields["parent"].queryset = self.fields["parent"].queryset.filter(zone=self.zone)


class UserForm(ScopedFormMixin, forms.ModelForm):
    password = forms.CharField(
        label=_("密码"), widget=forms.PasswordInput(render_value=False), required=False,
        help_text=_("至少12个字符，含大写字母、小写字母、数字、特殊符号中的至少3类。新建用户时必填；修改时留空表示不改。"),
    )

    class Meta:
        model = User
        fields = ["username", "display_name", "email", "phone", "unit", "zones", "roles", "is_active"]
        widgets = {"zones": forms.CheckboxSelectMultiple, "roles": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].queryset = Role.objects.all()
        if not self.instance.pk:
            self.fields["password"].required = True
