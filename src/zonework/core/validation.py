"""One way to turn a refusal into the words a user reads, and a typed figure into a refusal.

A Django ValidationError holds its messages as a list or per field, a refused permission holds one
sentence, a form holds them per field. Pages show them as one line, the API keeps the fields, the
Excel import prefixes the row number: all of them read the messages through here, so a message is
worded once and shown alike on every page.
"""

from django.core.exceptions import ValidationError

from zonework.core.numbers import NotADate, NotANumber, parse_date, parse_decimal


def error_messages(exc):
    """The Chinese sentences of a ValidationError (fields flattened, in order) or of any other refusal."""
    if isinstance(exc, ValidationError):
        return [str(m) for m in exc.messages]
    return [str(exc)]


def join_messages(messages):
    """Sentences as one line: "甲；乙。" (each sentence's own full stop dropped, one at the end)."""
    parts = [m.strip().rstrip("。；;.") for m in messages]
    parts = [p for p in parts if p]
    return "；".join(parts) + "。" if parts else ""


def error_text(exc):
    """A refusal as the one line a page shows."""
    return join_messages(error_messages(exc))


def form_error_text(form):
    """A bound form's errors as one line, each under its field's label ("金额：请输入一个数字"), for a
    form posted from a detail page whose errors are shown as a message rather than beside the field."""
    lines = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        lines += [f"{label}：{m}" if label else m for m in errors]
    return join_messages(lines)


def api_detail(exc):
    """The body of a 400 answer: the messages per field, or under "detail" when they belong to no field."""
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {"detail": exc.messages}


def same_zone_errors(obj, messages):
    """{field: message} for each related row named in `messages` ({field: message}) that belongs to
    another zone than `obj`: a row never points across zones. The messages are the model's own
    (translatable) sentences."""
    if not obj.zone_id:
        return {}
    return {field: message for field, message in messages.items()
            if getattr(obj, f"{field}_id", None) and getattr(obj, field).zone_id != obj.zone_id}


def decimal_field(value, label, *, field=None, required=False, non_negative=False):
    """A typed figure as a Decimal (None when blank and not required), or a ValidationError in
    Chinese (on `field` when given). The reading itself is `core.numbers.parse_decimal`."""

    def refuse(message):
        return ValidationError({field: message} if field else message)

    try:
        number = parse_decimal(value, label)
    except NotANumber as exc:
        raise refuse(str(exc)) from None
    if number is None:
        if required:
            raise refuse(f"{label}不能为空。")
        return None
    if non_negative and number < 0:
        raise refuse(f"{label}不能为负数（{value}）。")
    return number


def date_field(value, label, *, field=None, required=False):
    """A typed date, None when blank and not required, or a ValidationError in Chinese."""
    try:
        day = parse_date(value, label)
    except NotADate as exc:
        raise ValidationError({field: str(exc)} if field else str(exc)) from None
    if day is None and required:
        raise ValidationError({field: f"{label}不能为空。"} if field else f"{label}不能为空。")
    return day
