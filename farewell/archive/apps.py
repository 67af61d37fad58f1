from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "farewell.archive"
    label = "archive"
    verbose_name = "Archive"
