from django.apps import AppConfig


class PemetaanConfig(AppConfig):
    name = "pemetaan"
