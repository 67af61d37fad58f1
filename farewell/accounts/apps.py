from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "farewell.accounts"
    label = "accounts"
    verbose_name = "Reviewer accounts"
