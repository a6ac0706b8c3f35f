from rest_framework import serializers

from zonework.core.models import AuditEntry, Industry, Park, Unit, User, Zone


class ScopedSerializer(serializers.ModelSerializer):
    """Model rules (Chinese messages) are applied once, by the action; not again here."""

    def get_validators(self):
        return []


class ZoneSerializer(ScopedSerializer):
    class Meta:
        model = Zone
        fields = ["id", "name", "short_name", "level", "kind", "province", "city", "established_year", "created_at",
                  "updated_at"]


class ParkSerializer(ScopedSerializer):
    class Meta:
        model = Park
        fields = ["id", "zone", "name", "area_km2", "created_at", "updated_at"]


class UnitSerializer(ScopedSerializer):
    aliases = serializers.ListField(child=serializers.CharField(max_length=100), required=False)

    class Meta:
        model = Unit
        fields = ["id", "zone", "name", "kind", "parent", "aliases", "sort_order", "path", "created_at",
                  "updated_at"]
        read_only_fields = ["path"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Unique names are checked by the model, with its own message.
        self.fields["name"].validators = []


class UserSerializer(serializers.ModelSerializer):
    roles = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "email", "unit", "zones", "roles", "is_active", "last_login"]


class AuditEntrySerializer(serializers.ModelSerializer):
    object_type = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = ["id", "time", "user", "user_name", "ip", "request_id", "source", "action", "event",
                  "object_type", "object_id", "object_repr", "zone", "zone_name", "before", "after", "changes", "message",
                  "prev_hash", "hash"]

    def get_object_type(self, obj) -> str:
        return obj.content_type.model if obj.content_type_id else ""


class IndustrySerializer(ScopedSerializer):
    class Meta:
        model = Industry
        fields = ["id", "code", "name", "level", "parent"]


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label="用户名")
    password = serializers.CharField(label="密码", style={"input_type": "password"})
    otp = serializers.CharField(label="动态口令或恢复码", required=False, help_text="须双因素登录的角色必填")


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(label="令牌", help_text="请求头 Authorization: Token <令牌>")
    expiry = serializers.DateTimeField(label="有效至")


class RevokeResponseSerializer(serializers.Serializer):
    revoked = serializers.IntegerField(label="吊销的令牌数")
