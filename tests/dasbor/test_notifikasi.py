"""Notification preferences (issue 7): in-app always; e-mail immediately, as a daily digest, or not at all.
The core tasks read them (kerjasama.tasks.kirim_notifikasi / kirim_ringkasan_harian)."""

from django.core import mail

import pytest

from kerjasama.models import Notifikasi, PreferensiNotifikasi, RiwayatAudit
from kerjasama.tasks import kirim_notifikasi, kirim_ringkasan_harian

pytestmark = pytest.mark.django_db


def _atur(klien, user, surel):
    r = klien(user).post("/dasbor/pengaturan/", {"aksi": "preferensi", "surel": surel})
    assert r.status_code == 302


def test_preferensi_disimpan_dan_diaudit(beku, pengguna, klien):
    user = pengguna["walikota"]
    r = klien(user).get("/dasbor/pengaturan/")
    assert r.status_code == 200 and r.context["form"].initial == {"surel": "segera"}  # default: immediate
    _atur(klien, user, "harian")
    assert PreferensiNotifikasi.objects.get(pengguna=user).surel == "harian"
    audit = RiwayatAudit.objects.get(aksi="preferensi_notifikasi_diubah")
    assert audit.oleh == user and audit.data == {"dari": "segera", "ke": "harian"}
    r = klien(user).post("/dasbor/pengaturan/", {"aksi": "preferensi", "surel": "setiap_jam"})
    assert r.status_code == 400
    assert PreferensiNotifikasi.objects.get(pengguna=user).surel == "harian"


def test_email_segera_harian_atau_tidak_dan_notifikasi_aplikasi_selalu(beku, pengguna, klien):
    segera, harian, tidak = pengguna["tkksd"], pengguna["ketua"], pengguna["walikota"]
    _atur(klien, harian, "harian")
    _atur(klien, tidak, "tidak")
    mail.outbox.clear()

    kirim_notifikasi(penerima_ids=[segera.pk, harian.pk, tidak.pk], judul="Menunggu tindakan Anda: KS/1",
                     pesan="Tahap penandatanganan", tautan="/kerjasama/1/")

    # in-app: everyone
    assert set(Notifikasi.objects.values_list("penerima__username", flat=True)) == {"tkksd", "ketua", "walikota"}
    # e-mail now: only who chose immediate
    assert [m.to for m in mail.outbox] == [[segera.email]]

    mail.outbox.clear()
    assert kirim_ringkasan_harian() == 1
    assert [m.to for m in mail.outbox] == [[harian.email]]
    assert "Menunggu tindakan Anda: KS/1" in mail.outbox[0].body
