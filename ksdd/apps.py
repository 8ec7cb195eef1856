from django.apps import AppConfig


class KsddConfig(AppConfig):
    name = "ksdd"
