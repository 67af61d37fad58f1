from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "farewell.intake"
    label = "intake"
    verbose_name = "Intake"
