"""Pelaksanaan of a KSDPL/KSDLL: Rencana Kegiatan Tahunan (Ps 72), Izin Prinsip/Operasional and the
signed annual work plan of a non-profit (Ps 76), disputes (Ps 82–83), the annual report (Ps 80–81),
the original and the Sekjen's copy (Ps 71), and the end with its Ps 79 reason."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string

import pytest
import time_machine

from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import RiwayatAudit
from ksdln import services
from ksdln.constants import BAGIAN_LAPORAN
from ksdln.models import KasusKsdln
from tests.ksdln.conftest import wib
from tests.ksdln.factories import jalan, muat, unggah

D = datetime.date


@pytest.fixture
def berjalan(buat):
    # signed Mon 17-08-2026; term 01-09-2026 … 31-08-2031
    with time_machine.travel(wib(2026, 8, 17, 10), tick=False):
        return buat(pelaksanaan=True, tanggal_penandatanganan=D(2026, 8, 17), tanggal_mulai=D(2026, 9, 1),
                    tanggal_berakhir=D(2031, 8, 31))


def rencana(kasus, user, tahun=2026, **kw):
    data = {"peran_para_pihak": "Bekasi: lokasi; mitra: tenaga ahli.", "hasil_diharapkan": "Aparatur terlatih.",
            "rencana_pembiayaan": "Masing-masing pihak."}
    data.update(kw)
    return services.rencana_tahunan_simpan(kasus=kasus, by=user, tahun=tahun, **data)


@pytest.mark.django_db
def test_rencana_kegiatan_tahunan_per_tahun(berjalan, pengguna):
    pd = pengguna["pd_dishub"]
    with time_machine.travel(wib(2026, 9, 5, 9), tick=False):
        r = rencana(berjalan, pd)
        assert (r.tahun, r.kasus_id) == (2026, berjalan.pk)
        # the same year again updates it (one plan per year)
        r2 = rencana(berjalan, pd, hasil_diharapkan="Diperbarui.")
        assert r2.pk == r.pk and muat(berjalan).rencana_tahunan.count() == 1
        with pytest.raises(ValidationError, match="masa berlaku kerja sama .2026–2031."):
            rencana(berjalan, pd, tahun=2032)
        with pytest.raises(PermissionDenied):
            rencana(berjalan, pengguna["pd_disbudpar"])
        k = services.kegiatan_tahunan_simpan(rencana=r, by=pd, uraian="Pelatihan", anggaran=1_000_000)
        with pytest.raises(ValidationError, match="dicatat dengan hasilnya"):
            services.kegiatan_tahunan_simpan(rencana=r, by=pd, kegiatan=k, uraian="Pelatihan", status="terlaksana")
        services.kegiatan_tahunan_simpan(rencana=r, by=pd, kegiatan=k, uraian="Pelatihan", status="terlaksana",
                                         hasil="20 peserta.", anggaran=1_000_000)
    assert r.kegiatan.get().hasil == "20 peserta."
    assert RiwayatAudit.objects.filter(kerjasama_id=berjalan.pk, aksi="rencana_tahunan_disimpan").count() == 2


@pytest.mark.django_db
def test_rencana_tahunan_hanya_dalam_pelaksanaan(buat, pengguna):
    kasus = buat(penyusunan_rencana=True)
    with pytest.raises(TransisiTidakTersedia, match="Pasal 72"):
        rencana(kasus, pengguna["tkksd"])


@pytest.mark.django_db
def test_nonprofit_izin_dan_rencana_kerja_tahunan_ditandatangani(pengguna, pd_dishub, nonprofit):
    from tests.ksdln.factories import KasusKsdlnFactory

    kasus = KasusKsdlnFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=nonprofit, jenis="KSDLL",
                              bentuk="penerusan", jenis_lembaga="nonprofit", sumber_prakarsa="melalui_menteri",
                              pelaksanaan=True)
    with pytest.raises(ValidationError, match="Pasal 76 ayat .2. huruf b"):
        rencana(kasus, pengguna["tkksd"], tahun=kasus.tanggal_mulai.year)
    r = rencana(kasus, pengguna["tkksd"], tahun=kasus.tanggal_mulai.year, tanggal_ditandatangani=kasus.tanggal_mulai)
    assert r.tanggal_ditandatangani == kasus.tanggal_mulai
    izin = services.izin_lembaga_catat(kasus=kasus, by=pengguna["tkksd"], jenis="izin_prinsip", nomor="IP-1",
                                       tanggal=D(2025, 1, 2), penerbit="Kemlu")
    # recording it again updates (one per kind)
    izin2 = services.izin_lembaga_catat(kasus=kasus, by=pengguna["tkksd"], jenis="izin_prinsip", nomor="IP-1/rev",
                                        tanggal=D(2025, 1, 2), penerbit="Kemlu")
    assert izin2.pk == izin.pk and izin2.nomor == "IP-1/rev"


@pytest.mark.django_db
def test_izin_hanya_untuk_penerusan_nonprofit(berjalan, pengguna):
    with pytest.raises(ValidationError, match="Pasal 76"):
        services.izin_lembaga_catat(kasus=berjalan, by=pengguna["tkksd"], jenis="izin_prinsip", nomor="X",
                                    tanggal=D(2025, 1, 1), penerbit="Kemlu")


@pytest.mark.django_db
def test_perselisihan_negosiasi_konsultasi_menteri_dan_hasil(berjalan, pengguna):
    tkksd = pengguna["tkksd"]
    with time_machine.travel(wib(2027, 5, 20, 9), tick=False):
        p = services.perselisihan_catat(kasus=berjalan, by=tkksd, uraian="Beda tafsir pembagian biaya pelatihan.",
                                        tanggal_mulai=D(2027, 5, 2))
        with pytest.raises(ValidationError, match="catat dahulu langkah"):
            services.perselisihan_selesaikan(perselisihan=p, by=tkksd, hasil="x", tanggal_selesai=D(2027, 5, 20))
        with pytest.raises(ValidationError, match="sebelum perselisihan timbul"):
            services.perselisihan_langkah_catat(perselisihan=p, by=tkksd, jenis="negosiasi", tanggal=D(2027, 5, 1),
                                                uraian="x")
        services.perselisihan_langkah_catat(perselisihan=p, by=tkksd, jenis="negosiasi", tanggal=D(2027, 5, 5),
                                            uraian="Rapat daring.", berhasil=False)
        services.perselisihan_langkah_catat(perselisihan=p, by=tkksd, jenis="konsultasi", tanggal=D(2027, 5, 10),
                                            uraian="Konsultasi dengan Kemlu.", berhasil=False)
        services.perselisihan_langkah_catat(perselisihan=p, by=tkksd, jenis="konsultasi_menteri",
                                            tanggal=D(2027, 5, 15), uraian="Konsultasi ke Kemendagri.", berhasil=True)
        with pytest.raises(PermissionDenied):
            services.perselisihan_catat(kasus=berjalan, by=pengguna["pd_dishub"], uraian="x", tanggal_mulai=D(2027, 5, 2))
        p = services.perselisihan_selesaikan(perselisihan=p, by=tkksd, hasil="Biaya dibagi dua sesuai arahan Menteri.",
                                             tanggal_selesai=D(2027, 5, 20))
        with pytest.raises(TransisiTidakTersedia, match="sudah selesai"):
            services.perselisihan_langkah_catat(perselisihan=p, by=tkksd, jenis="negosiasi", tanggal=D(2027, 5, 20),
                                                uraian="x")
    assert (p.status, p.langkah.count()) == ("selesai", 3)
    dasar = list(RiwayatAudit.objects.filter(kerjasama_id=berjalan.pk, aksi="perselisihan_langkah")
                 .order_by("id").values_list("dasar_hukum", flat=True))
    # after negotiation and consultation failed, the Menteri consultation is the one of Ps 83
    assert dasar == ["Pasal 82 ayat (1)", "Pasal 82 ayat (1)", "Pasal 83"]


@pytest.mark.django_db
def test_laporan_tahunan_diisi_dari_data_dan_dihasilkan_pdf(berjalan, pengguna):
    tkksd, pd = pengguna["tkksd"], pengguna["pd_dishub"]
    with time_machine.travel(wib(2026, 12, 20, 9), tick=False):
        r = rencana(berjalan, pd, rencana_pembiayaan="APBD dan mitra.")
        services.kegiatan_tahunan_simpan(rencana=r, by=pd, uraian="Festival budaya Jepang", anggaran=250_000_000,
                                         status="terlaksana", hasil="5.000 pengunjung.")
        lap = berjalan.laporan_tahunan.get(tahun=2026)
        diisi = services.laporan_tahunan_isi_otomatis(laporan=lap, by=pd)
        lap.refresh_from_db()
        assert {"perkembangan_hasil", "pendanaan", "penerima_manfaat"} <= set(diisi)
        assert "Festival budaya Jepang (terlaksana): 5.000 pengunjung." in lap.perkembangan_hasil
        assert "Rp 250.000.000" in lap.pendanaan
        # edited before sending; the auto-fill never overwrites what staff wrote
        services.laporan_tahunan_ubah(laporan=lap, by=pd, penerima_manfaat="Warga dan pelaku seni kedua kota.")
        services.laporan_tahunan_isi_otomatis(laporan=lap, by=pd)
        lap.refresh_from_db()
        assert lap.penerima_manfaat == "Warga dan pelaku seni kedua kota."
        html = render_to_string(services.TEMPLATE_LAPORAN, services.laporan_konteks(lap))
        for _kode, label in BAGIAN_LAPORAN:
            assert label in html
        assert "Festival budaya Jepang" in html and "LAPORAN PELAKSANAAN KSDPL TAHUN 2026" in html
        versi = services.laporan_tahunan_hasilkan_pdf(laporan=lap, by=pd)
        assert versi.tipe_konten == "application/pdf" and versi.berkas.read(4) == b"%PDF"
        with pytest.raises(PermissionDenied):
            services.laporan_tahunan_kirim(laporan=lap, by=pd, tanggal_dikirim=D(2026, 12, 20))
        with pytest.raises(ValidationError, match="sembilan bagian"):
            services.laporan_tahunan_kirim(laporan=lap, by=tkksd, tanggal_dikirim=D(2026, 12, 20))
        services.laporan_tahunan_ubah(laporan=lap, by=tkksd, hambatan_tantangan="Jadwal.", analisis_tindak_lanjut="Lanjut.")
        lap = services.laporan_tahunan_kirim(laporan=lap, by=tkksd, tanggal_dikirim=D(2026, 12, 20))
        assert lap.status == "dikirim" and not lap.terlambat and lap.dokumen.versi.count() == 2
        with pytest.raises(TransisiTidakTersedia, match="tidak dapat diubah"):
            services.laporan_tahunan_ubah(laporan=lap, by=tkksd, judul="Ubah")


@pytest.mark.django_db
def test_naskah_asli_dan_salinan_sekjen(berjalan, pengguna):
    with time_machine.travel(wib(2026, 9, 20, 9), tick=False):
        with pytest.raises(ValidationError, match="paling sedikit satu tanggal"):
            jalan(berjalan, "catat_naskah_asli_salinan", pengguna["tkksd"])
        salinan = unggah(berjalan, pengguna["tkksd"], "naskah", "Salinan Sekjen")
        jalan(berjalan, "catat_naskah_asli_salinan", pengguna["tkksd"], tanggal_naskah_asli_dikirim="2026-08-20",
              tanggal_salinan_sekjen="2026-09-18", dokumen_salinan=salinan.pk)
    kasus = muat(berjalan)
    assert (kasus.tahap, kasus.tanggal_naskah_asli_dikirim, kasus.tanggal_salinan_sekjen) == (
        "pelaksanaan", D(2026, 8, 20), D(2026, 9, 18))


@pytest.mark.django_db
@pytest.mark.parametrize("alasan", ["kesepakatan", "tujuan_tercapai", "diganti"])
def test_pengakhiran_dengan_alasan_pasal_79(berjalan, pengguna, alasan):
    with time_machine.travel(wib(2028, 1, 10, 9), tick=False):
        with pytest.raises(ValidationError) as exc:
            jalan(berjalan, "akhiri", pengguna["tkksd"], tanggal_selesai="2028-01-10", komentar="x",
                  alasan_pengakhiran="masa_berlaku")  # that one is the system's, at the end of the term
        assert "alasan_pengakhiran" in exc.value.message_dict
        jalan(berjalan, "akhiri", pengguna["tkksd"], tanggal_selesai="2028-01-10", alasan_pengakhiran=alasan,
              komentar="Sesuai berita acara para pihak.")
    kasus = muat(berjalan)
    assert (kasus.tahap, kasus.alasan_pengakhiran) == ("selesai", alasan)
    assert kasus.alasan_selesai.endswith(")") and "Pasal 79" in kasus.alasan_selesai


@pytest.mark.django_db
def test_ps72_ayat3_rencana_tahunan_berdasarkan_rencana_kerja_sama(berjalan, pengguna, klien):
    """Ps 72(3): the annual plan is based on the Rencana Kerja Sama: its page shows the Rencana's parts, and
    without a recorded Rencana no annual plan is drawn up."""
    pd = pengguna["pd_dishub"]
    halaman = klien(pd).get(f"/ksdln/{berjalan.pk}/rencana-tahunan/").content.decode()
    assert 'data-testid="dasar-rencana"' in halaman and "Pasal 72 ayat (3)" in halaman
    assert muat(berjalan).bagian_rencana[0][1] in halaman
    KasusKsdln.objects.filter(pk=berjalan.pk).update(rencana={})
    with time_machine.travel(wib(2026, 9, 5, 9), tick=False), pytest.raises(ValidationError, match="Pasal 72 ayat .3."):
        rencana(muat(berjalan), pd)
