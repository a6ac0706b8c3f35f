"""Industry moved from investment to core: a database made before the move keeps its rows.

The database is put back in the state the previous release left it in (the move's migrations not
applied, the content type still investment's; the tables are the same, that is the point of the
move), then `migrate` runs as an upgrade would, on SQLite and PostgreSQL alike.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import CreateModel
from django.db.migrations.recorder import MigrationRecorder

from zonework.core.data.industries import load
from zonework.core.models import Industry
from zonework.investment import actions as investment_actions

# Enterprises also names an industry; with the investment app alone (ZONEWORK_APPS) only projects do.
ENTERPRISES = apps.is_installed("zonework.enterprises")
MOVE = [("core", "0003_industry"), ("investment", "0003_industry_in_core"),
        *([("enterprises", "0002_industry_in_core")] if ENTERPRISES else [])]


def _without_later_tables():
    """Really unapply the later migrations that create tables (messages, instructions ...): the release
    before the move had no such tables, and marking them unapplied would make the upgrade create
    tables that already exist."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    later = {node for key in MOVE for node in graph.backwards_plan(key)} - set(MOVE)
    targets = {}
    for app, name in sorted(later):
        if app not in targets and any(isinstance(op, CreateModel) for op in graph.nodes[(app, name)].operations):
            targets[app] = next(p for p in graph.node_map[(app, name)].parents if p.key[0] == app).key
    if targets:
        executor.migrate(list(targets.values()))


def _as_before_the_move():
    # Later migrations depend on the move, so they are marked unapplied with it; they only alter choices
    # and defaults, which apply again harmlessly (those creating tables are undone first).
    _without_later_tables()
    recorder = MigrationRecorder(connection)
    graph = MigrationLoader(connection).graph
    for app, name in {node for key in MOVE for node in graph.backwards_plan(key)}:
        recorder.record_unapplied(app, name)
    ContentType.objects.filter(app_label="core", model="industry").update(app_label="investment")


@pytest.mark.django_db(transaction=True)
def test_upgrade_keeps_industries_and_the_foreign_keys_to_them(unit_user, zone, units):
    load(Industry)  # an earlier transactional test may have emptied the tables
    cars = Industry.objects.get(code="36")
    project = investment_actions.create_project(
        {"zone": zone, "unit": units["invest"], "name": "整车项目", "industry": cars}, acting_user=unit_user)
    enterprise = None
    if ENTERPRISES:
        from tests.enterprises.factories import make_enterprise

        enterprise = make_enterprise(unit_user, zone, units["invest"], industry=cars)
    content_type = ContentType.objects.get(app_label="core", model="industry")
    permissions = set(Permission.objects.filter(content_type=content_type).values_list("pk", "codename"))
    industries = set(Industry.objects.values_list("pk", "code", "parent_id"))

    _as_before_the_move()
    call_command("migrate", verbosity=0, interactive=False)

    applied = MigrationRecorder(connection).applied_migrations()
    assert all(key in applied for key in MOVE)
    assert set(Industry.objects.values_list("pk", "code", "parent_id")) == industries
    project.refresh_from_db()
    assert project.industry_id == cars.pk
    if enterprise is not None:
        enterprise.refresh_from_db()
        assert enterprise.industry_id == cars.pk
    assert project.industry.section.name == "制造业"
    moved = ContentType.objects.get(app_label="core", model="industry")
    assert moved.pk == content_type.pk and not ContentType.objects.filter(app_label="investment",
                                                                          model="industry").exists()
    assert set(Permission.objects.filter(content_type=moved).values_list("pk", "codename")) == permissions
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "investment_industry" in tables and "core_industry" not in tables
