from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "farewell.archive"
    label = "archive"
    verbose_name = "Archive"

    def ready(self):
        from farewell.archive import generation

        generation.follow_changes()
