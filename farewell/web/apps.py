"""The web app: registers the system checks that refuse unsafe production settings."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "farewell.web"
    label = "web"
    verbose_name = "Farewell web plumbing"

    def ready(self) -> None:
        from django.conf import settings

        from farewell.web import checks  # noqa: F401  (registers the checks)

        # The SQLite database and generated secrets live here; only this user may read it.
        settings.DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
