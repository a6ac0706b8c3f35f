"""Numbers and amounts as a Chinese report writes them, and the one 亿/万 conversion.

Every page, export and report that shows a figure writes it through here, so that the same amount
reads the same on the dashboard, the investment pages and the work summary.

- A number (`number_text`): at most `places` decimals, rounded half up (四舍五入), no trailing zeros;
  "—" when there is none. A rate (`percent`): part ÷ whole × 100 to one decimal, none of nothing.
- Units that differ by a power of ten convert exactly (`convert`): 亿 = 10^8, 万 = 10^4, 千 = 10^3,
  百万 = 10^6, applied to the same base (亿元 ↔ 万元, 亿美元 ↔ 万美元, 万吨 ↔ 吨); different bases never
  convert (元 and 美元 are different currencies).
- An amount of money (`money_text`, kept in 万 of its currency as investment stores it): below 1亿 in
  万 ("8500万元"), from 1亿 up in 亿 ("110亿元", "332.46亿元"), two decimals at most. The integer part
  is grouped in threes only from five digits on ("12,345亿元"; "8500万元" stays as it is), as
  GB/T 15835 writes numbers in running text (四位以内不分节).
- A figure with its unit (`quantity_text`): an amount in 万元 / 亿元 (or 万美元 / 亿美元) is written by the
  money rule above; any other unit (元, 个, %, 万吨) keeps its unit and is only rounded.

Pure Python, no Django: the reader and the report generator may use it alike.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from zonework.core.numbers import as_decimal

DASH = "—"
# Scale prefixes of a written unit, longest first so that 百万 is not read as 百 + 万.
SCALES = {"百万": Decimal(10) ** 6, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}
CURRENCY_WORDS = {"CNY": "元", "USD": "美元"}
CURRENCY_NAMES = {"CNY": "人民币", "USD": "美元"}
CURRENCIES = {word: code for code, word in CURRENCY_WORDS.items()}
WAN = SCALES["万"]
WAN_PER_YI = SCALES["亿"] / WAN
# The units the money rule rescales: amounts already written in 万 or 亿 of a currency.
_RESCALED = {f"{prefix}{word}" for prefix in ("万", "亿") for word in CURRENCY_WORDS.values()}


class UnknownUnit(ValueError):
    """A written money unit that is not 元 / 万元 / 亿元 (or the same in 美元)."""


def _quantum(places):
    return Decimal(1).scaleb(-places)


def _group(digits):
    """'1234567' → '1,234,567'; four digits or fewer stay as they are."""
    if len(digits) <= 4:
        return digits
    head = len(digits) % 3 or 3
    return ",".join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def number_text(value, places=2, *, grouped=False):
    """2020.0000 → "2020", 20.50 → "20.5", 332.456 → "332.46"; None or unreadable → "—"."""
    value = as_decimal(value)
    if value is None:
        return DASH
    text = format(value.quantize(_quantum(places), rounding=ROUND_HALF_UP).normalize(), "f")
    if text in {"-0", ""}:
        return "0"
    if grouped:
        sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, dot, fraction = text.partition(".")
        text = f"{sign}{_group(whole)}{dot}{fraction}"
    return text


def percent(part, whole, places=1):
    """part ÷ whole × 100, rounded half up to `places` decimals (33.3, 66.7); None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_quantum(places), rounding=ROUND_HALF_UP)


def split_unit(unit):
    """"亿元" → (10^8, "元"); "万美元" → (10^4, "美元"); "个" → (1, "个")."""
    unit = (unit or "").strip()
    for prefix, scale in SCALES.items():
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return scale, unit[len(prefix):]
    return Decimal(1), unit


def _readings(unit):
    """Every (scale, base) a unit can be read as: 千瓦时 is 千 × 瓦时 and also a base of its own."""
    scale, base = split_unit(unit)
    readings = [(scale, base)]
    if scale != 1:
        readings.append((Decimal(1), (unit or "").strip()))
    return readings


def convert(value, from_unit, to_unit):
    """`value` in `from_unit` expressed in `to_unit` (亿元 ↔ 万元, 亿美元 ↔ 万美元), or None when the
    units have different bases (元 and 美元, 元 and 吨). A missing unit on either side means "as is"."""
    value = as_decimal(value)
    if value is None:
        return None
    from_unit, to_unit = (from_unit or "").strip(), (to_unit or "").strip()
    if from_unit == to_unit or not from_unit or not to_unit:
        return value
    for f_scale, f_base in _readings(from_unit):
        for t_scale, t_base in _readings(to_unit):
            if f_base == t_base:
                return value * f_scale / t_scale
    return None


def wan_factor(unit):
    """(factor to 万 of the currency, currency code) of a written money unit.

    "亿元" → (10000, "CNY"); "美元" → (0.0001, "USD"). Raises UnknownUnit for any other unit."""
    scale, base = split_unit(unit)
    if base not in CURRENCIES or scale not in (1, SCALES["万"], SCALES["亿"]):
        raise UnknownUnit(unit)
    return scale / WAN, CURRENCIES[base]


def money_text(amount_wan, currency="CNY"):
    """An amount kept in 万 of its currency: 8500 → "8500万元", 1100000 → "110亿元"; None → "—"."""
    amount = as_decimal(amount_wan)
    if amount is None:
        return DASH
    word = CURRENCY_WORDS.get(currency, CURRENCY_WORDS["CNY"])
    # Rounded before the choice of 万 or 亿, so 9999.995万元 is written 1亿元, not 10,000万元.
    if abs(amount.quantize(_quantum(2), rounding=ROUND_HALF_UP)) >= WAN_PER_YI:
        return f"{number_text(amount / WAN_PER_YI, grouped=True)}亿{word}"
    return f"{number_text(amount, grouped=True)}万{word}"


def amounts_text(amounts):
    """{"CNY": x, "USD": y} (in 万) → "332.46亿元、1200万美元"; currencies are never added together."""
    parts = [money_text(v, c) for c, v in amounts.items() if as_decimal(v)]
    return "、".join(parts) if parts else money_text(0)


def quantity_text(value, unit, places=2):
    """A figure and its unit as a reader expects: 1100000万元 → "110亿元", 0.5亿元 → "5000万元",
    95000元 → "95,000元", 12.5% → "12.5%", 3万吨 → "3万吨"; None → "—"."""
    unit = (unit or "").strip()
    value = as_decimal(value)
    if value is None:
        return DASH
    if unit in _RESCALED:
        factor, currency = wan_factor(unit)
        return money_text(value * factor, currency)
    _scale, base = split_unit(unit)
    return f"{number_text(value, places, grouped=base in CURRENCIES)}{unit}"


def yi_text(amount_wan, currency="CNY"):
    """An amount kept in 万 written in 亿 as leaders read it on one screen: 85000 → "8.5亿元"."""
    amount = as_decimal(amount_wan)
    if amount is None:
        return DASH
    word = CURRENCY_WORDS.get(currency, CURRENCY_WORDS["CNY"])
    return f"{number_text(amount / WAN_PER_YI, grouped=True)}亿{word}"
