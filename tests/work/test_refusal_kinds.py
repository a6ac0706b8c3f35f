"""The audit list tells a typing mistake (校验拒绝) from an attempt beyond the user's rights (越权拒绝)."""

import re

import pytest
from django.core.exceptions import ValidationError

from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry
from zonework.core.scope import ScopeDenied
from zonework.work import actions


@pytest.fixture
def both_refusals(tasks, unit_user, supervisor):
    task = tasks["t_invest"]
    actions.report_progress(task, {"text": "推进中", "progress": 90}, acting_user=unit_user)
    actions.request_completion(task, acting_user=unit_user)
    with pytest.raises(ValidationError, match="退回须写明理由"):
        actions.return_task(task, acting_user=supervisor, reason="")
    with pytest.raises(ScopeDenied, match="只有督查室"):
        actions.return_task(task, acting_user=unit_user, reason="自己退回")
    return task


def test_a_validation_refusal_and_a_denial_are_logged_as_different_kinds(both_refusals, supervisor, unit_user):
    refused = AuditEntry.objects.get(event="work.return_task", action=AuditAction.REFUSED)
    denied = AuditEntry.objects.get(event="work.return_task", action=AuditAction.DENIED)
    assert refused.user == supervisor and "退回须写明理由" in refused.message
    assert denied.user == unit_user and "只有督查室" in denied.message
    assert refused.object_id == denied.object_id == str(both_refusals.pk)


def _kinds_listed(client, **params):
    """The 操作 cells of the audit list's rows (the filter's options name every kind anyway)."""
    page = client.get("/audit/", {"event": "work.return_task", **params}).content.decode()
    return sorted(re.findall(r"<td >(越权拒绝|校验拒绝)</td>", page))


def test_the_audit_list_shows_and_filters_the_two_kinds_apart(both_refusals, login, auditor):
    client = login(auditor)
    assert _kinds_listed(client) == ["校验拒绝", "越权拒绝"]
    assert _kinds_listed(client, action="refused") == ["校验拒绝"]
    assert _kinds_listed(client, action="denied") == ["越权拒绝"]
