from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from zonework.core import scope
from zonework.core.models import Park, Unit, Zone
from zonework.core.todos import todos_for

from .cockpit import is_leader, render_cockpit


@login_required
def home(request):
    """The landing page: who you are, where you are, and the modules of the year's cycle."""
    user = request.user
    if is_leader(user):
        return render_cockpit(request)
    zone = request.zone
    units = scope.restrict(Unit.objects.all(), user)
    parks = scope.restrict(Park.objects.all(), user)
    if zone is not None:
        units, parks = units.filter(zone=zone), parks.filter(zone=zone)
    cards = []
    from django.apps import apps

    for config in apps.get_app_configs():
        provider = getattr(config, "home_cards", None)
        if provider:
            cards.extend(provider(request))
    todos = todos_for(user, zone)
    return render(request, "core/home.html", {
        "todos": todos[:5], "todo_total": len(todos),
        "title": "首页",
        "zone": zone,
        "zone_count": scope.restrict(Zone.objects.all(), user).count(),
        "unit_count": units.count(),
        "park_count": parks.count(),
        "my_unit": user.unit,
        "my_roles": list(user.roles.all()),
        "cards": cards,
    })
