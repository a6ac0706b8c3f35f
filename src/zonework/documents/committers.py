"""Committers: what each kind of read record becomes when a reviewed document is committed.

The reader yields four kinds of records ("results", "targets", "tasks", "projects"). Each domain app
registers the function that turns the accepted records of one kind into its own rows, from its
AppConfig.ready():

    from django.apps import apps

    if apps.is_installed("zonework.documents"):
        from zonework.documents.committers import register
        register("tasks", commit_tasks, "重点任务")

    def commit_tasks(document, records, *, acting_user, options) -> str:
        ...  # create rows through the app's own actions
        return "新建任务12项"

- `document` is the SourceDocument being committed (its `zone`, `filename`, `plan_year`, ...).
- `records` are the accepted records of that kind, as corrected in review: the reader's dicts
  (EXTRACTION_SPEC.md) with their "provenance" {"article", "start", "end", "sentence"}, plus
  "index", the record's position in the document's list of that kind.
- `acting_user` is the user committing; `options` a dict of commit options (for example
  "create_indicators": names of unknown indicators the reviewer chose to create; "create_units":
  names of units the zone lacks to create; "unit_map": {name: unit id} for names the reviewer
  matched to existing units).
- `document.revision_of` is set when the reviewer confirmed the document revises a committed one:
  the committer then updates the rows committed from `document.revision_of` in place (pairing them
  with the new records) instead of creating them a second time.
- The function returns a one-line summary in Chinese. It raises
  django.core.exceptions.ValidationError (Chinese message) to refuse the commit.

`documents.actions.commit_document` calls every registered committer in registration order, for the
accepted records of its kind, all inside ONE transaction: if any committer raises, nothing of the
document is written. It then marks the document committed and records a "document.committed" event.

Many documents at once (`documents.actions.commit_documents`, the import of a folder): a committer
may also register `many(entries, *, acting_user, options) -> {document.pk: summary}`, `entries` being
[(document, records)] in import order, which writes the records of all the documents set-based and
as if committed one after another (a later document's figure wins). It first checks every document
and raises `Refused({document.pk: ValidationError})` naming each document it refuses, before
writing anything; documents then commits the batch again without them (in a fresh savepoint, with
fresh options), so a refused document leaves nothing of itself. Without `many`, `func` is called
for each document in turn.
"""

from collections import namedtuple

Committer = namedtuple("Committer", ["kind", "func", "label", "many"], defaults=[None])

_REGISTRY: dict[str, Committer] = {}


class Refused(Exception):
    """The documents of a batch a committer refuses: {document pk: ValidationError}."""

    def __init__(self, refusals):
        super().__init__(refusals)
        self.refusals = dict(refusals)


def register(kind, func, label, many=None):
    """Register `func(document, records, *, acting_user, options) -> str` for records of `kind`, and
    optionally `many(entries, *, acting_user, options) -> {pk: str}` for a batch of documents.

    Registering a kind again replaces the earlier function (keeps its place in the order).
    """
    _REGISTRY[kind] = Committer(kind, func, label, many)
    return func


def unregister(kind):
    """Remove the committer of `kind` (for tests)."""
    return _REGISTRY.pop(kind, None)


def committers():
    """The registered committers as {kind: Committer(kind, func, label)}, in registration order."""
    return dict(_REGISTRY)


def committer(kind):
    return _REGISTRY.get(kind)
