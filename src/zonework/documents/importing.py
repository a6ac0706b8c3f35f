"""Import report files from disk (the `import` command and the demo): upload, read, optionally commit."""

from pathlib import Path

from django.core.exceptions import ValidationError

from zonework.core.validation import error_text

from . import actions
from .choices import DocumentStatus


def import_file(path, zone, *, acting_user, commit=False, options=None):
    """Returns (document, created, message). Reading runs through the same task as an upload."""
    path = Path(path)
    document, created = actions.upload_document(zone, path.name, path.read_bytes(), acting_user=acting_user)
    if created or document.status in (DocumentStatus.UPLOADED, DocumentStatus.READING):
        actions.read_document(document.pk)
        document.refresh_from_db()
    if document.status == DocumentStatus.FAILED:
        return document, created, f"读取失败：{document.error}"
    counts = document.record_counts()
    message = "读取：" + "，".join(f"{k}{v}" for k, v in counts.items())
    if commit and document.status == DocumentStatus.READ:
        try:
            document = actions.commit_document(document, acting_user=acting_user, options=dict(options or {}))
        except ValidationError as exc:
            return document, created, message + "；提交失败，未写入：" + error_text(exc)
        message += "；已提交：" + document.commit_summary
    elif document.status == DocumentStatus.COMMITTED:
        message += "；此前已提交"
    return document, created, message
