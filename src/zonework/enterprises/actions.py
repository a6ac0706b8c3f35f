"""Every change of enterprise data: enterprises, leaders' visits, and a service request's life.

A request goes 受理 (received) → 交办 (assigned) → 办理 (handling) → 答复 (replied) → 办结 (closed);
an enterprise that is not satisfied has it reopened (back to 办理, the clock restarting that day).
Each step is dated (not in the future, not before the previous step) and logged as a named event.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from zonework.core import clock, scope
from zonework.core.actions import create_object, delete_object, logs_denials, update_object
from zonework.core.audit import record_event
from zonework.core.validation import date_field

from .choices import RequestState
from .models import Enterprise, LiaisonVisit, ServiceRequest

# Which states each step may start from.
ALLOWED = {
    "assign": (RequestState.RECEIVED, RequestState.ASSIGNED),
    "start": (RequestState.ASSIGNED,),
    "reply": (RequestState.ASSIGNED, RequestState.HANDLING),
    "close": (RequestState.REPLIED,),
    "reopen": (RequestState.REPLIED, RequestState.CLOSED),
}
STEP_NAMES = {"assign": "交办", "start": "开始办理", "reply": "答复", "close": "办结", "reopen": "重新办理"}


# --- enterprises -----------------------------------------------------------------------------


def create_enterprise(data, *, acting_user):
    return create_object(Enterprise, data, acting_user=acting_user)


def update_enterprise(enterprise, data, *, acting_user):
    return update_object(enterprise, data, acting_user=acting_user)


def delete_enterprise(enterprise, *, acting_user):
    return delete_object(enterprise, acting_user=acting_user)


@logs_denials
@transaction.atomic
def record_visit(enterprise, data, *, acting_user):
    """A leader's visit to an enterprise; the leader defaults to the enterprise's liaison leader."""
    scope.check(acting_user, "view", enterprise)
    data = {"leader": enterprise.liaison_leader or acting_user, "date": clock.today(), **data,
            "enterprise": enterprise}
    visit = create_object(LiaisonVisit, data, acting_user=acting_user)
    record_event("enterprise.visited", enterprise, message=f"{visit.leader}于{visit.date}走访“{enterprise}”")
    return visit


# --- service requests ------------------------------------------------------------------------


def _date(value, label):
    value = date_field(value, f"{label}日期", field="date") or clock.today()
    if value > clock.today():
        raise ValidationError({"date": f"{label}日期不能晚于今天。"})
    return value


def _last_date(req):
    return max(d for d in (req.clock_date, req.received_date, req.assigned_date, req.started_date,
                           req.replied_date, req.closed_date) if d)


def _begin(req, step, date, acting_user):
    scope.check(acting_user, "change", req)
    req = ServiceRequest.objects.select_for_update().get(pk=req.pk)
    if req.state not in ALLOWED[step]:
        raise ValidationError({"state": f"诉求当前为“{req.get_state_display()}”，不能{STEP_NAMES[step]}。"})
    date = _date(date, STEP_NAMES[step])
    last = _last_date(req)
    if date < last:
        raise ValidationError({"date": f"{STEP_NAMES[step]}日期（{date}）不能早于上一步的日期（{last}）。"})
    return req, date


def _finish(req, event, message, before_state):
    req.full_clean()
    req.save()
    record_event(event, req, message=message, before={"state": before_state}, after={"state": req.state})
    return req


@logs_denials
@transaction.atomic
def receive_request(data, *, acting_user):
    """受理: register a request; the handling unit is the receiving unit until it is assigned."""
    req = create_object(ServiceRequest, {**data, "state": RequestState.RECEIVED}, acting_user=acting_user)
    req.clock_date = req.received_date
    req.save(update_fields=["clock_date"])
    record_event("request.received", req, message=f"受理企业诉求“{req}”")
    return req


def update_request(req, data, *, acting_user):
    return update_object(req, data, acting_user=acting_user)


def delete_request(req, *, acting_user):
    return delete_object(req, acting_user=acting_user)


@logs_denials
@transaction.atomic
def assign_request(req, unit, *, acting_user, date=None):
    """交办: hand the request to a handling unit (which then owns it)."""
    req, date = _begin(req, "assign", date, acting_user)
    if unit is None:
        raise ValidationError({"unit": "请选择承办单位。"})
    if unit.zone_id != req.zone_id:
        raise ValidationError({"unit": "承办单位必须属于本开发区。"})
    # A second click (or a second officer) on the same 交办 must not record the assignment twice;
    # handing it to another unit (转办) is still allowed.
    if req.state == RequestState.ASSIGNED and req.unit_id == unit.pk:
        raise ValidationError({"unit": f"诉求已交办{unit}，请勿重复交办。"})
    before = req.state
    req.unit, req.state = unit, RequestState.ASSIGNED
    req.assigned_date = req.assigned_date or date
    return _finish(req, "request.assigned", f"诉求“{req}”交办{unit}（{date}）", before)


@logs_denials
@transaction.atomic
def start_request(req, *, acting_user, date=None):
    """办理: the handling unit starts work."""
    req, date = _begin(req, "start", date, acting_user)
    before = req.state
    req.state, req.started_date = RequestState.HANDLING, date
    return _finish(req, "request.started", f"{req.unit}开始办理诉求“{req}”（{date}）", before)


@logs_denials
@transaction.atomic
def reply_request(req, reply, *, acting_user, date=None):
    """答复: the enterprise gets an answer."""
    req, date = _begin(req, "reply", date, acting_user)
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": "请填写答复内容。"})
    before = req.state
    req.state, req.replied_date, req.reply = RequestState.REPLIED, date, reply
    req.started_date = req.started_date or date
    return _finish(req, "request.replied", f"{req.unit}答复诉求“{req}”（{date}）", before)


def _rating(satisfaction):
    if satisfaction in (None, ""):
        return None
    try:
        value = int(satisfaction)
    except (TypeError, ValueError):
        raise ValidationError({"satisfaction": f"满意度“{satisfaction}”应为1至5分。"}) from None
    if not 1 <= value <= 5:
        raise ValidationError({"satisfaction": f"满意度“{satisfaction}”应为1至5分。"})
    return value


def _rate(req, satisfaction, rated_by, date):
    """The enterprise's rating: given by its contact (named, the enterprise's contact by default), on `date`."""
    rating = _rating(satisfaction)
    if rating is None:
        return ""
    rated_by = (rated_by or "").strip() or (req.enterprise.contact_name or "").strip()
    if not rated_by:
        raise ValidationError({"satisfaction_by": "满意度是企业的评价，请填写给出评价的企业联系人。"})
    req.satisfaction, req.satisfaction_by, req.satisfaction_date = rating, rated_by[:100], date
    return f"，企业（{rated_by}）评价满意度{rating}分"


@logs_denials
@transaction.atomic
def close_request(req, *, acting_user, date=None, satisfaction=None, rated_by=None):
    """办结: the enterprise accepts the answer; it may rate it 1–5 (its contact `rated_by` answers)."""
    req, date = _begin(req, "close", date, acting_user)
    before = req.state
    req.state, req.closed_date = RequestState.CLOSED, date
    rated = _rate(req, satisfaction, rated_by, date)
    return _finish(req, "request.closed", f"诉求“{req}”办结（{date}）{rated}", before)


@logs_denials
@transaction.atomic
def reopen_request(req, reason, *, acting_user, date=None, satisfaction=None, rated_by=None):
    """重新办理: the enterprise is not satisfied; back to 办理, the time limits restart from `date`."""
    req, date = _begin(req, "reopen", date, acting_user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "重新办理须填写企业不满意的原因。"})
    before = req.state
    _rate(req, satisfaction, rated_by, date)
    req.state, req.clock_date = RequestState.HANDLING, date
    req.started_date, req.replied_date, req.closed_date = date, None, None
    req.reopen_count += 1
    return _finish(req, "request.reopened", f"诉求“{req}”重新办理（{date}），原因：{reason}", before)


def transition(req, step, *, acting_user, **kwargs):
    """Dispatch by step name (used by the pages and the API)."""
    funcs = {"assign": lambda: assign_request(req, kwargs.get("unit"), acting_user=acting_user,
                                              date=kwargs.get("date")),
             "start": lambda: start_request(req, acting_user=acting_user, date=kwargs.get("date")),
             "reply": lambda: reply_request(req, kwargs.get("reply"), acting_user=acting_user, date=kwargs.get("date")),
             "close": lambda: close_request(req, acting_user=acting_user, date=kwargs.get("date"),
                                            satisfaction=kwargs.get("satisfaction"), rated_by=kwargs.get("rated_by")),
             "reopen": lambda: reopen_request(req, kwargs.get("reason"), acting_user=acting_user,
                                              date=kwargs.get("date"), satisfaction=kwargs.get("satisfaction"),
                                              rated_by=kwargs.get("rated_by"))}
    if step not in funcs:
        raise ValidationError(f"未知的操作“{step}”。")
    return funcs[step]()
