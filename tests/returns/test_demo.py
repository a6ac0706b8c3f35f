"""The demo's monthly return: defined by the province user, filings in every status."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_demo_has_a_monthly_return_in_every_status(tmp_path, monkeypatch, settings):
    from zonework.core.models import User
    from zonework.returns.models import ReturnFiling, ReturnForm

    monkeypatch.setenv("ZONEWORK_DEMO_REPORTS", str(tmp_path / "none"))
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())  # a second run changes nothing
    form = ReturnForm.objects.get(name="主要经济指标月报")
    assert form.created_by == User.objects.get(username="province")
    assert form.zones.count() == 5
    statuses = set(ReturnFiling.objects.filter(form=form).values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "returned", "approved"}
    assert ReturnFiling.objects.filter(form=form).count() == 10
    from zonework.core.todos import todos_for

    kinds = {t.kind for t in todos_for(User.objects.get(username="tongji"))}
    assert "returns.draft" in kinds
    assert "returns.review" in {t.kind for t in todos_for(User.objects.get(username="province"))}
