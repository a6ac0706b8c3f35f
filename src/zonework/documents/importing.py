"""Import report files from disk (the `import` command and the demo): upload, read, optionally commit."""

from pathlib import Path

from django.core.exceptions import ValidationError

from zonework.core.similarity import title_of
from zonework.core.validation import error_text

from . import actions, revisions
from .choices import DocumentStatus


def import_file(path, zone, *, acting_user, commit=False, options=None, revise=True):
    """Returns (document, created, message). Reading runs through the same task as an upload.

    Committing a revised copy of a committed document (revisions.find_original) updates that
    document's records in place unless `revise` is False: without a reviewer to ask, a second plan
    with every task twice is never the wanted result."""
    path = Path(path)
    document, created = actions.upload_document(zone, path.name, path.read_bytes(), acting_user=acting_user)
    if created or document.status in (DocumentStatus.UPLOADED, DocumentStatus.READING):
        actions.read_document(document.pk)
        document.refresh_from_db()
    if document.status == DocumentStatus.FAILED:
        return document, created, f"读取失败：{document.error}"
    message = _read_message(document)
    if commit and document.status == DocumentStatus.READ:
        document, message = _commit_one(document, message, acting_user=acting_user, options=options, revise=revise)
    elif document.status == DocumentStatus.COMMITTED:
        message += "；此前已提交"
    return document, created, message


def _read_message(document):
    return "读取：" + "，".join(f"{k}{v}" for k, v in document.record_counts().items())


def _commit_one(document, message, *, acting_user, options, revise):
    options = dict(options or {})
    original, similarity = revisions.find_original(document) if revise else (None, 0)
    if original is not None:
        options["revision_of"] = original.pk
        message += f"；与已提交的“{original}”内容{int(similarity * 100)}%相同，按修订版提交"
    try:
        document = actions.commit_document(document, acting_user=acting_user, options=options)
    except ValidationError as exc:
        return document, message + "；提交失败，未写入：" + error_text(exc)
    return document, message + "；已提交：" + document.commit_summary


def import_files(files, zone, *, acting_user, commit=False, options=None, revise=True):
    """Many files at once: [(path, document or None, created, message)] in the order of `files`, the
    same documents, records and messages as import_file on each in turn, but written together:
    upload and reading of all files in one write (actions.upload_documents), then the documents
    committed set-based (actions.commit_documents). A file that cannot be imported gets its Chinese
    message (document None) and the others go on. A document that may revise a committed one (same
    title) is committed on its own, in its place in the order, after the batch before it."""
    paths, uploads, missing = [Path(p) for p in files], [], {}
    for n, path in enumerate(paths):
        try:
            uploads.append((path.name, path.read_bytes()))
        except FileNotFoundError:
            missing[n] = "文件不存在。"
            uploads.append((path.name, b""))
        except OSError as exc:
            missing[n] = f"无法读取文件：{exc.strerror or exc}。"
            uploads.append((path.name, b""))
    outcomes = actions.upload_documents(zone, uploads, acting_user=acting_user)
    results, seen = [], {}
    for n, (path, (document, created, error)) in enumerate(zip(paths, outcomes, strict=True)):
        if n in missing or document is None:
            results.append([path, None, False, missing.get(n) or error])
            continue
        if document.pk not in seen and document.status in (DocumentStatus.UPLOADED, DocumentStatus.READING):
            document = actions.read_document(document.pk)
        first = seen.setdefault(document.pk, document)
        results.append([path, first, created, None])
    for row in results:
        document = row[1]
        if document is not None and row[3] is None:
            row[3] = (f"读取失败：{document.error}" if document.status == DocumentStatus.FAILED
                      else _read_message(document))
            if document.status == DocumentStatus.COMMITTED:
                row[3] += "；此前已提交"
    if commit:
        _commit_all(results, zone, acting_user=acting_user, options=options, revise=revise)
    return [tuple(row) for row in results]


def _commit_all(results, zone, *, acting_user, options, revise):
    titles = revisions.committed_titles(zone.pk) if revise else set()
    batch, done, earlier = [], {}, []

    def flush():
        committed, refused = actions.commit_documents([results[n][1] for n in batch], acting_user=acting_user,
                                                      options=options)
        for document in committed:
            done[document.pk] = (document, "；已提交：" + document.commit_summary)
        for pk, exc in refused.items():
            done[pk] = (None, "；提交失败，未写入：" + error_text(exc))
        batch.clear()

    for n, (_path, document, _created, _message) in enumerate(results):
        if document is None or document.status != DocumentStatus.READ or document.pk in done:
            continue
        # Only a document that may revise one committed before it (in the zone, or earlier in this
        # import) is committed on its own, through find_original, after those before it.
        alone = revise and (title_of(document.text) in titles or revisions.revises_any(document, earlier))
        if alone:
            if batch:
                flush()
            committed, message = _commit_one(document, "", acting_user=acting_user, options=options, revise=revise)
            done[document.pk] = (committed if committed.status == DocumentStatus.COMMITTED else None, message)
        else:
            batch.append(n)
        earlier.append(document)
    if batch:
        flush()
    told = set()
    for row in results:
        document = row[1]
        if document is not None and document.pk in done:
            committed, message = done[document.pk]
            row[1] = committed or document
            # The same file twice: the second, as when imported one after another, finds it committed.
            row[3] += "；此前已提交" if document.pk in told and committed is not None else message
            told.add(document.pk)
