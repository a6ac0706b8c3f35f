"""A report job as the page starts it, and the files it wrote as a user downloads them."""


def start_job(client, **fields):
    """POST the job form; the job it created (the test database holds no other)."""
    from zonework.reports.models import ReportJob

    response = client.post("/reports/jobs/", fields)
    assert response.status_code == 302, response.content.decode()[:800]
    return ReportJob.objects.get()


def job_file(client, job, name):
    """The response for one of the job's files; its bytes are `b"".join(response.streaming_content)`."""
    return client.get(f"/reports/jobs/{job.pk}/files/{name}")
