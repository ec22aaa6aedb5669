"""Database constraints Django's model layer cannot declare on every backend we support."""

from __future__ import annotations

from django.db.migrations.operations.base import Operation


class NoOverlap(Operation):
    """Rows with the same ``group`` value must not have overlapping [start, end] date ranges
    (both ends inclusive).

    PostgreSQL: an exclusion constraint over ``daterange`` (needs the btree_gist extension).
    SQLite: BEFORE INSERT/UPDATE triggers that abort. SQLite drops triggers when Django remakes
    a table, so a test asserts the constraint still holds after all migrations.
    """

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str, group: str, start: str, end: str, name: str) -> None:
        self.model_name = model_name
        self.group = group
        self.start = start
        self.end = end
        self.name = name

    def deconstruct(self):
        return (
            self.__class__.__name__,
            [],
            {
                "model_name": self.model_name,
                "group": self.group,
                "start": self.start,
                "end": self.end,
                "name": self.name,
            },
        )

    def state_forwards(self, app_label, state) -> None:
        pass

    def describe(self) -> str:
        return f"No overlapping {self.start}..{self.end} per {self.group} on {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return self.name

    def _columns(self, app_label, schema_editor, state):
        model = state.apps.get_model(app_label, self.model_name)
        meta = model._meta
        quote = schema_editor.quote_name
        return (
            quote(meta.db_table),
            quote(meta.get_field(self.group).column),
            quote(meta.get_field(self.start).column),
            quote(meta.get_field(self.end).column),
            quote(meta.pk.column),
        )

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        table, group, start, end, pk = self._columns(app_label, schema_editor, to_state)
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
            schema_editor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {schema_editor.quote_name(self.name)} "
                f"EXCLUDE USING gist ({group} WITH =, daterange({start}, {end}, '[]') WITH &&)"
            )
        elif vendor == "sqlite":
            for event, same_row in (("INSERT", ""), ("UPDATE", f" AND other.{pk} <> NEW.{pk}")):
                schema_editor.execute(
                    f"CREATE TRIGGER {self.name}_{event.lower()} BEFORE {event} ON {table} "
                    f"WHEN EXISTS (SELECT 1 FROM {table} AS other "
                    f"WHERE other.{group} = NEW.{group} AND other.{start} <= NEW.{end} "
                    f"AND NEW.{start} <= other.{end}{same_row}) "
                    f"BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {self.name}'); END"
                )
        else:  # pragma: no cover - only SQLite and PostgreSQL are configured (evalportal.env)
            raise NotImplementedError(f"NoOverlap has no implementation for {vendor}")

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        table = self._columns(app_label, schema_editor, from_state)[0]
        if schema_editor.connection.vendor == "postgresql":
            constraint = schema_editor.quote_name(self.name)
            schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {constraint}")
        else:
            for event in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {self.name}_{event}")
