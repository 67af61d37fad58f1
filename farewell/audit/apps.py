from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "farewell.audit"
    label = "audit"
    verbose_name = "Audit"
