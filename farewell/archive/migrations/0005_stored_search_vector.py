"""PostgreSQL: the search's tsvector becomes a stored column (an expression index alone made the
planner recompute it row by row, seconds on 100,000 testimonies). SQLite: nothing changes."""

from django.db import migrations

from farewell.archive.search import backends


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS archive_search")  # the expression index of 0004
        backends.create_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_search_index")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
