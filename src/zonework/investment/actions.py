"""Every change of investment data: projects, their stages, paid-in money, major projects.

Each function is atomic, takes `acting_user`, checks permission and data scope, refuses bad input
with a Chinese message (nothing saved), and writes a named audit event beside the field snapshots.
"""

import datetime
import hashlib
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from zonework.core import clock, money, scope
from zonework.core.actions import create_object, delete_object, logs_denials, update_object
from zonework.core.audit import record_event
from zonework.core.validation import date_field, decimal_field

from .choices import PIPELINE, Currency, Stage, rank
from .models import InvestmentProject, MajorProject, MajorProjectYear, PaidIn, ProjectReminder, StageChange

# --- amounts ---------------------------------------------------------------------------------

def to_decimal(value, label="金额", *, allow_none=False):
    """A non-negative amount from user input, or a ValidationError in Chinese (core.validation reads it)."""
    return decimal_field(value, label, required=not allow_none, non_negative=True)


def convert_amount(value, unit):
    """(amount in 万 of its currency, currency) from a number and its written unit (亿元, 万美元 ...)."""
    try:
        factor, currency = money.wan_factor(unit)
    except money.UnknownUnit:
        raise ValidationError(f"无法识别的金额单位“{(unit or '').strip()}”，应为亿元、万元、元、亿美元、万美元或美元。") from None
    return to_decimal(value, "投资额") * factor, currency


# --- projects --------------------------------------------------------------------------------

AMOUNT_FIELDS = {"agreed_investment": "协议投资额", "added_amount": "新增投资额", "land_area": "用地面积"}


def _amounts(data):
    """Amounts typed as text become Decimals here, so a bad one gets its own Chinese message."""
    data = dict(data)
    errors = {}
    for name, label in AMOUNT_FIELDS.items():
        if name in data and not isinstance(data[name], Decimal):
            try:
                data[name] = to_decimal(data[name], label, allow_none=name != "agreed_investment")
            except ValidationError as exc:
                errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    return data


@logs_denials
@transaction.atomic
def create_project(data, *, acting_user, stage=Stage.LEAD, stage_date=None, reason=""):
    """A new project at `stage` (default 线索); its history starts with that stage on `stage_date`."""
    stage_date = stage_date or clock.today()
    if stage not in Stage.values:
        raise ValidationError({"stage": f"未知的阶段“{stage}”。"})
    if stage_date > clock.today():
        raise ValidationError({"stage_date": "阶段日期不能晚于今天。"})
    data = _amounts(data)
    project = create_object(InvestmentProject, {**data, "stage": stage, "stage_date": stage_date},
                            acting_user=acting_user)
    StageChange.objects.create(project=project, from_stage="", to_stage=stage, date=stage_date, by=acting_user,
                               reason=reason, created_by=acting_user)
    record_event("project.created", project, message=f"新建招商项目“{project}”，阶段：{Stage(stage).label}",
                 after={"stage": stage, "stage_date": stage_date.isoformat()})
    return project


@logs_denials
@transaction.atomic
def update_project(project, data, *, acting_user):
    """Edit a project's particulars; its stage only changes through `change_stage`."""
    data = _amounts({k: v for k, v in data.items() if k not in {"stage", "stage_date"}})
    project = update_object(project, data, acting_user=acting_user)
    _answer_reminders(project, acting_user)
    return project


@logs_denials
@transaction.atomic
def delete_project(project, *, acting_user):
    return delete_object(project, acting_user=acting_user)


def _stage_label(stage):
    return Stage(stage).label if stage in Stage.values else (stage or "—")


@logs_denials
@transaction.atomic
def change_stage(project, to_stage, *, acting_user, date=None, reason=""):
    """Move a project to `to_stage` on `date` (default today), recorded with who moved it and why.

    A move back along the pipeline (or out of 终止) needs a reason, so does a move forward that skips a
    stage (洽谈 → 开工 leaves no 签约 in the history, so the history says why) and 终止; the date cannot be in
    the future nor before the previous change; 投产 cannot be dated before 开工.
    """
    scope.check(acting_user, "change", project)
    project = InvestmentProject.objects.select_for_update().get(pk=project.pk)
    date = date or clock.today()
    reason = (reason or "").strip()
    date = date_field(date, "日期", field="date")
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": f"未知的阶段“{to_stage}”。"})
    current = project.stage
    if to_stage == current:
        raise ValidationError({"to_stage": f"项目已处于“{_stage_label(current)}”阶段。"})
    backwards = current == Stage.TERMINATED or (
        rank(to_stage) is not None and rank(current) is not None and rank(to_stage) < rank(current))
    if backwards and not reason:
        raise ValidationError({"reason": f"阶段由“{_stage_label(current)}”退回“{_stage_label(to_stage)}”，须填写原因。"})
    skipped = rank(to_stage) is not None and rank(current) is not None and rank(to_stage) > rank(current) + 1
    if skipped and not reason:
        passed = "、".join(str(_stage_label(s.value)) for s in PIPELINE[rank(current) + 1:rank(to_stage)])
        raise ValidationError({"reason": f"阶段由“{_stage_label(current)}”跳过“{passed}”调整为“{_stage_label(to_stage)}”，"
                                         f"须填写原因。"})
    if to_stage == Stage.TERMINATED and not reason:
        raise ValidationError({"reason": "终止项目须填写原因。"})
    if date > clock.today():
        raise ValidationError({"date": "阶段变更日期不能晚于今天。"})
    if rank(to_stage) is not None and rank(to_stage) >= rank(Stage.PRODUCTION):
        started = project.stage_changes.filter(to_stage=Stage.CONSTRUCTION).order_by("-date").values_list(
            "date", flat=True).first()
        if started and date < started:
            raise ValidationError({"date": f"投产日期（{date}）不能早于开工日期（{started}）。"})
    if project.stage_date and date < project.stage_date:
        raise ValidationError({"date": f"阶段变更日期（{date}）不能早于上一次变更日期（{project.stage_date}）。"})
    change = StageChange.objects.create(project=project, from_stage=current, to_stage=to_stage, date=date,
                                        by=acting_user, reason=reason, created_by=acting_user)
    before = {"stage": current, "stage_date": project.stage_date.isoformat() if project.stage_date else None}
    project.stage, project.stage_date = to_stage, date
    project.save(update_fields=["stage", "stage_date", "updated_at"])
    record_event("project.stage_changed", project,
                 message=f"项目“{project}”由“{_stage_label(current)}”调整为“{_stage_label(to_stage)}”（{date}）"
                         + (f"，原因：{reason}" if reason else ""),
                 before=before, after={"stage": to_stage, "stage_date": date.isoformat()})
    _answer_reminders(project, acting_user)
    return change


def _month(value):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    text = str(value or "").strip()
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:[-/.]\d{1,2}日?)?", text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValidationError({"month": f"月份“{text}”格式不正确，应为YYYY-MM。"})
    return datetime.date(int(m.group(1)), int(m.group(2)), 1)


@logs_denials
@transaction.atomic
def record_paid_in(project, month, amount, *, acting_user, currency=None):
    """Record (or correct) the money that arrived in `month`, in the agreement's currency."""
    scope.check(acting_user, "change", project)
    month = _month(month)
    try:
        amount = to_decimal(amount, "到位资金")
    except ValidationError as exc:
        raise ValidationError({"amount": exc.messages}) from None
    currency = currency or project.currency
    if currency not in Currency.values:
        raise ValidationError({"currency": f"未知的币种“{currency}”。"})
    if currency != project.currency:
        raise ValidationError({"currency": f"到位资金币种（{Currency(currency).label}）与协议投资额币种"
                                           f"（{Currency(project.currency).label}）不一致，不能登记。"})
    if month > clock.today():
        raise ValidationError({"month": "不能登记未来月份的到位资金。"})
    existing = PaidIn.objects.filter(project=project, month=month).first()
    if existing is None:
        row = create_object(PaidIn, {"project": project, "month": month, "amount": amount, "currency": currency},
                            acting_user=acting_user)
    else:
        row = update_object(existing, {"amount": amount}, acting_user=acting_user)
    record_event("project.paid_in_recorded", project,
                 message=f"项目“{project}”登记{month:%Y年%m月}到位资金{row}")
    _answer_reminders(project, acting_user)
    return row


# --- 催办 and 交办 of chosen projects ---------------------------------------------------------


def project_recipients(project):
    """Who a 催办 of a project reaches: its 招商人员, or every user of its responsible unit without one."""
    from zonework.core.models import User

    if project.officer_id and project.officer.is_active:
        return [project.officer]
    return list(User.objects.filter(unit=project.unit_id, is_active=True).order_by("username"))


def _answer_reminders(project, acting_user):
    """The project's unit acted on it: its open 催办 are answered (the 催办 to-do ends)."""
    if acting_user is None or getattr(acting_user, "unit_id", None) != project.unit_id:
        return
    for reminder in ProjectReminder.objects.filter(project=project, answered_at__isnull=True):
        update_object(reminder, {"answered_at": clock.now()}, acting_user=acting_user)


def can_remind_projects(user):
    return user.is_authenticated and user.has_perm("investment.remind_investmentproject")


@logs_denials
@transaction.atomic
def remind_projects(projects, *, acting_user, message=""):
    """催办 the chosen projects: a dated 催办 on each, and a message to its 招商人员 (or its unit).
    Returns (reminded, skipped); a project already chased today or closed (达产/终止) is skipped, so a
    second click chases nobody twice."""
    from zonework.core.actions import send_message
    from zonework.core.choices import MessageKind

    if not can_remind_projects(acting_user):
        raise scope.ScopeDenied("只有领导和督查室可以催办招商项目。")
    today = clock.today()
    message = (message or "").strip()
    if len(message) > 500:
        raise ValidationError({"message": "催办意见不能超过500字。"})
    done_today = set(ProjectReminder.objects.filter(project__in=[p.pk for p in projects], date=today)
                     .values_list("project_id", flat=True))
    reminded, skipped = [], []
    for project in projects:
        scope.check(acting_user, "view", project)
        if project.pk in done_today or project.stage in (Stage.TERMINATED, Stage.FULL_CAPACITY):
            skipped.append(project)
            continue
        reminder = create_object(ProjectReminder, {"project": project, "date": today, "by": acting_user,
                                                   "message": message}, acting_user=acting_user)
        record_event("project.reminded", project, message=f"催办招商项目“{project}”" + (f"：{message}" if message else ""),
                     after={"reminder_id": reminder.pk})
        body = f"{acting_user}催办：{message}" if message else \
            f"{acting_user}催办此项目，请更新项目进展。"
        send_message(project_recipients(project), kind=MessageKind.URGED, title=f"催办招商项目：{project.name}",
                     body=body, link=project.get_absolute_url(), zone=project.zone,
                     event_key=f"investment.reminder:{reminder.pk}")
        reminded.append(project)
    return reminded, skipped


@logs_denials
@transaction.atomic
def assign_projects(projects, officer, *, acting_user, note=""):
    """交办 the chosen projects to one 招商人员 of their unit; the officer gets one message for the lot.
    Returns how many changed hands."""
    from zonework.core.actions import send_message
    from zonework.core.choices import MessageKind

    if officer is None or not officer.is_active:
        raise ValidationError({"officer": "请选择接手的招商人员。"})
    changed = []
    for project in projects:
        scope.check(acting_user, "change", project)
        if officer.unit_id != project.unit_id:
            raise ValidationError({"officer": f"{officer}不属于项目“{project}”的责任单位"
                                              f"（{project.unit}），不能交办。"})
        if project.officer_id == officer.pk:
            continue
        update_object(project, {"officer": officer}, acting_user=acting_user)
        record_event("project.assigned", project, message=f"招商项目“{project}”交办给{officer}"
                     + (f"：{note}" if note else ""), after={"officer": officer.get_username()})
        changed.append(project)
    if changed:
        names = "、".join(p.name for p in changed[:3]) + (f"等{len(changed)}个项目" if len(changed) > 3 else "")
        send_message([officer], kind=MessageKind.ASSIGNED, title=f"交办招商项目：{names}"[:200],
                     body=note or "请跟进以下项目：" + "、".join(p.name for p in changed),
                     link=changed[0].get_absolute_url() if len(changed) == 1 else "",
                     zone=changed[0].zone, event_key=f"investment.assign:{officer.pk}:{clock.today()}:" + hashlib.sha1(
                         ",".join(str(p.pk) for p in changed).encode()).hexdigest()[:16])
    return len(changed)


# --- major projects --------------------------------------------------------------------------


def create_major_project(data, *, acting_user):
    return create_object(MajorProject, data, acting_user=acting_user)


def update_major_project(major, data, *, acting_user):
    return update_object(major, data, acting_user=acting_user)


@logs_denials
@transaction.atomic
def set_major_project_year(major, year, *, acting_user, planned=None, completed=None):
    """Set a year's planned and/or completed investment (万元) of a major project."""
    scope.check(acting_user, "change", major)
    data = {}
    if planned is not None:
        data["planned_investment"] = to_decimal(planned, "年度计划投资")
    if completed is not None:
        data["completed_investment"] = to_decimal(completed, "年度完成投资")
    row = MajorProjectYear.objects.filter(major_project=major, year=year).first()
    if row is None:
        return create_object(MajorProjectYear, {"major_project": major, "year": year, **data}, acting_user=acting_user)
    return update_object(row, data, acting_user=acting_user)


# --- from documents --------------------------------------------------------------------------


DEFAULT_PROJECT_UNIT = "招商局"


def default_project_unit(zone):
    """The unit a project read from a document belongs to unless the reviewer says otherwise."""
    from zonework.core.models import Unit

    unit = Unit.objects.filter(zone=zone, name=DEFAULT_PROJECT_UNIT).first()
    if unit is None:
        unit = next((u for u in Unit.objects.filter(zone=zone) if DEFAULT_PROJECT_UNIT in u.names()), None)
    return unit


def _owning_unit(zone, options):
    from zonework.core.models import Unit

    unit = options.get("project_unit", options.get("unit"))
    if unit in (None, "") and (options.get("unit_map") or {}).get(DEFAULT_PROJECT_UNIT):
        unit = options["unit_map"][DEFAULT_PROJECT_UNIT]
    if unit is not None and not isinstance(unit, Unit):
        if not str(unit).strip().isdigit():
            raise ValidationError(f"项目的责任单位“{unit}”无效，请从本开发区的单位中选择。")
        unit = Unit.objects.filter(pk=int(unit)).first()
        if unit is None:
            raise ValidationError("所选的项目责任单位不存在，请刷新后重新选择。")
    if unit is None:
        unit = default_project_unit(zone)
    if unit is None and DEFAULT_PROJECT_UNIT in (options.get("create_units") or ()):
        # The reviewer chose on the review page to create the zone's 招商局 (documents passes create_units).
        from zonework.core import actions as core_actions
        from zonework.core.choices import UnitKind

        unit = core_actions.create_unit({"zone": zone, "name": DEFAULT_PROJECT_UNIT, "kind": UnitKind.BUREAU},
                                        acting_user=options.get("_acting_user"))
    if unit is None:
        raise ValidationError(f"请选择项目的责任单位：本开发区没有名为“{DEFAULT_PROJECT_UNIT}”的单位。")
    if unit.zone_id != zone.pk:
        raise ValidationError("责任单位必须属于文件所属的开发区。")
    return unit


def _signing_date(document, options):
    """The stage date: options, else the end of the year a summary reports on, else the start of the
    year a plan is for, else today (never in the future)."""
    day = options.get("project_date", options.get("date"))
    day = date_field(day, "日期")
    report_year = getattr(document, "report_year", None) or getattr(document, "year", None)
    plan_year = getattr(document, "plan_year", None)
    if day is None and report_year:
        day = datetime.date(int(report_year), 12, 31)
    elif day is None and plan_year:
        day = datetime.date(int(plan_year), 1, 1)
    today = clock.today()
    return min(day or today, today)


def _document_stage(options):
    """The stage a document's projects enter at (签约 unless the committer chose another)."""
    stage = options.get("project_stage") or options.get("stage") or Stage.SIGNED
    if stage not in Stage.values:
        raise ValidationError(f"未知的阶段“{stage}”。")
    return stage


def _read_project(document, index, record):
    """(name, amount, currency, provenance) of a read project record; ValidationError naming the record
    when it has no name or its amount cannot be read. One rule for the one-document and batch commits."""
    name = str(record.get("name") or "").strip()
    if not name:
        raise ValidationError(f"第{index}条记录没有项目名称。")
    try:
        amount, currency = convert_amount(record.get("investment"), record.get("unit"))
    except ValidationError as exc:
        raise ValidationError(f"第{index}条记录（{name}）：{'；'.join(exc.messages)}") from None
    provenance = {"document": document.pk, **(record.get("provenance") or {}),
                  "amount_text": f"{record.get('investment')}{record.get('unit')}"}
    return name, amount, currency, provenance


def commit_document_projects(document, records, *, acting_user, options=None):
    """Create the InvestmentProjects read from a document (the `projects` committer of documents).

    records: [{"name": "东风雷诺整车项目", "investment": 65, "unit": "亿元", "provenance": {...}}].
    options (each also read as "project_<key>", which wins, since options are shared by all committers):
    "stage" chosen at review (default 签约), "unit" the owning unit (a Unit or its id; default the zone's
    招商局), "date" of the stage (default 31 December of the document's report_year, else 1 January of its
    plan_year, else today).
    A project already in the zone under the same name is left as it is (not counted twice).
    Called inside the documents app's transaction; raises ValidationError on a bad record.
    """
    options = options or {}
    zone = document.zone
    stage = _document_stage(options)
    unit = _owning_unit(zone, {**options, "_acting_user": acting_user})
    day = _signing_date(document, options)
    created, skipped = [], []
    with transaction.atomic():
        records, revised = _revise_projects(document, records, acting_user=acting_user)
        for index, record in records:
            name, amount, currency, provenance = _read_project(document, index, record)
            if InvestmentProject.objects.filter(zone=zone, name=name).exists():
                skipped.append(name)
                continue
            project = create_project(
                {"zone": zone, "unit": unit, "name": name, "agreed_investment": amount, "currency": currency,
                 "provenance": provenance},
                acting_user=acting_user, stage=stage, stage_date=day, reason="从来源文件导入")
            created.append(project)
        if created:
            record_event("projects.imported_from_document", None, zone_id=zone.pk,
                         message=f"从来源文件（编号{document.pk}）导入招商项目{len(created)}个："
                                 + "、".join(p.name for p in created[:20]))
    summary = f"新建招商项目{len(created)}个"
    if revised is not None:
        summary += f"，按修订版更新{revised}个"
    if skipped:
        summary += f"，已存在未重复导入{len(skipped)}个"
    return summary


def _revise_projects(document, records, *, acting_user):
    """For a revised document: update the projects its earlier version created, paired by name.

    Returns the (number, record) pairs still to create and how many projects were updated (None when
    the document revises nothing). Stage, history and paid-in money stay; name and amount follow the text.
    """
    from zonework.core.similarity import pair

    numbered = list(enumerate(records, start=1))
    original_id = getattr(document, "revision_of_id", None)
    if not original_id:
        return numbered, None
    projects = list(InvestmentProject.objects.filter(zone=document.zone, provenance__document=original_id)
                    .order_by("pk"))
    pairs, _removed, added = pair(projects, numbered, key=lambda item: item.name if isinstance(
        item, InvestmentProject) else str(item[1].get("name") or "").strip())
    updated = 0
    for project, (index, record) in pairs:
        name = str(record.get("name") or "").strip() or project.name
        try:
            amount, currency = convert_amount(record.get("investment"), record.get("unit"))
        except ValidationError as exc:
            raise ValidationError(f"第{index}条记录（{name}）：{'；'.join(exc.messages)}") from None
        provenance = {**(project.provenance or {}), **(record.get("provenance") or {}), "document": document.pk,
                      "amount_text": f"{record.get('investment')}{record.get('unit')}"}
        data = {"name": name, "agreed_investment": amount, "currency": currency, "provenance": provenance}
        revised = (project.name, project.agreed_investment, project.currency) != (name, amount, currency)
        if revised or project.provenance != provenance:
            update_project(project, data, acting_user=acting_user)
        updated += revised
    return added, updated


# --- the Excel import, set-based ------------------------------------------------------------

_IMPORT_BATCH = 500
# Checked by the import's lookups (each limited to the zone imported into), not again row by row.
_LOOKED_UP = ["zone", "unit", "industry", "park", "officer", "created_by"]
_FIELD_NAMES = [f.name for f in InvestmentProject._meta.concrete_fields if f.name not in _LOOKED_UP]
_STAGE = {"stage", "stage_date"}


@logs_denials
@transaction.atomic
def import_projects(zone, items, *, acting_user):
    """Create and update many projects at once: the Excel import's write.

    `items` is [(number, pk or None, data, stage, stage_date, reason)], `number` the sheet's row.
    Every row is checked first (permission, scope, amounts, the model's rules) with no write; then
    the projects, their first stage changes and all audit entries are written with bulk_create /
    bulk_update, with the before-snapshots taken as the rows were loaded. A stage moved on an
    existing project goes through `change_stage` (its rules read the project's history).
    Returns (created, updated, {number: [problems]}); the caller refuses the file while any remain.
    """
    from zonework.core.actions import _assign
    from zonework.core.audit import record_bulk, update_rows
    from zonework.core.validation import error_messages

    problems = {}
    pks = {pk for _n, pk, *_rest in items if pk is not None}
    visible = scope.in_zone(scope.restrict(InvestmentProject.objects.all(), acting_user, "view"), zone)
    found = visible.select_related("zone").in_bulk(pks) if pks else {}
    changeable = set(scope.restrict(InvestmentProject.objects.filter(pk__in=found), acting_user, "change")
                     .values_list("pk", flat=True)) if found else set()
    may_add = scope.can(acting_user, "add", InvestmentProject)
    paid = {}
    for project_id, currency in PaidIn.objects.filter(project__in=list(found)).values_list("project_id", "currency"):
        paid.setdefault(project_id, set()).add(currency)
    for project in found.values():
        project._paid_in_currencies = paid.get(project.pk, set())
    today, now, user = clock.today(), clock.now(), acting_user if acting_user.is_authenticated else None
    new, changed, trail, moves, fields = [], [], [], [], {"updated_at"}
    for number, pk, data, stage, stage_date, reason in items:
        try:
            if pk is None:
                if not may_add:
                    raise scope.ScopeDenied(scope.denied_message("add", InvestmentProject))
                stage, stage_date = stage or Stage.LEAD, stage_date or today
                if stage not in Stage.values:
                    raise ValidationError({"stage": f"未知的阶段“{stage}”。"})
                if stage_date > today:
                    raise ValidationError({"stage_date": "阶段日期不能晚于今天。"})
                project, before = InvestmentProject(zone=zone, created_by=user, stage=stage, stage_date=stage_date), None
            else:
                project = found.get(pk)
                if project is None:
                    raise ValidationError(f"找不到编号为{pk}的项目（或不在您的数据范围内）。")
                if pk not in changeable:
                    raise scope.ScopeDenied(scope.denied_message("change", project))
                before = project.snapshot()
            clean = _amounts({k: v for k, v in data.items() if k not in {"stage", "stage_date", "zone"}})
            _assign(project, clean)
            # Each field's own checks run on the fields the row sets (and the stage a new row gets);
            # the others keep the model's default or the value that passed them when it was saved.
            # The model's clean(), the rules between fields, runs whole.
            project.full_clean(exclude=[n for n in _FIELD_NAMES if n not in clean and (pk or n not in _STAGE)]
                               + _LOOKED_UP)
        except (ValidationError, scope.ScopeDenied) as exc:
            problems[number] = error_messages(exc)
            continue
        project.updated_at = now  # bulk_update does not run auto_now
        if pk is None:
            new.append((project, reason))
        else:
            changed.append(project)
            fields.update(clean)
            if stage and stage != project.stage:
                moves.append((number, project, stage, stage_date, reason))
        trail.append((project, before, pk is None))
    if problems:
        return 0, 0, problems
    InvestmentProject.objects.bulk_create([p for p, _r in new], batch_size=_IMPORT_BATCH)
    update_rows(InvestmentProject, changed, sorted(fields), batch_size=_IMPORT_BATCH)
    firsts = [StageChange(project=p, from_stage="", to_stage=p.stage, date=p.stage_date, by=user, reason=reason or "",
                          created_by=user) for p, reason in new]
    StageChange.objects.bulk_create(firsts, batch_size=_IMPORT_BATCH)
    events = [("project.created", p, f"新建招商项目“{p}”，阶段：{Stage(p.stage).label}",
               {"stage": p.stage, "stage_date": p.stage_date.isoformat()}) for p, _r in new]
    record_bulk(trail + [(c, None, True) for c in firsts], events=events, batch_size=_IMPORT_BATCH)
    # As create_object / update_object do: a row the import moved out of the user's scope is refused.
    for action, pks in (("add", [p.pk for p, _r in new]), ("change", [p.pk for p in changed])):
        if pks and scope.restrict(InvestmentProject.objects.filter(pk__in=pks), acting_user, action).count() < len(pks):
            raise scope.ScopeDenied("导入后的部分项目将不在您的数据范围内，整个文件未导入。")
    for number, project, stage, stage_date, reason in moves:
        try:
            with transaction.atomic():
                change_stage(project, stage, date=stage_date, reason=reason or "", acting_user=acting_user)
        except (ValidationError, scope.ScopeDenied) as exc:
            problems[number] = error_messages(exc)
    return len(new), len(changed), problems


def commit_documents_projects(entries, *, acting_user, options=None):
    """The `projects` of many new documents of one zone at once (documents.commit_documents): the
    projects commit_document_projects would create for each in turn, written together through
    import_projects (one INSERT of projects, of first stage changes and of audit entries). A name
    already in the zone, or named by an earlier document, is left as it is, as one by one. Each
    document's "projects.imported_from_document" event is filed under the document.
    Raises documents' Refused naming the documents with a bad record, before writing anything."""
    from zonework.core.audit import record_bulk
    from zonework.documents.committers import Refused

    options = options or {}
    zone = entries[0][0].zone
    stage = _document_stage(options)
    refusals, plans = {}, []
    try:
        unit = _owning_unit(zone, {**options, "_acting_user": acting_user})
    except ValidationError as exc:
        raise Refused({document.pk: exc for document, _records in entries}) from None
    names = {str(r.get("name") or "").strip() for _d, records in entries for r in records}
    taken = set(InvestmentProject.objects.filter(zone=zone, name__in=names).values_list("name", flat=True))
    for document, records in entries:
        try:
            day = _signing_date(document, options)
            rows = []
            for index, record in enumerate(records, start=1):
                name, amount, currency, provenance = _read_project(document, index, record)
                rows.append((name, {"unit": unit, "name": name, "agreed_investment": amount, "currency": currency,
                                    "provenance": provenance}))
        except ValidationError as exc:
            refusals[document.pk] = exc
            continue
        plans.append((document, day, rows))
    if refusals:
        raise Refused(refusals)
    items, made, out, owner = [], [], {}, {}
    for document, day, rows in plans:
        created, skipped = [], 0
        for name, data in rows:
            if name in taken:
                skipped += 1
                continue
            taken.add(name)
            items.append((len(items) + 1, None, data, stage, day, "从来源文件导入"))
            owner[len(items)] = document.pk
            created.append(name)
        made.append((document, created))
        out[document.pk] = f"新建招商项目{len(created)}个" + (f"，已存在未重复导入{skipped}个" if skipped else "")
    if items:
        _created, _updated, problems = import_projects(zone, items, acting_user=acting_user)
        if problems:
            raise Refused({owner[n]: ValidationError("；".join(messages)) for n, messages in problems.items()})
    record_bulk([], events=[("projects.imported_from_document", document,
                             f"从来源文件（编号{document.pk}）导入招商项目{len(created)}个：" + "、".join(created[:20]), None)
                            for document, created in made if created])
    return out
