from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "farewell.vault"
    label = "vault"
    verbose_name = "Vault"
