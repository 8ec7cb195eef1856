from django.apps import AppConfig


class PengawasanConfig(AppConfig):
    name = "pengawasan"
