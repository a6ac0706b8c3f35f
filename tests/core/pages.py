"""The product's pages as a user reaches them: list pages from the URL configuration, links from a page."""

import re
from html import unescape

from django.urls import get_resolver
from django.urls.resolvers import URLResolver

_HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]*)"')
_LABEL = re.compile(r"<label[^>]*>(.*?)</label>", re.S)
_TAG = re.compile(r"<[^>]+>")


def list_urls():
    """Every page URL named `<app>:<model>_list` (or `_list`-like index pages) that needs no argument."""
    found = []

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
                continue
            route = prefix + str(p.pattern)
            if route.startswith("api/") or "<" in route or "(?P" in route:
                continue
            if namespace and p.name and p.name.endswith("_list"):
                found.append("/" + route)

    walk(get_resolver().url_patterns, "", None)
    return sorted(set(found))


def links(html, region=None):
    """The local hrefs of a page, or of the first element matching the `region` regex (e.g. the sidebar)."""
    if region is not None:
        match = re.search(region, html, re.S)
        html = match.group(0) if match else ""
    return [unescape(h) for h in _HREF.findall(html) if h.startswith("/")]


def labels(html):
    """The text of every form label on a page (the list pages' filter labels)."""
    return [unescape(_TAG.sub("", text)).strip() for text in _LABEL.findall(html)]
