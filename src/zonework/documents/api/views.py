from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from zonework.core import scope
from zonework.core.limits import LimitedJSONParser
from zonework.core.models import Zone
from zonework.documents import actions
from zonework.documents.filtersets import SourceDocumentFilterSet
from zonework.documents.models import SourceDocument

from . import serializers


class SourceDocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                            viewsets.GenericViewSet):
    """Source documents with their records. POST a file (multipart: zone, file) to import one;
    POST .../commit/ to commit the accepted records."""

    queryset = SourceDocument.objects.select_related("zone")
    serializer_class = serializers.SourceDocumentSerializer
    filterset_class = SourceDocumentFilterSet
    parser_classes = [MultiPartParser, FormParser, LimitedJSONParser]

    def get_serializer_class(self):
        return serializers.SourceDocumentTextSerializer if self.action == "retrieve" else self.serializer_class

    def get_queryset(self):
        qs = scope.restrict(self.queryset.all(), self.request.user, "view")
        return qs.defer("text", "articles") if self.action == "list" else qs

    def _run(self, func, *args, **kwargs):
        return func(*args, acting_user=self.request.user, **kwargs)

    def create(self, request, *args, **kwargs):
        upload = request.FILES.get("file")
        zone = Zone.objects.filter(pk=request.data.get("zone")).first() if str(request.data.get("zone", "")).isdigit() else None
        if upload is None or zone is None:
            raise ValidationError({"file": ["请提供文件（file）和开发区（zone）。"]})
        document, created = self._run(actions.upload_document, zone, upload.name, upload.read())
        if created:
            actions.start_reading(document)
            document.refresh_from_db()
        return Response(self.serializer_class(document).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @action(detail=True, methods=["post"])
    def commit(self, request, pk=None):
        document = self.get_object()
        document = self._run(actions.commit_document, document,
                             options={"create_indicators": request.data.get("create_indicators") or [],
                                      "create_units": request.data.get("create_units") or [],
                                      "unit_map": request.data.get("unit_map") or {},
                                      "revision_of": request.data.get("revision_of") or None,
                                      "expand_groups": bool(request.data.get("expand_groups"))})
        return Response(self.serializer_class(document).data)
