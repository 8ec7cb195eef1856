"""Issue 14, the timeline: done steps with their date and actor, skipped steps as skipped with the reason (not as
done), the current stage with its deadline, only the next possible steps, and the status in words."""

import datetime
import zoneinfo

import pytest

from kerjasama import selectors, services
from kerjasama.models import Tenggat
from tests.ksdd.factories import KasusKsddFactory

pytestmark = pytest.mark.django_db
JKT = zoneinfo.ZoneInfo("Asia/Jakarta")


def test_langkah_dilewati_tampil_sebagai_dilewati_dengan_alasan(klien, pengguna, pd_dishub, mitra_bogor):
    kasus = KasusKsddFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, penyusunan_pks=True)
    services.audit_catat(kerjasama=kasus, aksi="ajukan_kak", oleh=pengguna["pd_dishub"], dari_tahap="persiapan",
                         ke_tahap="kajian_tkksd", data={"label": "Ajukan KAK ke TKKSD"})
    services.audit_catat(kerjasama=kasus, aksi="tanpa_dprd", dari_tahap="kb_ditandatangani", ke_tahap="penyusunan_pks",
                         komentar="Persetujuan DPRD tidak diperlukan (Pasal 27)")
    Tenggat.objects.create(aturan="masa_berlaku_perjanjian", dasar_hukum="Pasal uji", judul="Uji", kerjasama=kasus,
                           mulai=datetime.date(2026, 12, 1), jatuh_tempo=datetime.datetime(2026, 12, 10, tzinfo=JKT),
                           cara_hitung="kalender")
    tl = selectors.timeline(kasus.kasus())
    status = {i["tahap"].kode: i["status"] for i in tl["langkah"]}
    assert status["persiapan"] == "selesai" and status["persetujuan_dprd"] == "dilewati"
    assert status["penyusunan_pks"] == "sekarang"
    # Only the stages the next possible steps lead to: not every outcome of the machine.
    assert [k for k, s in status.items() if s == "berikut"] == ["pembahasan_pks"]
    assert not any(i["tahap"].kode.startswith("ditolak") for i in tl["langkah"])
    assert "pelaksanaan" in [i["tahap"].kode for i in tl["selanjutnya"]]

    html = klien(pengguna["tkksd"]).get(f"/kerjasama/{kasus.pk}/").content.decode()
    garis = html.split('data-testid="timeline"', 1)[1].split("</ol>", 1)[0]
    assert "Dilewati:</span> Persetujuan DPRD" in garis
    assert "Tidak diperlukan: Persetujuan DPRD tidak diperlukan (Pasal 27)" in garis
    assert "Selesai:</span> Persiapan (KAK)" in garis
    assert "Sekarang:</span> Penyusunan PKS" in garis and "Tenggat: 10 Desember 2026" in garis
