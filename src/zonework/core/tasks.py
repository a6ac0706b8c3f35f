"""Background jobs of core: run a submitted job, and the watchdog (Celery beat)."""

from zonework.celery import app


@app.task(name="core.run_job")
def run_job_task(job_id):
    from zonework.core import jobs

    record = jobs.run(job_id)
    return {"id": job_id, "status": getattr(record, "status", None)}


@app.task(name="core.watchdog")
def watchdog_task():
    from zonework.core import jobs

    return jobs.watchdog()
