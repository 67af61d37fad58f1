"""The search index over the lemma column, the archive's generation row, and lemmas for
testimonies published before search existed."""

from django.db import migrations

from farewell.archive.search import backends, lemmas


def forwards(apps, schema_editor):
    Testimony = apps.get_model("archive", "Testimony")
    Generation = apps.get_model("archive", "Generation")
    Generation.objects.get_or_create(pk=1)
    for testimony in Testimony.objects.prefetch_related("files"):
        text = "\n\n".join([testimony.title, testimony.body, *(f.transcript for f in testimony.files.all())])
        testimony.lemmas = lemmas.index_text(text, testimony.language)
        testimony.save(update_fields=["lemmas"])
    backends.create_index(schema_editor.connection)


def backwards(apps, schema_editor):
    backends.drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("archive", "0003_themes_search_generation")]

    operations = [migrations.RunPython(forwards, backwards)]
