from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated

from zonework.core.models import Message


class MessageSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    created = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Message
        fields = ["id", "kind", "kind_label", "title", "body", "link", "event_key", "created", "read_at", "notice"]


class MessageListView(generics.ListAPIView):
    """The caller's own messages (站内信), newest first; `?unread=1` for the unread ones only."""

    permission_classes = [IsAuthenticated]
    serializer_class = MessageSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no caller
            return Message.objects.none()
        queryset = Message.objects.filter(recipient=self.request.user).order_by("-created_at", "-id")
        if self.request.query_params.get("unread") in ("1", "true"):
            queryset = queryset.filter(read_at__isnull=True)
        return queryset

    @extend_schema(parameters=[OpenApiParameter("unread", bool, description="只看未读")])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
