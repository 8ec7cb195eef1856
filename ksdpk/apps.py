from django.apps import AppConfig


class KsdpkConfig(AppConfig):
    name = "ksdpk"
