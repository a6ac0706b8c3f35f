"""What a request may carry, in one place: JSON depth and size, page size, integer range, characters.

Input beyond these limits used to reach the database or the serialiser and come back as a 500 (a
RecursionError on nested JSON, an OverflowError on a 23-digit id, a lone surrogate saved in a JSON
field that then broke every list showing it). Here it is refused at the door with a Chinese 400, before
any view runs, so it can change nothing:

- `LimitedJSONParser` (DRF's default parser, settings.REST_FRAMEWORK) for JSON bodies;
- `InputLimitsMiddleware` for the path, the query string and form bodies of pages and API alike;
- `LimitedPagination` caps ?limit= and ?offset=.
"""

import json
import math
import re

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from rest_framework.exceptions import ParseError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import JSONParser

# Every integer column is at most a signed 64-bit integer (SQLite and PostgreSQL's bigint).
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
_SURROGATE = re.compile("[\ud800-\udfff]")
# A whole-number text, as a filter value or an id in the path: checked against the integer range.
_INTEGER_TEXT = re.compile(r"[+-]?\d+")


OBJECT_EXPECTED = "请求内容应为 JSON 对象（{\"字段\": 值}）。"


def json_max_depth():
    return getattr(settings, "ZONEWORK_JSON_MAX_DEPTH", 32)


def json_max_bytes():
    return getattr(settings, "ZONEWORK_JSON_MAX_BYTES", 2 * 1024 * 1024)


def page_max_limit():
    return getattr(settings, "ZONEWORK_PAGE_MAX_LIMIT", 500)


class InputRefused(ValueError):
    """Input the product will not process; the message is the Chinese sentence the caller reads."""


def text_problem(value):
    """Why a text cannot be stored (a NUL character, a lone UTF-16 surrogate), or None if it can.

    PostgreSQL refuses NUL in text and UTF-8 cannot encode a lone surrogate, so either one fails at
    the database or, worse, is stored and fails every later page that shows it."""
    if "\x00" in value:
        return "文本中含有不允许的空字符（NUL），请删除后重试。"
    if _SURROGATE.search(value):
        return "文本中含有无法编码的字符（不成对的代理码位），请检查后重试。"
    return None


def integer_problem(value):
    if not INT_MIN <= value <= INT_MAX:
        return "数值超出允许范围。"
    return None


def check_text(value, where=""):
    problem = text_problem(value)
    if problem:
        raise InputRefused(f"{where}：{problem}" if where else problem)


def check_integer_text(value, where=""):
    """A whole-number text (filter value, id) out of the 64-bit range is refused."""
    if _INTEGER_TEXT.fullmatch(value.strip()) and integer_problem(int(value)):
        raise InputRefused(f"{where}：数值超出允许范围。" if where else "数值超出允许范围。")


def check_json(data):
    """Walk parsed JSON without recursion: depth, texts (keys too), integers and non-finite numbers."""
    limit = json_max_depth()
    stack = [(data, 1, "")]
    while stack:
        value, depth, where = stack.pop()
        if depth > limit:
            raise InputRefused(f"JSON 嵌套层数超过 {limit} 层。")
        if isinstance(value, dict):
            for key, item in value.items():
                check_text(key, where or key)
                stack.append((item, depth + 1, where or key))
        elif isinstance(value, list):
            stack.extend((item, depth + 1, where) for item in value)
        elif isinstance(value, str):
            check_text(value, where)
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if integer_problem(value):
                raise InputRefused(f"{where}：数值超出允许范围。" if where else "数值超出允许范围。")
        elif isinstance(value, float) and not math.isfinite(value):
            raise InputRefused(f"{where}：数值超出允许范围。" if where else "数值超出允许范围。")


def _no_constants(name):
    raise InputRefused(f"JSON 中不允许 {name}。")


def parse_json(text):
    """JSON text → data within the limits, or InputRefused with the Chinese reason."""
    if len(text) > json_max_bytes():
        raise InputRefused(f"请求内容过大（超过 {json_max_bytes() // 1024} KB）。")
    try:
        data = json.loads(text, parse_constant=_no_constants)
    except RecursionError:
        raise InputRefused(f"JSON 嵌套层数超过 {json_max_depth()} 层。") from None
    except ValueError as exc:
        if isinstance(exc, InputRefused):
            raise
        raise InputRefused("请求内容不是有效的 JSON。") from None
    check_json(data)
    return data


class LimitedJSONParser(JSONParser):
    """DRF's JSON parser within the limits above. The body of every endpoint is an object (fields by
    name); a view that takes a list or a bare value sets `json_body_types` to say so."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        raw = stream.read(json_max_bytes() + 1) if stream is not None else b""
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            raise ParseError("请求内容不是有效的 UTF-8 文本。") from None
        try:
            data = parse_json(text)
        except InputRefused as exc:
            raise ParseError(str(exc)) from None
        allowed = getattr(parser_context.get("view"), "json_body_types", (dict,))
        if not isinstance(data, allowed):
            raise ParseError(OBJECT_EXPECTED)
        return data


class LimitedPagination(LimitOffsetPagination):
    """?limit= is capped (a page is for reading, not for dumping the table); ?offset= past the integer
    range is a 400 from the middleware, and beyond any table it is simply an empty page."""

    max_limit = None

    def get_limit(self, request):
        self.max_limit = page_max_limit()
        return super().get_limit(request)

    def get_offset(self, request):
        return min(super().get_offset(request), 10**12)

    def get_count(self, queryset):
        # One count per request, estimated where the rows in scope are many (core/counting.py).
        if not hasattr(queryset, "query"):
            self.count_estimated = False
            return len(queryset)
        from zonework.core.counting import count_rows

        count, self.count_estimated = count_rows(queryset)
        return count

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_estimated"] = getattr(self, "count_estimated", False)
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count_estimated"] = {
            "type": "boolean", "description": "count 为数据库估算值（数据量超过 ZONEWORK_EXACT_COUNT_LIMIT 时）"}
        return schema


def request_problem(request):
    """The first limit a request breaks, as a Chinese sentence, or None."""
    try:
        check_text(request.path, "访问地址")
        for segment in request.path.split("/"):
            check_integer_text(segment, "访问地址")
        for name, values in request.GET.lists():
            check_text(name, "查询参数")
            for value in values:
                check_text(value, f"查询参数 {name}")
                check_integer_text(value, f"查询参数 {name}")
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("application/json") or (content_type.endswith("+json")):
            # Checked here as well as in the parser: a view that never reads its body (an action
            # without input) must still not run on a body that is refused everywhere else.
            try:
                text = request.body.decode(request.encoding or settings.DEFAULT_CHARSET)
            except UnicodeDecodeError:
                raise InputRefused("请求内容不是有效的 UTF-8 文本。") from None
            if text.strip():
                data = parse_json(text)
                if request.path.startswith("/api/") and not isinstance(data, dict):
                    raise InputRefused(OBJECT_EXPECTED)
        if request.method in {"POST", "PUT", "PATCH"} and content_type.startswith(
                ("application/x-www-form-urlencoded", "multipart/form-data")):
            for name, values in request.POST.lists():
                check_text(name, "表单字段")
                for value in values:
                    check_text(value, f"表单字段 {name}")
            for upload in request.FILES.values():
                check_text(upload.name or "", "文件名")
    except InputRefused as exc:
        return str(exc)
    return None


class InputLimitsMiddleware:
    """Refuses a request whose path, query or form carries what no field may hold (see request_problem)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = request_problem(request)
        if problem is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": problem}, status=400, json_dumps_params={"ensure_ascii": False})
        return render(request, "400.html", {"message": problem}, status=400)
