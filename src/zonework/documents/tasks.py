"""Background jobs of the documents app (eager in the embedded default and in tests)."""

from zonework.celery import app


@app.task(name="documents.read_document")
def read_document_task(document_id):
    from zonework.documents.actions import read_document

    document = read_document(document_id)
    return {"id": document.pk, "status": document.status}
