"""A background job's page: its progress while it runs (polled by HTMX), its result or errors after."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from zonework.core.models import Job


@login_required
def job_view(request, pk):
    # A job is seen by whoever submitted it: its messages may name rows of their data scope.
    job = Job.objects.filter(pk=pk, created_by=request.user).first()
    if job is None:
        raise Http404("没有这个后台任务。")
    template = "core/_job_status.html" if request.headers.get("HX-Request") else "core/job.html"
    return render(request, template, {"job": job, "title": str(job)})
