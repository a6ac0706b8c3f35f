"""Password rules (等保): at least ten characters from at least three character classes."""

import string

from django.core.exceptions import ValidationError


class LengthValidator:
    def __init__(self, min_length=10):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(f"密码至少需要{self.min_length}个字符。", code="password_too_short")

    def get_help_text(self):
        return f"密码至少{self.min_length}个字符。"


class CharacterClassValidator:
    CLASSES = (
        ("大写字母", lambda c: c in string.ascii_uppercase),
        ("小写字母", lambda c: c in string.ascii_lowercase),
        ("数字", str.isdigit),
        ("特殊符号", lambda c: not c.isalnum()),
    )

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        present = [name for name, test in self.CLASSES if any(test(c) for c in password)]
        if len(present) < self.min_classes:
            raise ValidationError(
                f"密码须包含大写字母、小写字母、数字、特殊符号中的至少{self.min_classes}类。",
                code="password_too_simple",
            )

    def get_help_text(self):
        return f"须包含大写字母、小写字母、数字、特殊符号中的至少{self.min_classes}类。"


class HistoryValidator:
    """No reuse of the current password nor of the last few (core.models.PasswordHistory)."""

    def __init__(self, remember=5):
        self.remember = remember

    def validate(self, password, user=None):
        from django.contrib.auth.hashers import check_password

        if user is None or user.pk is None:
            return
        from zonework.core.models import PasswordHistory

        # The hash in the row as stored, not the object: the caller may already have set the new one.
        stored = user.__class__._base_manager.filter(pk=user.pk).values_list("password", flat=True).first()
        earlier = list(PasswordHistory.objects.filter(user_id=user.pk)
                       .values_list("password", flat=True)[: self.remember])
        if any(h and check_password(password, h) for h in [stored, *earlier]):
            raise ValidationError(f"新密码不能与最近{self.remember}次使用过的密码相同。", code="password_reused")

    def get_help_text(self):
        return f"不能与最近{self.remember}次使用过的密码相同。"
