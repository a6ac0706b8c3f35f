"""The product's own error pages: Chinese, with a way back, and nothing of the server's insides.

With DEBUG off Django renders these instead of its technical pages (settings, URL lists, tracebacks).
"""

import re

from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404
from django.views.decorators.csrf import requires_csrf_token

_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def not_found_message(exception):
    """The view's own reason (没有这个开发区……) when it gave one in Chinese. Django's own 404s say in
    English which URL patterns or which model it tried, which is for developers, not users."""
    if not isinstance(exception, Http404) or isinstance(exception, Resolver404) or not exception.args:
        return ""
    message = exception.args[0]
    return message if isinstance(message, str) and _CHINESE.search(message) else ""


@requires_csrf_token
def page_not_found(request, exception):
    return render(request, "404.html", {"title": "页面不存在", "message": not_found_message(exception)}, status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without the request's context: the navigation reads the database, which may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
