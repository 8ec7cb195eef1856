from django.apps import AppConfig


class KsdlnConfig(AppConfig):
    name = "ksdln"
