from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from zonework.core import scope
from zonework.core.todos import todos_for

TODO_FIELDS = {
    "kind": serializers.CharField(), "kind_label": serializers.CharField(), "title": serializers.CharField(),
    "link": serializers.CharField(), "due": serializers.DateField(allow_null=True),
    "light": serializers.CharField(), "note": serializers.CharField(), "zone": serializers.CharField(),
}


class TodoListView(APIView):
    """The caller's 待办, as on the page: most urgent first, paginated like every list."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("zone", int, description="只看这个开发区（默认：全部可访问开发区）")],
                   responses=inline_serializer("Todo", TODO_FIELDS, many=True))
    def get(self, request):
        zone = None
        wanted = request.query_params.get("zone")
        if wanted:
            zone = scope.zones_for(request.user).filter(pk=int(wanted)).first() if wanted.isdigit() else None
            if zone is None:
                raise NotFound("没有这个开发区，或它不在您的数据范围内。")
        items = [item.as_dict() for item in todos_for(request.user, zone)]
        paginator = api_settings.DEFAULT_PAGINATION_CLASS()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(page)
