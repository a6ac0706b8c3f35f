from rest_framework import serializers

from zonework.documents.models import SourceDocument


class SourceDocumentSerializer(serializers.ModelSerializer):
    """A source document with what the reader found in it (records by kind, with provenance)."""

    class Meta:
        model = SourceDocument
        fields = ["id", "zone", "unit", "filename", "sha256", "size", "status", "error", "progress", "ocr_page",
                  "ocr_pages", "zone_name_read", "report_year", "plan_year", "records", "read_started_at",
                  "read_finished_at", "read_seconds", "committed_at", "committed_by", "commit_summary", "revision_of",
                  "created_by", "created_at"]
        read_only_fields = fields


class SourceDocumentTextSerializer(SourceDocumentSerializer):
    class Meta(SourceDocumentSerializer.Meta):
        fields = [*SourceDocumentSerializer.Meta.fields, "text", "articles"]
        read_only_fields = fields
