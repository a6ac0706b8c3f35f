"""The one reading of numbers and dates typed by people: form fields, Excel cells, API bodies.

Every importer and every computation that takes a number from outside goes through here, so that
"1,234.5", "１２３４．５", "12.5%" and a cell holding 1234.5 are read alike everywhere and a cell of
text is refused with the same Chinese message on every page. Pure Python: the reader may use it too.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

# What staff type in a cell to mean "no figure".
EMPTY = frozenset({"", "-", "—", "－", "/", "无", "--"})

# Integer digits beyond which a figure is refused (the widest money column holds 10^15 万元).
MAX_DIGITS = 15

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋，％", "0123456789.-+,%")
_DROP = re.compile(r"[\s,，\u3000\u00a0\u2009']")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


class NotANumber(ValueError):
    """A value that was given but is not a number; ``str()`` is the Chinese message."""


class NotADate(ValueError):
    """A value that was given but is not a calendar date; ``str()`` is the Chinese message."""


def parse_decimal(value, label="数值"):
    """A Decimal, or None when the value is blank; raises NotANumber for anything else.

    Thousands separators, spaces, full-width digits and one trailing per-cent sign are accepted
    (a rate column is written "8.5%" as often as "8.5"); booleans, NaN and infinities are not.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise NotANumber(f"{label}“{value}”不是数字。")
    if isinstance(value, int | Decimal | float):
        number = Decimal(str(value))
    else:
        text = _DROP.sub("", str(value).translate(_FULL_WIDTH))
        if text in EMPTY:
            return None
        if text.endswith("%"):
            text = text[:-1]
        try:
            number = Decimal(text)
        except (InvalidOperation, ValueError):
            raise NotANumber(f"{label}“{value}”不是数字。") from None
    if not number.is_finite():
        raise NotANumber(f"{label}“{value}”不是数字。")
    if number and number.adjusted() > MAX_DIGITS:
        # "1e999" is a finite Decimal, but no zone's figure has 16 integer digits, and no column holds one.
        raise NotANumber(f"{label}“{value}”超出可以记录的范围。")
    return number


def as_decimal(value):
    """A Decimal for computing, None for blank or unreadable values (never raises)."""
    try:
        return parse_decimal(value)
    except NotANumber:
        return None


def decimal_text(value):
    """The plain fixed-point text of a number ("1200", "0.5"), None when blank."""
    number = parse_decimal(value)
    return None if number is None else format(number.normalize(), "f")


def parse_date(value, label="日期"):
    """A date, or None when blank; raises NotADate for text that is not a real calendar day.

    Accepts date and datetime objects (Excel cells), 2026-03-31, 2026/3/31, 2026.3.31,
    2026年3月31日 and 20260331.
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip().translate(_FULL_WIDTH)
    if text in EMPTY:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                raise NotADate(f"{label}“{value}”不是有效的日期（该日不存在）。") from None
    raise NotADate(f"{label}“{value}”不是有效的日期，请写作2026-03-31。")
