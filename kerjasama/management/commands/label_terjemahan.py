"""Write kerjasama/label_terjemahan.py: every label the stage machines, the menu and the audit trail register at
start-up, as `gettext_noop` calls, so that `makemessages` puts them in the catalog (issue 14). Run it after adding a
stage, step, menu entry or audit action, then `makemessages -l en` and translate (docs/tampilan-kerja.md)."""

from django.core.management.base import BaseCommand

from kerjasama.i18n import label_terdaftar, tulis_label_terjemahan


class Command(BaseCommand):
    help = "Tulis kerjasama/label_terjemahan.py dari label tahap, langkah, menu dan aksi audit yang terdaftar."

    def handle(self, *args, **options):
        path = tulis_label_terjemahan()
        self.stdout.write(f"{len(label_terdaftar())} label ditulis ke {path}.")
