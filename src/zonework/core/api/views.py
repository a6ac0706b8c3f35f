from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from zonework.core import actions, clock, scope
from zonework.core.audit import write_entry
from zonework.core.auth import check_login_allowed, normalize_username
from zonework.core.choices import AuditAction
from zonework.core.filtersets import (
    AuditEntryFilterSet,
    IndustryFilterSet,
    ParkFilterSet,
    UnitFilterSet,
    UserFilterSet,
    ZoneFilterSet,
)
from zonework.core.middleware import client_ip, otp_required_for, password_change_reason
from zonework.core.models import AuditEntry, Industry, Park, Unit, User, Zone

from . import serializers
from .throttling import LoginRateThrottle


class ScopedModelViewSet(viewsets.ModelViewSet):
    """Reads filtered by data scope; writes through the app's actions.

    A row outside the caller's view scope is a 404; a write the caller's scope forbids is a 403,
    rolled back and logged (by the action).
    """

    create_action = staticmethod(actions.create_object)
    update_action = staticmethod(actions.update_object)
    delete_action = staticmethod(actions.delete_object)

    def get_queryset(self):
        return scope.restrict(self.queryset.all(), self.request.user, "view")

    def _run(self, func, *args):
        # A refusal (Django's ValidationError, ScopeDenied) is answered by core.api.exceptions.
        return func(*args, acting_user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = self._run(self.create_action, self.queryset.model, dict(serializer.validated_data))

    def perform_update(self, serializer):
        serializer.instance = self._run(self.update_action, serializer.instance, dict(serializer.validated_data))

    def perform_destroy(self, instance):
        self._run(self.delete_action, instance)


class ZoneViewSet(ScopedModelViewSet):
    queryset = Zone.objects.all()
    serializer_class = serializers.ZoneSerializer
    filterset_class = ZoneFilterSet


class ParkViewSet(ScopedModelViewSet):
    queryset = Park.objects.select_related("zone")
    serializer_class = serializers.ParkSerializer
    filterset_class = ParkFilterSet


class UnitViewSet(ScopedModelViewSet):
    queryset = Unit.objects.select_related("zone", "parent")
    serializer_class = serializers.UnitSerializer
    filterset_class = UnitFilterSet

    def perform_update(self, serializer):
        serializer.instance = self._run(actions.update_unit, serializer.instance, dict(serializer.validated_data))


class UserViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = User.objects.select_related("unit").prefetch_related("roles", "zones")
    serializer_class = serializers.UserSerializer
    filterset_class = UserFilterSet

    def get_queryset(self):
        return scope.restrict(self.queryset.all(), self.request.user, "view")


class AuditEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read-only: the audit log has no write endpoint."""

    queryset = AuditEntry.objects.select_related("content_type")
    serializer_class = serializers.AuditEntrySerializer
    filterset_class = AuditEntryFilterSet

    def get_queryset(self):
        return scope.restrict(self.queryset.all(), self.request.user, "view")


class TokenView(APIView):
    """POST username/password (and `otp` for the two-factor roles) → {"token", "expiry"}.

    The token is stored only as a hash (django-rest-knox), expires after ZONEWORK_TOKEN_TTL_HOURS and
    is revoked by POST token/revoke/ (this token) or token/revoke-all/. The same lock as the login
    page applies, with the same normalised name; every attempt, good or bad, is in the audit log.
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [LoginRateThrottle]
    # The product's JSON limits apply here too (core/limits.py).
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES

    @extend_schema(request=serializers.TokenRequestSerializer, responses=serializers.TokenResponseSerializer)
    def post(self, request, *args, **kwargs):
        from django.contrib.auth import authenticate
        from django_otp import match_token
        from knox.models import AuthToken

        data = request.data if isinstance(request.data, dict) else {}
        username = normalize_username(data.get("username"))
        password = data.get("password")
        if not username or not isinstance(password, str) or not password:
            raise ValidationError({"non_field_errors": ["请提供用户名和密码。"]})
        _state, refusal = check_login_allowed(username, client_ip(request))
        if refusal:
            raise ValidationError({"non_field_errors": [refusal]})
        user = authenticate(request._request, username=username, password=password)
        if user is None:  # the backend's failure signal has written the audit entry
            raise ValidationError({"non_field_errors": ["用户名或密码错误。连续失败多次后账户将被临时锁定。"]})
        reason = password_change_reason(user)
        if reason:
            # The password was right: on record, but not counted as a failure toward the lock.
            write_entry(AuditAction.REFUSED, obj=user, user_name=username, event="token.refused",
                        message=f"接口令牌未签发：{reason}")
            raise ValidationError({"non_field_errors": [f"{reason}请先在网页上修改密码。"]})
        if otp_required_for(user):
            code = data.get("otp")
            if not isinstance(code, str) or match_token(user, code.strip()) is None:
                write_entry(AuditAction.LOGIN_FAILED, obj=user, user_name=username, event="token.otp_failed",
                            message="接口令牌登录：动态口令缺失或不正确")
                raise ValidationError({"otp": ["该账户须提供正确的动态口令（otp）。"]})
        instance, token = AuthToken.objects.create(user)
        user.last_login = clock.now()
        user.save(update_fields=["last_login"])
        # Eight characters name the token for a later revocation without giving away its secret part.
        until = f"，有效至{clock.localtime(instance.expiry):%Y-%m-%d %H:%M}" if instance.expiry else ""
        write_entry(AuditAction.LOGIN, obj=user, user=user, event="token.created",
                    message=f"接口令牌登录成功，令牌{instance.token_key[:8]}…{until}")
        return Response({"token": token, "expiry": instance.expiry})


class RevokeTokenView(APIView):
    """POST → the token this request was made with stops working (revoke-all: every token of the user)."""

    permission_classes = [IsAuthenticated]
    every = False

    @extend_schema(request=None, responses=serializers.RevokeResponseSerializer)
    def post(self, request, *args, **kwargs):
        from knox.models import AuthToken

        tokens = AuthToken.objects.filter(user=request.user)
        if not self.every:
            if not isinstance(request.auth, AuthToken):
                raise ValidationError({"non_field_errors": ["请用要吊销的令牌调用本接口。"]})
            tokens = tokens.filter(pk=request.auth.pk)
        count = actions.revoke_tokens(request.user, tokens, acting_user=request.user)
        return Response({"revoked": count})


class IndustryViewSet(ScopedModelViewSet):
    """GB/T 4754-2017 industries (read-only reference data)."""

    queryset = Industry.objects.select_related("parent")
    serializer_class = serializers.IndustrySerializer
    filterset_class = IndustryFilterSet
    http_method_names = ["get", "head", "options"]
    pagination_class = None
