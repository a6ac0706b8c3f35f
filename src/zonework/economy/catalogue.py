"""The Indicator table kept in step with the reader's catalogue (zonework.reading.catalogue).

After every migrate, catalogue entries missing from the table are added and new aliases merged in;
what an admin changed or added is kept.
"""

from zonework.economy.choices import IndicatorKind, PriceBasis
from zonework.reading import catalogue as reading_catalogue

# Words that make an indicator a rate, which falls below zero when the economy shrinks.
RATE_WORDS = ("增速", "同比", "环比", "增长率", "增幅", "增减")
PERCENT_UNITS = {"%", "％", "百分点", "个百分点"}


def may_be_negative(name, unit):
    """Whether an indicator of this name and unit can have a negative value: growth rates and
    per-cent figures can, levels (产值, 投资, 企业数) cannot."""
    return (unit or "").strip() in PERCENT_UNITS or any(word in (name or "") for word in RATE_WORDS)


def sync_catalogue():
    """Add missing catalogue indicators and merge new aliases. Returns the number of rows written."""
    from zonework.economy.models import Indicator

    existing = {i.code: i for i in Indicator.objects.exclude(code="")}
    by_name = {i.name: i for i in Indicator.objects.all()}
    written = 0
    for order, entry in enumerate(reading_catalogue.CATALOGUE, start=1):
        row = existing.get(entry.code) or by_name.get(entry.name)
        aliases = [a for a in entry.aliases if a != entry.name]
        if row is None:
            Indicator.objects.create(
                code=entry.code, name=entry.name, aliases=aliases, family=entry.family, unit=entry.unit,
                kind=IndicatorKind.STOCK if entry.flow == reading_catalogue.STOCK else IndicatorKind.FLOW,
                price_basis={reading_catalogue.COMPARABLE: PriceBasis.COMPARABLE,
                             reading_catalogue.CURRENT: PriceBasis.CURRENT}.get(entry.price_basis, ""),
                higher_is_better=entry.higher_is_better, sort_order=order * 10,
                allows_negative=may_be_negative(entry.name, entry.unit),
            )
            written += 1
            continue
        merged = list(dict.fromkeys([*row.aliases, *(a for a in aliases if a != row.name)]))
        changed = merged != row.aliases or not row.code
        if changed:
            row.aliases = merged
            row.code = row.code or entry.code
            row.save(update_fields=["aliases", "code", "updated_at"])
            written += 1
    return written


def sync_after_migrate(**kwargs):
    from django.db import DEFAULT_DB_ALIAS

    if kwargs.get("using", DEFAULT_DB_ALIAS) != DEFAULT_DB_ALIAS:
        return
    sync_catalogue()


class IndicatorMatcher:
    """Maps a name as written in a document to an Indicator: own names and aliases, then the catalogue."""

    def __init__(self):
        from zonework.economy.models import Indicator

        self.rows = list(Indicator.objects.all())
        self.by_name = {}
        for row in self.rows:
            for name in row.names():
                self.by_name.setdefault(reading_catalogue.normalise_name(name), row)
        self.by_code = {row.code: row for row in self.rows if row.code}

    def match(self, name):
        key = reading_catalogue.normalise_name(name or "")
        if not key:
            return None
        row = self.by_name.get(key)
        if row is not None:
            return row
        entry = reading_catalogue.lookup(name)
        if entry is not None:
            return self.by_code.get(entry.code) or self.by_name.get(reading_catalogue.normalise_name(entry.name))
        return None

    def add(self, row):
        self.rows.append(row)
        for name in row.names():
            self.by_name.setdefault(reading_catalogue.normalise_name(name), row)
        if row.code:
            self.by_code[row.code] = row
