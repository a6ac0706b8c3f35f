"""Migration operations for a model that moved between apps with its table (Industry: investment → core).

A database made before the move already has the table and the foreign-key columns; a new database
has neither. These operations change the migration state alike in both, and touch the database only
where the table or column is missing, so the rows and the foreign keys of an existing database stay
exactly as they were. Going backwards leaves the table and columns in place for the same reason:
they may hold rows that predate the move.
"""

from django.db import migrations


def _tables(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        return set(schema_editor.connection.introspection.table_names(cursor))


def _columns(schema_editor, table):
    with schema_editor.connection.cursor() as cursor:
        return {c.name for c in schema_editor.connection.introspection.get_table_description(cursor, table)}


class CreateModelUnlessPresent(migrations.CreateModel):
    """CreateModel that keeps a table of the same name if the database already has it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.name)
        if model._meta.db_table not in _tables(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Create model {self.name} (unless its table exists)"


class AddFieldUnlessPresent(migrations.AddField):
    """AddField that keeps a column of the same name if the table already has it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        if field.column not in _columns(schema_editor, model._meta.db_table):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Add field {self.name} to {self.model_name} (unless its column exists)"
