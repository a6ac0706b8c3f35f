from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext

from zonework.core.todos import done_entries, todos_for


@login_required
def todo_list(request):
    """待办 (computed from the records) and 已办 (the user's own audit trail), one tab each."""
    tab = "done" if request.GET.get("tab") == "done" else "todo"
    items = todos_for(request.user, getattr(request, "zone", None))
    done = Paginator(done_entries(request.user), 30).get_page(request.GET.get("page")) if tab == "done" else None
    lights = {light: sum(1 for i in items if i.light == light) for light in ("red", "yellow", "green")}
    return render(request, "core/todos.html", {
        "title": gettext("待办事项"), "tab": tab, "items": items, "done": done, "lights": lights,
    })
