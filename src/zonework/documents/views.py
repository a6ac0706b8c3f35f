"""Pages of the documents app: upload, reading progress, review with highlighted spans, commit."""

import contextlib
import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, TooManyFilesSent, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from zonework.core import clock, scope
from zonework.core.models import Unit
from zonework.core.validation import error_text
from zonework.core.views.errors import too_many_files_message
from zonework.core.views.generic import ObjectListView

from . import actions, committers, highlight, revisions
from .choices import KIND_LABELS, Decision, DocumentStatus
from .filtersets import SourceDocumentFilterSet
from .forms import SourceDocumentUploadForm
from .models import KINDS, SourceDocument
from .tables import SourceDocumentTable


class SourceDocumentListView(ObjectListView):
    """The zone's source documents, with the upload form above the list."""

    model = SourceDocument
    table_class = SourceDocumentTable
    filterset_class = SourceDocumentFilterSet
    template_name = "documents/list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("zone", "created_by").defer("text", "articles")

    def extra_context(self):
        return {"upload_form": SourceDocumentUploadForm(), "upload_kinds": actions.upload_kinds_text()}

    def post(self, request):
        self.require("add")
        zone = request.zone
        try:
            files = request.FILES
        except TooManyFilesSent:
            # Django refuses a POST past DATA_UPLOAD_MAX_NUMBER_FILES before the view sees a file.
            # (Under the CSRF check the refusal comes earlier and core.views.errors.bad_request says the same.)
            messages.error(request, too_many_files_message(settings.DATA_UPLOAD_MAX_NUMBER_FILES))
            return HttpResponseRedirect(reverse("documents:list"))
        form = SourceDocumentUploadForm(request.POST, files)
        if zone is None or not form.is_valid():
            messages.error(request, "请选择要上传的文件。")
            return HttpResponseRedirect(reverse("documents:list"))
        uploads = []
        for upload in form.cleaned_data["files"]:
            if upload.name.lower().endswith(".zip"):
                try:
                    uploads.extend(unpack_zip(upload.name, upload.read()))
                except ValidationError as exc:
                    messages.error(request, error_text(exc))
                continue
            uploads.append((upload.name, upload.read()))
        many = len(uploads) > MANY
        tally = {"read": 0, "reading": 0, "same": 0, "failed": 0}
        for name, data in uploads:
            outcome, text = self.upload_one(zone, name, data)
            tally[outcome] += 1
            if not many or (outcome == "failed" and tally["failed"] <= MANY):
                {"read": messages.success, "reading": messages.info, "same": messages.info,
                 "failed": messages.error}[outcome](request, text)
        if many:
            messages.info(request, f"共{len(uploads)}个文件：已读取{tally['read']}个，正在读取{tally['reading']}个，"
                                   f"与已上传的文件相同{tally['same']}个，未能导入{tally['failed']}个。")
        return HttpResponseRedirect(reverse("documents:list"))

    def upload_one(self, zone, name, data):
        """Upload and start reading one file: (outcome, the sentence the user is told)."""
        try:
            document, created = actions.upload_document(zone, name, data, acting_user=self.request.user)
        except ValidationError as exc:
            return "failed", error_text(exc)
        if not created:
            return "same", (f"“{name}”与已上传的“{document.filename}”内容相同"
                            f"（{clock.localdate(document.created_at):%Y-%m-%d}），没有重复导入。")
        actions.start_reading(document)
        document.refresh_from_db()
        if document.status == DocumentStatus.FAILED:
            return "failed", f"“{document}”读取失败：{document.error}"
        if document.status == DocumentStatus.READ:
            return "read", f"“{document}”已读取，请审阅后提交。"
        return "reading", f"“{document}”已上传，正在读取。"


# Past this many files one upload is summed up in one message (with the failures named), not one each.
MANY = 10


def _member_name(info):
    """A member's name as its author saw it: archives made on Chinese Windows store GBK names
    without the UTF-8 flag, which zipfile then reads as cp437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gbk")
    return name.rsplit("/", 1)[-1]


def unpack_zip(name, data):
    """[(file name, bytes)] of the documents in a .zip, the folders flattened; members the reader does
    not read are skipped. The archive passes the zip-bomb checks (core.filelimits) before any member
    is inflated, and each member those of its own kind when it is uploaded."""
    import io
    import zipfile

    from zonework.core.filelimits import check_zip
    from zonework.reading import SUPPORTED

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError(f"“{name}”不是有效的 .zip 压缩文件，未能解开。") from None
    check_zip(data, name)
    found = []
    with archive:
        for info in archive.infolist():
            member = _member_name(info)
            if info.is_dir() or member.startswith(".") or "__MACOSX" in info.filename:
                continue
            if not member.lower().endswith(tuple(SUPPORTED)):
                continue
            try:
                found.append((member, archive.read(info)))
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
                raise ValidationError(f"“{name}”中的“{member}”已损坏或已加密，未能解开。") from None
    if not found:
        raise ValidationError(f"“{name}”中没有可读取的文件（支持{'、'.join(SUPPORTED)}）。")
    return found


def _document(request, pk, action="view"):
    return get_object_or_404(scope.restrict(SourceDocument.objects.select_related("zone"), request.user, action), pk=pk)


@login_required
def status_view(request, pk):
    """The progress badge, polled by HTMX while a document is being read."""
    document = _document(request, pk)
    return render(request, "documents/_status.html", {"document": document})


@login_required
def file_view(request, pk):
    document = _document(request, pk)
    if not document.file:
        raise Http404("文件不存在。")
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)


def _changes_from_post(post, document):
    changes = {}
    for kind in KINDS:
        fields = actions.EDITABLE[kind]
        for index, _record in enumerate(document.kind_records(kind)):
            prefix = f"{kind}-{index}-"
            change = {}
            decision = post.get(prefix + "decision")
            if decision:
                change["decision"] = decision
            for name in fields:
                key = prefix + name
                if name == "recurring":
                    if prefix + "decision" in post:
                        change[name] = post.get(key) == "on"
                elif key in post:
                    change[name] = post.get(key)
            if change:
                changes.setdefault(kind, {})[index] = change
    return changes


@login_required
def review_view(request, pk):
    """The text with each read record highlighted, beside the editable records; commit from here."""
    document = _document(request, pk)
    if request.method == "POST":
        if not scope.can(request.user, "change", document):
            raise PermissionDenied("您没有审阅该文件的权限。")
        try:
            document = actions.review_document(document, _changes_from_post(request.POST, document),
                                               acting_user=request.user)
            if request.POST.get("do") == "commit":
                create_units, unit_map = _unit_choices(request.POST)
                options = {"create_indicators": request.POST.getlist("create_indicator"),
                           "create_units": create_units, "unit_map": unit_map,
                           "revision_of": request.POST.get("revision_of") or None,
                           "expand_groups": bool(request.POST.get("expand_groups"))}
                document = actions.commit_document(document, acting_user=request.user, options=options)
                messages.success(request, f"已提交“{document}”：{document.commit_summary}")
            else:
                messages.success(request, "已保存审阅结果。")
        except ValidationError as exc:
            messages.error(request, "提交失败，未写入任何数据：" + error_text(exc))
        return HttpResponseRedirect(reverse("documents:review", args=[document.pk]))
    focus = None
    try:
        if request.GET.get("start") is not None:
            start = int(request.GET["start"])
            focus = (start, int(request.GET.get("end", start)))
    except ValueError:
        focus = None
    marks = highlight.spans(document)
    editable = document.status == DocumentStatus.READ and scope.can(request.user, "change", document)
    original, similarity = revisions.find_original(document) if document.status == DocumentStatus.READ else (None, 0)
    return render(request, "documents/review.html", {
        # Rounded down: a copy differing by one character must not read "100%相同".
        "original": original, "similarity": math.floor(similarity * 1000) / 10,
        "changes": _diff_rows(original, document) if original is not None else [],
        "unknown_units": _unknown_units(document) if editable else [],
        "zone_units": Unit.objects.filter(zone=document.zone).order_by("path") if editable else [],
        "title": f"审阅：{document}",
        "document": document,
        "segments": highlight.segments(document.text, marks, focus) if document.text else [],
        "kinds": _review_rows(document),
        "editable": editable,
        "decisions": Decision.choices,
        "registered": committers.committers(),
    })


def _unit_choices(post):
    """The reviewer's choice for each unit the zone lacks: create it, or take an existing unit for it."""
    create, mapping = [], {}
    for name, choice in zip(post.getlist("unit_name"), post.getlist("unit_choice"), strict=False):
        name = name.strip()
        if not name or not choice:
            continue
        if choice == "new":
            create.append(name)
        else:
            mapping[name] = choice
    return create, mapping


def _unknown_units(document):
    """Units named by the accepted records that the zone does not have: [{name, used}] (as unknown
    indicators are offered for creation, so that the commit does not fail on a missing unit)."""
    out = {}
    tasks = document.accepted("tasks")
    if tasks and committers.committer("tasks") is not None:
        from zonework.work.actions import UNIT_GROUPS, unit_index

        index = unit_index(document.zone)
        for record in tasks:
            for name in record.get("units") or []:
                name = name.strip()
                if name and name not in index and name not in UNIT_GROUPS:
                    out.setdefault(name, []).append(f"任务{record['index'] + 1}")
    if document.accepted("projects") and committers.committer("projects") is not None:
        from zonework.investment.actions import DEFAULT_PROJECT_UNIT, default_project_unit

        if default_project_unit(document.zone) is None:
            out.setdefault(DEFAULT_PROJECT_UNIT, []).append("招商项目的责任单位")
    return [{"name": name, "used": "、".join(dict.fromkeys(used))} for name, used in out.items()]


def _diff_rows(original, document):
    out = []
    for entry in revisions.diff(original, document):
        kind = entry["kind"]
        rows = [{"change": "changed", "old": revisions.describe(kind, c["old"]), "new": revisions.describe(kind, c["new"]),
                 "fields": c["fields"]} for c in entry["changed"]]
        rows += [{"change": "removed", "old": revisions.describe(kind, r), "new": ""} for r in entry["removed"]]
        rows += [{"change": "added", "old": "", "new": revisions.describe(kind, r)} for r in entry["added"]]
        out.append({**entry, "rows": rows})
    return out


def _sentence(document, record):
    """The text a record was read from: the reader's sentence, else its span of the document."""
    p = record.get("provenance") or {}
    if p.get("sentence"):
        return p["sentence"]
    start, end = p.get("start"), p.get("end")
    if start is None or end is None or not document.text:
        return ""
    return document.text[int(start):int(end)].strip()[:500]


def _review_rows(document):
    matcher = None
    try:
        from zonework.economy.catalogue import IndicatorMatcher

        matcher = IndicatorMatcher()
    except (ImportError, LookupError):
        matcher = None
    out = []
    for kind in KINDS:
        rows = []
        for index, record in enumerate(document.kind_records(kind)):
            row = {"index": index, "record": record, "prefix": f"{kind}-{index}-",
                   "decision": record.get("decision", Decision.ACCEPTED),
                   "units_text": "、".join(record.get("units") or []),
                   "start": (record.get("provenance") or {}).get("start"),
                   "end": (record.get("provenance") or {}).get("end"),
                   "sentence": _sentence(document, record)}
            if kind in ("results", "targets") and matcher is not None:
                match = matcher.match(record.get("indicator"))
                row["indicator_match"] = match
            rows.append(row)
        out.append({"kind": kind, "label": KIND_LABELS[kind], "rows": rows,
                    "committer": committers.committer(kind)})
    return out


@login_required
@require_POST
def reread_view(request, pk):
    document = _document(request, pk, "change")
    try:
        actions.reread_document(document, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return HttpResponseRedirect(reverse("documents:review", args=[document.pk]))


@login_required
def delete_view(request, pk):
    document = _document(request, pk, "delete")
    if request.method == "POST":
        try:
            actions.delete_document(document, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
            return HttpResponseRedirect(reverse("documents:review", args=[document.pk]))
        messages.success(request, f"已删除“{document}”。")
        return HttpResponseRedirect(reverse("documents:list"))
    return render(request, "core/object_delete.html", {"object": document, "title": "删除来源文件",
                                                       "list_url": reverse("documents:list")})


def home_cards(request):
    if not request.user.has_perm("documents.view_sourcedocument"):
        return []
    qs = scope.in_zone(scope.restrict(SourceDocument.objects.all(), request.user), request.zone)
    waiting = qs.filter(status=DocumentStatus.READ).count()
    return [{"title": gettext("来源文件"), "body": gettext("共%(n)s份，其中%(waiting)s份待审阅提交。") % {
        "n": qs.count(), "waiting": waiting}}]
