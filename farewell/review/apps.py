from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "farewell.review"
    label = "review"
    verbose_name = "Review"
