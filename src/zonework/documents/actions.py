"""Every change of a source document: upload, read, review, commit (Paperless-ngx's ordered steps).

upload (duplicate check by hash) → read (the reader, in a Celery task) → review (accept / correct /
reject each record) → commit (every registered committer, in ONE transaction).
"""

import hashlib
import logging
import time

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from zonework.core import clock, filelimits, scope
from zonework.core.actions import logs_denials
from zonework.core.audit import record_bulk, record_event, update_rows
from zonework.core.validation import error_text
from zonework.reading import DEFAULT_MAX_BYTES, SUPPORTED

from . import committers as registry
from .choices import Decision, DocumentStatus
from .models import KINDS, SourceDocument

log = logging.getLogger(__name__)


def upload_kinds_text():
    """txt、docx、pdf、html … : the reader's suffixes in words, for forms and messages."""
    return "、".join(s.lstrip(".") for s in SUPPORTED)



def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) and user.pk else None


def _checked_name(filename, data):
    """The upload's name, or a ValidationError (Chinese) for a file the reader would refuse anyway."""
    name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or "未命名"
    # What may be uploaded is what the reader reads: its suffixes and its size limit, not a second list.
    if not name.lower().endswith(tuple(SUPPORTED)):
        raise ValidationError(f"“{name}”的格式不支持：请上传{upload_kinds_text()}文件。")
    if not data:
        raise ValidationError(f"“{name}”是空文件。")
    if len(data) > DEFAULT_MAX_BYTES:
        raise ValidationError(f"“{name}”超过 {DEFAULT_MAX_BYTES // 1024 // 1024} MB，不能上传。")
    filelimits.check_file(data, name)
    return name


def _new_document(zone, name, data, digest, acting_user):
    document = SourceDocument(zone=zone, filename=name[:255], sha256=digest, size=len(data),
                              unit=getattr(acting_user, "unit", None) if _user(acting_user) else None,
                              created_by=_user(acting_user))
    document.file.save(f"{digest[:16]}_{name}"[-120:], ContentFile(data), save=False)
    return document


@logs_denials
@transaction.atomic
def upload_document(zone, filename, data, *, acting_user):
    """Store an uploaded report for `zone`. Returns (document, created); the same file uploaded to
    the zone again returns the existing document (recognised by its SHA-256)."""
    scope.check_zone(acting_user, "add", SourceDocument, zone, f"您没有权限向开发区“{zone}”导入文件。")
    name = _checked_name(filename, data)
    digest = hashlib.sha256(data).hexdigest()
    existing = SourceDocument.objects.filter(zone=zone, sha256=digest).first()
    if existing is not None:
        return existing, False
    document = _new_document(zone, name, data, digest, acting_user)
    document.full_clean()
    document.save()
    record_event("document.uploaded", document, message=f"上传来源文件“{name}”（{len(data)}字节）")
    return document, True


@logs_denials
def upload_documents(zone, files, *, acting_user):
    """Upload and read many reports at once (a folder, a zip): [(document or None, created, error)]
    in the order of `files` ([(filename, bytes)]).

    Each file is read in memory first; then the new documents, already read (or failed, with the
    reason), are written in one INSERT with their audit entries and "document.uploaded" /
    "document.read" events (core.audit.record_bulk), instead of a save, a status change per
    reading step and an event each. A file refused (format, size, limits) gets its Chinese message and
    the others go on; a file already in the zone (same SHA-256, here or earlier in `files`) returns
    that document with created False. Nothing is written unless all the new documents are."""
    scope.check_zone(acting_user, "add", SourceDocument, zone, f"您没有权限向开发区“{zone}”导入文件。")
    outcomes, pending = [None] * len(files), []
    for n, (filename, data) in enumerate(files):
        try:
            name = _checked_name(filename, data)
        except ValidationError as exc:
            outcomes[n] = (None, False, error_text(exc))
            continue
        pending.append((n, name, data, hashlib.sha256(data).hexdigest()))
    known = {d.sha256: d for d in SourceDocument.objects.filter(zone=zone, sha256__in={p[3] for p in pending})}
    new, events = [], []
    try:
        with transaction.atomic():
            for n, name, data, digest in pending:
                if digest in known:
                    outcomes[n] = (known[digest], False, "")
                    continue
                document = known[digest] = _new_document(zone, name, data, digest, acting_user)
                started, tick = clock.now(), time.perf_counter()
                event = _read_into(document, data, started, tick)
                document.full_clean(validate_unique=False, validate_constraints=False,
                                    exclude=["zone", "unit", "created_by", "committed_by", "revision_of"])
                new.append(document)
                events.append((document, f"上传来源文件“{name}”（{len(data)}字节）", event))
                outcomes[n] = (document, True, "")
            SourceDocument.objects.bulk_create(new)
            record_bulk([(d, None, True) for d in new],
                        events=[e for d, uploaded, (name, message) in events
                                for e in (("document.uploaded", d, uploaded, None), (name, d, message, None))])
    except BaseException:
        # The database forgets the rows; the stored files have to be removed by hand.
        for document in new:
            document.file.delete(save=False)
        raise
    return outcomes


def read_document(document_id):
    """Run the reader on a stored document (the body of the Celery task). Never raises for a file
    the reader cannot read: the document is marked failed with the reason."""
    document = SourceDocument.objects.get(pk=document_id)
    if document.status == DocumentStatus.COMMITTED:
        return document
    started = clock.now()
    SourceDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.READING, progress=5,
                                                         read_started_at=started, error="",
                                                         ocr_page=0, ocr_pages=0)
    # OCR, when a scanned PDF needs it, takes nearly all the time (seconds a page against
    # milliseconds for the rest): it fills the bar to 90 %, the reading steps the rest.
    ocr_done = {"pages": 0}

    def progress(done, total):
        share = done / max(total, 1)
        low = 90 if ocr_done["pages"] else 5
        SourceDocument.objects.filter(pk=document.pk).update(progress=max(5, int(low + (100 - low) * share)))

    def page_progress(done, total):
        ocr_done["pages"] = total
        SourceDocument.objects.filter(pk=document.pk).update(
            ocr_page=min(done + 1, total), ocr_pages=total, progress=5 + int(85 * done / max(total, 1)))

    tick = time.perf_counter()
    try:
        with document.file.open("rb") as fh:
            data = fh.read()
    except Exception as exc:
        log.exception("reading %s failed", document.pk)
        return _finish_failed(document, f"读取时出错：{exc.__class__.__name__}：{exc}", started, tick)
    # Read outside the transaction: the progress bar's updates must be seen while OCR runs.
    event, message = _read_into(document, data, started, tick, progress=progress, page_progress=page_progress)
    with transaction.atomic():
        list(SourceDocument.objects.select_for_update().filter(pk=document.pk).values_list("pk", flat=True))
        document.save()
        record_event(event, document, message=message)
    return document


def _read_into(document, data, started, tick, *, progress=None, page_progress=None):
    """Run the reader on `data` and set what it found on `document` (status 已读取, or 读取失败 with
    the reason); nothing is saved. Returns the event to record: (name, message). Never raises for a
    file the reader cannot read."""
    from zonework.reading import ReadError, read_bytes

    try:
        # Files uploaded before the limits existed, or under looser ones, are checked again here.
        filelimits.check_file(data, document.filename)
        result = read_bytes(data, document.filename, progress=progress, page_progress=page_progress)
    except ValidationError as exc:
        return _failed_into(document, error_text(exc), started, tick)
    except ReadError as exc:
        return _failed_into(document, str(exc.message_zh if hasattr(exc, "message_zh") else exc), started, tick)
    except Exception as exc:  # a reader bug must not leave the document stuck in "reading"
        log.exception("reading %s failed", document.pk or document.filename)
        return _failed_into(document, f"读取时出错：{exc.__class__.__name__}：{exc}", started, tick)
    d = result.to_dict()
    records = {kind: [{**r, "decision": Decision.ACCEPTED} for r in d.get(kind, [])] for kind in KINDS}
    document.status = DocumentStatus.READ
    document.progress = 100
    document.ocr_page = document.ocr_pages = 0
    document.text = result.original_text
    document.records = records
    document.articles = d.get("articles", [])
    document.source_info = d.get("source", {})
    document.zone_name_read = (d.get("zone") or "")[:100]
    document.report_year = d.get("report_year")
    document.plan_year = d.get("plan_year")
    document.read_started_at = started
    document.read_finished_at = clock.now()
    document.read_seconds = round(time.perf_counter() - tick, 3)
    document.error = ""
    counts = "，".join(f"{k}{len(v)}" for k, v in records.items())
    ocr = f"（{len(result.ocr_pages)}页经文字识别）" if result.ocr_pages else ""
    return "document.read", f"读取“{document}”{ocr}：{counts}"


def _failed_into(document, reason, started, tick):
    document.status = DocumentStatus.FAILED
    document.error = reason
    document.progress = 100
    document.ocr_page = document.ocr_pages = 0
    document.read_started_at = started
    document.read_finished_at = clock.now()
    document.read_seconds = round(time.perf_counter() - tick, 3)
    return "document.failed", f"读取“{document}”失败：{reason}"


def _finish_failed(document, reason, started, tick):
    with transaction.atomic():
        document = SourceDocument.objects.select_for_update().get(pk=document.pk)
        event, message = _failed_into(document, reason, started, tick)
        document.save()
        record_event(event, document, message=message)
    return document


def fail_stuck_documents(older_than):
    """The watchdog's part for documents: one still 读取中 (or queued) since before `older_than` was
    left by a worker that died; it is marked failed with the reason, and can be retried."""
    from zonework.core import jobs

    minutes = int(jobs.timeout().total_seconds() // 60)
    count = 0
    stuck = SourceDocument.objects.filter(status__in=(DocumentStatus.UPLOADED, DocumentStatus.READING))
    for document in stuck.only("pk", "status", "read_started_at", "updated_at"):
        if (document.read_started_at or document.updated_at) >= older_than:
            continue
        with transaction.atomic():
            document = SourceDocument.objects.select_for_update().get(pk=document.pk)
            if document.status not in (DocumentStatus.UPLOADED, DocumentStatus.READING):
                continue
            before = document.status
            reason = (f"读取超时：超过{minutes}分钟仍未读完（读取进程可能已中断），已标记为失败，"
                      f"可点“重试”重新读取。")
            document.status, document.error, document.read_finished_at = DocumentStatus.FAILED, reason, clock.now()
            document.save()
            record_event("document.failed", document, message=f"读取“{document}”超时，标记为失败",
                         before={"status": before}, after={"status": document.status})
        count += 1
    return count


fail_stuck_documents.watchdog_label = "来源文件"


def start_reading(document):
    """Queue the reading task (runs in-process when Celery is eager)."""
    from .tasks import read_document_task

    read_document_task.delay(document.pk)


EDITABLE = {
    "results": ("indicator", "year", "value", "unit", "growth_pct"),
    "targets": ("indicator", "year", "value", "unit", "growth_pct", "bound", "stretch_pct", "recurring"),
    "tasks": ("title", "units"),
    "projects": ("name", "investment", "unit"),
}
NUMBERS = {"year": int, "value": float, "growth_pct": float, "stretch_pct": float, "investment": float}


def _coerce(kind, field, value, where):
    if field == "units":
        if isinstance(value, list):
            return [str(u).strip() for u in value if str(u).strip()]
        text = str(value or "")
        for sep in "，,;；":
            text = text.replace(sep, "、")
        return list(dict.fromkeys(u.strip() for u in text.split("、") if u.strip()))
    if field == "recurring":
        return value in (True, "1", "true", "on", "True")
    if field in NUMBERS:
        if value is None or str(value).strip() == "":
            return None
        try:
            number = NUMBERS[field](str(value).strip().replace(",", ""))
        except ValueError as exc:
            raise ValidationError(f"{where}“{field}”：“{value}”不是数字。") from exc
        if field == "year" and not 1949 <= number <= 2100:
            raise ValidationError(f"{where}：年份“{value}”无效。")
        return number
    return str(value or "").strip() or None


@logs_denials
@transaction.atomic
def review_document(document, changes, *, acting_user):
    """Apply the reviewer's decisions and corrections: changes = {kind: {index: {"decision", field: value}}}."""
    scope.check(acting_user, "change", document)
    document = SourceDocument.objects.select_for_update().get(pk=document.pk)
    if document.status != DocumentStatus.READ:
        raise ValidationError(f"“{document}”当前状态为“{document.get_status_display()}”，不能审阅。")
    records = {kind: list(document.records.get(kind, [])) for kind in KINDS}
    labels = {"results": "实际完成", "targets": "预期目标", "tasks": "重点任务", "projects": "项目"}
    edited = 0
    for kind, by_index in (changes or {}).items():
        if kind not in records:
            continue
        for index, change in by_index.items():
            index = int(index)
            if not 0 <= index < len(records[kind]):
                continue
            record = dict(records[kind][index])
            where = f"{labels[kind]}第{index + 1}条"
            for field, value in change.items():
                if field == "decision":
                    if value not in Decision.values:
                        raise ValidationError(f"{where}：审阅结论“{value}”无效。")
                    record["decision"] = value
                elif field in EDITABLE[kind]:
                    record[field] = _coerce(kind, field, value, where)
            if record != records[kind][index]:
                edited += 1
                records[kind][index] = record
    document.records = records
    document.save()
    if edited:
        record_event("document.reviewed", document, message=f"审阅“{document}”：修改{edited}条")
    return document


@logs_denials
@transaction.atomic
def commit_document(document, *, acting_user, options=None):
    """Commit the accepted records through every registered committer, in ONE transaction.

    Any committer refusing (ValidationError) or failing rolls back everything of this document."""
    scope.check(acting_user, "change", document)
    document = SourceDocument.objects.select_for_update().get(pk=document.pk)
    if document.status == DocumentStatus.COMMITTED:
        raise ValidationError(f"“{document}”已经提交过。")
    if document.status != DocumentStatus.READ:
        raise ValidationError(f"“{document}”当前状态为“{document.get_status_display()}”，不能提交。")
    options = dict(options or {})
    original = _revised_document(document, options.pop("revision_of", None))
    if original is not None:
        # Committers read it from the document: with it they update the earlier document's records
        # in place instead of creating a second plan with every task twice.
        document.revision_of = original
    summaries = []
    for kind, entry in registry.committers().items():
        records = document.accepted(kind)
        if not records:
            continue
        summary = entry.func(document, records, acting_user=acting_user, options=options)
        summaries.append(f"{entry.label}：{summary}" if summary else str(entry.label))
    _mark_committed(document, summaries, original, acting_user)
    document.save()
    record_event("document.committed", document, message=f"提交“{document}”：{document.commit_summary}",
                 after={"revision_of": original.pk} if original is not None else None)
    return document


def _mark_committed(document, summaries, original, acting_user):
    unhandled = [k for k in KINDS if document.accepted(k) and k not in registry.committers()]
    if unhandled:
        summaries.append("未处理：" + "、".join(unhandled) + "（相应模块未安装）")
    document.status = DocumentStatus.COMMITTED
    document.committed_at = clock.now()
    document.committed_by = _user(acting_user)
    document.commit_summary = "；".join(summaries) or "没有接受的记录"
    if original is not None:
        document.commit_summary = f"作为“{original}”的修订版，更新其记录。" + document.commit_summary


_COMMIT_FIELDS = ["status", "committed_at", "committed_by", "commit_summary", "updated_at"]


@logs_denials
@transaction.atomic
def commit_documents(documents, *, acting_user, options=None):
    """Commit many read documents of one zone together: each committer writes the records of all of
    them set-based (its `many`, documents/committers.py), then the documents are marked committed
    in one statement with their audit entries and "document.committed" events.

    The result is that of committing them one after another in the given order, as new documents
    (no revision: the caller commits a revision on its own, after what it revises). A document a
    committer refuses leaves nothing written and stays 已读取; the others are committed.
    Returns (committed documents, {pk: ValidationError} of the refused ones)."""
    documents = list(documents)
    if not documents:
        return [], {}
    zone_ids = {d.zone_id for d in documents}
    if len(zone_ids) != 1:
        raise ValueError("commit_documents takes the documents of one zone")
    pks = [d.pk for d in documents]
    allowed = set(scope.restrict(SourceDocument.objects.filter(pk__in=pks), acting_user, "change")
                  .values_list("pk", flat=True))
    for document in documents:
        if document.pk not in allowed:
            scope.check(acting_user, "change", document)  # raises with the usual message
    locked = SourceDocument.objects.select_for_update().select_related("zone").in_bulk(pks)
    refused = {}
    live = []
    for pk in dict.fromkeys(pks):
        document = locked[pk]
        if document.status == DocumentStatus.COMMITTED:
            refused[pk] = ValidationError(f"“{document}”已经提交过。")
        elif document.status != DocumentStatus.READ:
            refused[pk] = ValidationError(f"“{document}”当前状态为“{document.get_status_display()}”，不能提交。")
        else:
            live.append(document)
    zone = live[0].zone if live else None
    for document in live:
        document.zone = zone  # one zone object: committers read it, audit entries file under it
    while live:
        try:
            with transaction.atomic():
                summaries = _commit_together(live, acting_user, dict(options or {}))
            break
        except registry.Refused as exc:
            refused.update(exc.refusals)
            live = [d for d in live if d.pk not in exc.refusals]
    if not live:
        return [], refused
    trail, events = [], []
    for document in live:
        before = document.snapshot()
        _mark_committed(document, summaries[document.pk], None, acting_user)
        document.updated_at = clock.now()
        trail.append((document, before, False))
        events.append(("document.committed", document, f"提交“{document}”：{document.commit_summary}", None))
    update_rows(SourceDocument, live, _COMMIT_FIELDS)
    record_bulk(trail, events=events)
    return live, refused


def _commit_together(documents, acting_user, options):
    """Every committer over the documents; raises registry.Refused naming the documents refused."""
    summaries = {d.pk: [] for d in documents}
    for kind, entry in registry.committers().items():
        entries = [(d, d.accepted(kind)) for d in documents]
        entries = [(d, records) for d, records in entries if records]
        if not entries:
            continue
        if entry.many is not None:
            done = entry.many(entries, acting_user=acting_user, options=options)
        else:
            done, refusals = {}, {}
            for document, records in entries:
                try:
                    with transaction.atomic():
                        done[document.pk] = entry.func(document, records, acting_user=acting_user, options=options)
                except ValidationError as exc:
                    refusals[document.pk] = exc
            if refusals:
                raise registry.Refused(refusals)
        for document, _records in entries:
            summary = done.get(document.pk)
            summaries[document.pk].append(f"{entry.label}：{summary}" if summary else str(entry.label))
    return summaries


def _revised_document(document, original):
    """The committed document of the same zone that `document` is confirmed to revise (a pk or None)."""
    if original in (None, ""):
        return None
    try:
        pk = int(getattr(original, "pk", original))
    except (TypeError, ValueError):
        raise ValidationError(f"修订的原文件“{original}”无效。") from None
    found = SourceDocument.objects.filter(pk=pk, zone_id=document.zone_id).exclude(pk=document.pk).first()
    if found is None or found.status != DocumentStatus.COMMITTED:
        raise ValidationError("要修订的原文件不存在或尚未提交，请刷新审阅页后再提交。")
    from .revisions import latest_revision

    # Revising an older version still updates the records in use: those of its latest revision.
    return latest_revision(found)


@logs_denials
@transaction.atomic
def reread_document(document, *, acting_user):
    """Read a failed or unreviewed document again (after the reader improved)."""
    scope.check(acting_user, "change", document)
    document = SourceDocument.objects.select_for_update().get(pk=document.pk)
    if document.status == DocumentStatus.COMMITTED:
        raise ValidationError(f"“{document}”已经提交，不能重新读取。")
    before = document.status
    document.status, document.progress = DocumentStatus.UPLOADED, 0
    document.ocr_page = document.ocr_pages = 0
    document.save(update_fields=["status", "progress", "ocr_page", "ocr_pages", "updated_at"])
    record_event("document.reread", document, message=f"重新读取“{document}”（原状态：{DocumentStatus(before).label}）",
                 before={"status": before}, after={"status": document.status})
    transaction.on_commit(lambda: start_reading(document))
    return document


@logs_denials
@transaction.atomic
def delete_document(document, *, acting_user):
    scope.check(acting_user, "delete", document)
    if document.status == DocumentStatus.COMMITTED:
        raise ValidationError(f"“{document}”已经提交，其数据引用着它，不能删除。")
    document.file.delete(save=False)
    document.delete()
