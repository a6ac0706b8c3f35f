"""Import report files from disk (the `import` command and the demo): upload, read, optionally commit."""

from pathlib import Path

from django.core.exceptions import ValidationError

from zonework.core.validation import error_text

from . import actions, revisions
from .choices import DocumentStatus


def import_file(path, zone, *, acting_user, commit=False, options=None, revise=True):
    """Returns (document, created, message). Reading runs through the same task as an upload.

    Committing a revised copy of a committed document (revisions.find_original) updates that
    document's records in place unless `revise` is False: without a reviewer to ask, a second plan
    with every task twice is never the wanted result."""
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
        options = dict(options or {})
        original, similarity = revisions.find_original(document) if revise else (None, 0)
        if original is not None:
            options["revision_of"] = original.pk
            message += f"；与已提交的“{original}”内容{int(similarity * 100)}%相同，按修订版提交"
        try:
            document = actions.commit_document(document, acting_user=acting_user, options=options)
        except ValidationError as exc:
            return document, created, message + "；提交失败，未写入：" + error_text(exc)
        message += "；已提交：" + document.commit_summary
    elif document.status == DocumentStatus.COMMITTED:
        message += "；此前已提交"
    return document, created, message
