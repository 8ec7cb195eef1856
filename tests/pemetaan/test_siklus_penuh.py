"""A full mapping cycle with two PDs, through the services (Perwal 57/2023 Ps 10–20)."""

import datetime

from django.contrib.contenttypes.models import ContentType

import pytest
import time_machine

from kerjasama.constants import StatusTenggat
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import Dokumen, RiwayatAudit, Tenggat
from pemetaan import selectors, services
from pemetaan.constants import ATURAN_EVALUASI, ATURAN_PENGUMPULAN_DATA, TahapRekomendasi, TahapSiklus
from pemetaan.models import ItemRencana, SiklusPemetaan
from tests.pemetaan.factories import ISI_REKOMENDASI, TimPemetaanFactory

pytestmark = pytest.mark.django_db

USULAN_DISHUB = [
    {"urusan": "Perhubungan", "program": "Program Penyelenggaraan LLAJ", "kegiatan": "Integrasi trayek Bekasi–Bogor",
     "jenis_usulan": "KSDD", "calon_mitra": "Pemerintah Kota Bogor", "jangka_waktu_bulan": "36",
     "ruang_lingkup": "Trayek angkutan umum lintas batas."},
    {"urusan": "Perhubungan", "program": "Program Penyelenggaraan LLAJ", "kegiatan": "Park and ride Stasiun Bekasi",
     "jenis_usulan": "KSDPK", "calon_mitra": "PT Transportasi Patriot Bekasi", "jangka_waktu_bulan": "60",
     "ruang_lingkup": "Pengelolaan kantong parkir."},
]
USULAN_DISBUDPAR = [
    {"urusan": "Kebudayaan", "program": "Program Pengembangan Kebudayaan", "kegiatan": "Festival budaya kota kembar",
     "jenis_usulan": "KSDPL", "calon_mitra": "Hamamatsu City", "jangka_waktu_bulan": "24",
     "ruang_lingkup": "Pertukaran seni dan budaya."},
]


def _lengkap_dan_ajukan(user, siklus, usulan):
    rek = services.rekomendasi_simpan(by=user, siklus=siklus, item=usulan, **ISI_REKOMENDASI)
    return services.rekomendasi_submit(rekomendasi=rek, by=user)


@time_machine.travel(datetime.datetime(2026, 2, 2, 9, 0, tzinfo=datetime.UTC), tick=False)  # Monday
def test_siklus_penuh_dua_pd_satu_dikembalikan_lalu_diajukan_ulang(pengguna, pd_dishub, pd_lain, teks_pdf):
    tkksd, ketua, walikota = pengguna["tkksd"], pengguna["ketua"], pengguna["walikota"]
    dishub, disbudpar = pengguna["pd_dishub"], pengguna["pd_disbudpar"]
    TimPemetaanFactory(perangkat_daerah=pd_dishub)
    TimPemetaanFactory(perangkat_daerah=pd_lain)

    # Ps 11(1): the TKKSD opens the cycle; the due date is a deadline; the request letter is generated.
    siklus = services.siklus_buka(by=tkksd, tahun=2026, batas_pengumpulan=datetime.date(2026, 3, 2),
                                  nomor_surat_permintaan="000.3/101-Setda.Ks")
    assert siklus.tahap == TahapSiklus.PENGUMPULAN_DATA
    tenggat = Tenggat.objects.get(aturan=ATURAN_PENGUMPULAN_DATA)
    assert tenggat.objek == siklus and tenggat.status == StatusTenggat.TERBUKA
    assert tenggat.jatuh_tempo.astimezone(datetime.timezone(datetime.timedelta(hours=7))).date() == datetime.date(2026, 3, 2)
    surat = selectors.dokumen_pemilik(siklus).get()
    assert "Permintaan Data dan Rekomendasi Pemetaan" in teks_pdf(surat.versi.first())

    # Ps 12–13: both PDs send their recommendation.
    rek_dishub = _lengkap_dan_ajukan(dishub, siklus, USULAN_DISHUB)
    rek_budpar = _lengkap_dan_ajukan(disbudpar, siklus, USULAN_DISBUDPAR)
    assert rek_dishub.tahap == rek_budpar.tahap == TahapRekomendasi.DIAJUKAN

    # Ps 14(2): the TKKSD returns one with what is missing; Ps 14(1): accepts the other.
    rek_budpar = services.rekomendasi_transisi(rekomendasi=rek_budpar, nama="kembalikan", by=tkksd,
                                               data={"komentar": "Lampirkan data kunjungan wisatawan 2025."})
    assert rek_budpar.tahap == TahapRekomendasi.DIKEMBALIKAN
    assert rek_budpar.catatan_pengembalian == "Lampirkan data kunjungan wisatawan 2025."
    services.rekomendasi_transisi(rekomendasi=rek_dishub, nama="terima", by=tkksd)

    # The PD completes and resubmits; the TKKSD accepts.
    rek_budpar = services.rekomendasi_simpan(by=disbudpar, siklus=siklus, rekomendasi=rek_budpar,
                                             item=USULAN_DISBUDPAR, **ISI_REKOMENDASI)
    rek_budpar = services.rekomendasi_submit(rekomendasi=rek_budpar, by=disbudpar)
    assert rek_budpar.tahap == TahapRekomendasi.DIAJUKAN and rek_budpar.catatan_pengembalian == ""
    services.rekomendasi_transisi(rekomendasi=rek_budpar, nama="terima", by=tkksd)

    # Ps 15: the plenary takes every complete recommendation; the data collection closes.
    siklus = services.siklus_transisi(siklus=siklus, nama="mulai_pleno", by=ketua,
                                      data={"tanggal_pleno": "2026-02-02", "tempat_pleno": "Ruang Rapat Sekda"})
    assert siklus.tahap == TahapSiklus.PLENO
    assert set(siklus.rekomendasi.values_list("tahap", flat=True)) == {TahapRekomendasi.DIBAHAS}
    tenggat.refresh_from_db()
    assert tenggat.status == StatusTenggat.TERPENUHI

    # Ps 15 huruf b–c, 16(1): pick and rank; attendance.
    usulan = {u.kegiatan: u for u in selectors.usulan_pleno(siklus=siklus)}
    services.daftar_rencana_atur(siklus=siklus, by=tkksd, pilihan=[
        {"item_usulan": usulan["Festival budaya kota kembar"].pk, "peringkat": 2},
        {"item_usulan": usulan["Integrasi trayek Bekasi–Bogor"].pk, "peringkat": 1},
        {"item_usulan": usulan["Park and ride Stasiun Bekasi"].pk, "peringkat": 3, "catatan": "Perlu kajian"},
    ])
    services.kehadiran_atur(siklus=siklus, by=tkksd, daftar=[
        {"nama": "Sekretaris Daerah", "jabatan": "Ketua TKKSD", "unsur": "TKKSD"},
        {"nama": "Kepala Dinas Perhubungan", "jabatan": "Kepala Dinas", "unsur": "Dinas Perhubungan"},
    ])
    siklus = services.siklus_transisi(siklus=siklus, nama="catat_berita_acara", by=tkksd,
                                      data={"nomor_berita_acara": "BA/07/TKKSD/2026", "tanggal_berita_acara": "2026-02-02"})
    assert siklus.tahap == TahapSiklus.BERITA_ACARA

    # The berita acara PDF holds the ranked list in rank order, and the attendance.
    ba = Dokumen.objects.get(pemilik_tipe=ContentType.objects.get_for_model(SiklusPemetaan), pemilik_id=siklus.pk,
                             jenis="berita_acara")
    teks = teks_pdf(ba.versi.first())
    assert "BA/07/TKKSD/2026" in teks
    posisi = [teks.index(k) for k in ("Integrasi trayek", "Festival budaya", "Park and ride")]
    assert posisi == sorted(posisi)
    assert "Kepala Dinas Perhubungan" in teks

    # Ps 17: the Ketua sends the draft Keputusan (PDF with the list as its annex).
    siklus = services.siklus_transisi(siklus=siklus, nama="ajukan_ke_wali_kota", by=ketua)
    assert siklus.tahap == TahapSiklus.DIAJUKAN_KE_WALI_KOTA
    rancangan = Dokumen.objects.get(pemilik_tipe=ContentType.objects.get_for_model(SiklusPemetaan),
                                    pemilik_id=siklus.pk, jenis="keputusan")
    teks = teks_pdf(rancangan.versi.first())
    assert "RANCANGAN" in teks and "LAMPIRAN" in teks
    posisi = [teks.index(k) for k in ("Integrasi trayek", "Festival budaya", "Park and ride")]
    assert posisi == sorted(posisi)

    # Ps 18: the Wali Kota sets the Keputusan; Ps 20: the evaluation is due within a year.
    siklus = services.siklus_transisi(siklus=siklus, nama="tetapkan", by=walikota,
                                      data={"nomor_keputusan": "100.3.3.2/Kep.12-Ks/II/2026", "tanggal_keputusan": "2026-02-02"})
    assert siklus.tahap == TahapSiklus.DITETAPKAN and siklus.nomor_keputusan == "100.3.3.2/Kep.12-Ks/II/2026"
    evaluasi = Tenggat.objects.get(aturan=ATURAN_EVALUASI, status=StatusTenggat.TERBUKA)
    assert evaluasi.objek == siklus
    assert evaluasi.jatuh_tempo.astimezone(datetime.timezone(datetime.timedelta(hours=7))).date() == datetime.date(2027, 2, 2)

    # The set list is frozen (Ps 18).
    with pytest.raises(TransisiTidakTersedia, match="dibekukan"):
        services.daftar_rencana_atur(siklus=siklus, by=tkksd, pilihan=[])
    with pytest.raises(TransisiTidakTersedia):
        services.siklus_dokumen_hasilkan(siklus=siklus, by=tkksd, jenis="berita_acara")
    assert list(ItemRencana.objects.filter(siklus=siklus).values_list("peringkat", "kegiatan")) == [
        (1, "Integrasi trayek Bekasi–Bogor"), (2, "Festival budaya kota kembar"), (3, "Park and ride Stasiun Bekasi"),
    ]
    assert selectors.item_rencana_tersedia(jenis="KSDD").get().kegiatan == "Integrasi trayek Bekasi–Bogor"

    # Every step is audited on the cycle or the recommendation, with the Pasal.
    aksi = list(RiwayatAudit.objects.filter(objek_tipe=ContentType.objects.get_for_model(SiklusPemetaan),
                                            objek_id=siklus.pk, ke_tahap__gt="").values_list("aksi", "dasar_hukum"))
    assert aksi == [
        ("dibuka", "Perwal 57/2023 Pasal 11 ayat (1)"), ("mulai_pleno", "Perwal 57/2023 Pasal 15"),
        ("catat_berita_acara", "Perwal 57/2023 Pasal 16 ayat (1)"), ("ajukan_ke_wali_kota", "Perwal 57/2023 Pasal 17"),
        ("tetapkan", "Perwal 57/2023 Pasal 18"),
    ]
    riwayat_budpar = list(selectors.riwayat_objek(rek_budpar).exclude(ke_tahap="").values_list("aksi", "oleh__username"))
    assert riwayat_budpar == [("ajukan", "pd_disbudpar"), ("kembalikan", "tkksd"), ("ajukan_ulang", "pd_disbudpar"),
                              ("terima", "tkksd"), ("bahas", "ketua")]


@time_machine.travel(datetime.datetime(2026, 2, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_evaluasi_dicatat_dan_tenggat_berikutnya_setahun_dari_evaluasi(pengguna):
    """Ps 20(2): at least once a year — each evaluation restarts the one-year clock."""
    from tests.pemetaan.factories import SiklusFactory

    siklus = SiklusFactory(ditetapkan=True, tanggal_keputusan=datetime.date(2025, 6, 1))
    services.siklus_transisi(siklus=siklus, nama="evaluasi", by=pengguna["tkksd"],
                             data={"tanggal_evaluasi": "2026-01-30", "hasil": "3 dari 5 item berjalan."})
    siklus.refresh_from_db()
    assert siklus.tahap == TahapSiklus.DIEVALUASI
    assert siklus.daftar_evaluasi.get().hasil == "3 dari 5 item berjalan."
    terbuka = Tenggat.objects.get(aturan=ATURAN_EVALUASI, status=StatusTenggat.TERBUKA)
    assert terbuka.mulai == datetime.date(2026, 1, 30)
    # An evaluated cycle is evaluated again the next year.
    services.siklus_transisi(siklus=siklus, nama="evaluasi", by=pengguna["tkksd"],
                             data={"tanggal_evaluasi": "2026-02-02", "hasil": "Evaluasi lanjutan."})
    assert siklus.daftar_evaluasi.count() == 2
    assert Tenggat.objects.filter(aturan=ATURAN_EVALUASI, status=StatusTenggat.TERPENUHI).count() == 1
