"""Amounts in templates, written by the one rule in zonework.core.money: {{ amount|money:currency }}."""

from django import template

from zonework.core import money as rules

register = template.Library()


@register.filter
def money(amount_wan, currency="CNY"):
    """An amount kept in 万 of `currency`: 1100000 → 110亿元, 8500 → 8500万元."""
    return rules.money_text(amount_wan, currency or "CNY")


@register.filter
def quantity(value, unit):
    """A figure and its unit: 1100000, "万元" → 110亿元; 12.5, "%" → 12.5%."""
    return rules.quantity_text(value, unit)


@register.filter
def amounts(by_currency):
    """{"CNY": x, "USD": y} in 万 → 332.46亿元、1200万美元 (currencies never added together)."""
    return rules.amounts_text(by_currency)
