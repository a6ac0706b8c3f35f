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
def bad_request(request, exception):
    """A POST of more files than DATA_UPLOAD_MAX_NUMBER_FILES is refused by Django while the CSRF check
    reads the form, before any view runs: the user is sent back to the page with what to do instead."""
    from django.conf import settings
    from django.contrib import messages
    from django.core.exceptions import TooManyFilesSent
    from django.http import HttpResponseRedirect
    from django.views import defaults

    if not isinstance(exception, TooManyFilesSent) or not hasattr(request, "session"):
        return defaults.bad_request(request, exception)
    response = HttpResponseRedirect(request.path)
    if hasattr(request, "_messages"):
        messages.error(request, too_many_files_message(settings.DATA_UPLOAD_MAX_NUMBER_FILES))
    else:
        # Refused in a middleware that runs before the messages one (the input limits read the form):
        # the message is stored here, as MessageMiddleware would on the way out.
        from django.contrib.messages.storage import default_storage

        request._messages = default_storage(request)
        messages.error(request, too_many_files_message(settings.DATA_UPLOAD_MAX_NUMBER_FILES))
        request._messages.update(response)
    return response


def too_many_files_message(limit):
    return (f"一次最多上传{limit}个文件，本次选择的文件超过了上限，未上传任何文件。文件较多时，请把它们打包成"
            f"一个 .zip 压缩文件上传（可含数百个文件），或分批选择，每批不超过{limit}个。")


@requires_csrf_token
def server_error(request):
    # Rendered without the request's context: the navigation reads the database, which may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
