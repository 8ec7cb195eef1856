"""The KSDPL/KSDLL pages: 404 for an invisible case, 403 for a visible one the user may not act on,
400 with the message on the form, 409 for the wrong stage; and the case-page panel with the Pasal."""

import datetime

import pytest
import time_machine

from kerjasama.models import Tenggat
from ksdln.models import KasusKsdln
from tests.ksdln.conftest import wib
from tests.ksdln.factories import muat, unggah

D = datetime.date


@pytest.mark.django_db
def test_daftar_dan_baru(buat, pengguna, klien, pd_lain):
    kasus = buat()
    lain = buat(perangkat_daerah=pd_lain, judul="Milik Disbudpar")
    r = klien(pengguna["pd_dishub"]).get("/ksdln/")
    assert r.status_code == 200 and kasus.nomor in r.content.decode() and lain.nomor not in r.content.decode()
    assert "Catat prakarsa baru" not in r.content.decode()
    assert klien(pengguna["pd_dishub"]).get("/ksdln/baru/").status_code == 403
    r = klien(pengguna["tkksd"]).get("/ksdln/")
    assert lain.nomor in r.content.decode() and "Catat prakarsa baru" in r.content.decode()


@pytest.mark.django_db
def test_form_prakarsa_baru(pengguna, klien, pd_dishub, ham):
    c = klien(pengguna["tkksd"])
    r = c.get("/ksdln/baru/")
    assert r.status_code == 200 and "Pasal 58 ayat (3)" in r.content.decode()
    data = {"jenis": "KSDPL", "bentuk": "kota_kembar", "judul": "Kota kembar uji", "perangkat_daerah": pd_dishub.pk,
            "sumber_prakarsa": "daerah", "mitra": ham.pk, "objek": ["budaya"]}
    r = c.post("/ksdln/baru/", data)
    assert r.status_code == 400 and "Pasal 58 ayat (3)" in r.content.decode()
    r = c.post("/ksdln/baru/", {**data, "sumber_prakarsa": "mitra"})
    kasus = KasusKsdln.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/kerjasama/{kasus.pk}/"
    assert kasus.persyaratan.count() == 8


@pytest.mark.django_db
def test_form_prakarsa_daerah_dari_item_pemetaan(pengguna, klien, pd_dishub, ham):
    from tests.pemetaan.factories import (
        ItemRencanaFactory,
        ItemUsulanFactory,
        RekomendasiFactory,
        SiklusFactory,
    )

    siklus = SiklusFactory(ditetapkan=True)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True)
    item = ItemRencanaFactory(item_usulan=ItemUsulanFactory(rekomendasi=rek, jenis_usulan="KSDLL", kegiatan="Air bersih"),
                              peringkat=1)
    c = klien(pengguna["tkksd"])
    assert "Air bersih" in c.get("/ksdln/baru/").content.decode()
    r = c.post("/ksdln/baru/", {"jenis": "KSDLL", "bentuk": "lainnya", "judul": "Air bersih kota",
                                "perangkat_daerah": pd_dishub.pk, "sumber_prakarsa": "daerah", "item_pemetaan": item.pk,
                                "objek": ["lainnya"], "objek_lainnya": "Air bersih"})
    assert r.status_code == 302
    item.refresh_from_db()
    kasus = KasusKsdln.objects.get(pk=item.kerjasama_id)
    assert (kasus.jenis, kasus.judul, kasus.objek_lainnya, kasus.sumber_prakarsa) == (
        "KSDLL", "Air bersih kota", "Air bersih", "daerah")


@pytest.mark.django_db
def test_panel_kasus_menampilkan_jam_dprd_dan_pasal(buat, pengguna, klien):
    with time_machine.travel(wib(2026, 3, 2, 10), tick=False):
        kasus = buat(persetujuan_dprd=True)
        from tests.ksdln.factories import jalan

        jalan(kasus, "catat_penerimaan_dprd", pengguna["dprd"], tanggal_diterima_dprd="2026-03-02")
        r = klien(pengguna["tkksd"]).get(f"/kerjasama/{kasus.pk}/")
    html = r.content.decode()
    assert r.status_code == 200 and 'data-testid="panel-ksdln"' in html
    assert "Pasal 64–65" in html and "16-04-2026 23:59" in html and "Persetujuan DPRD" in html
    # the DPRD sees its step, the Sekretariat does not
    assert 'data-transisi="setujui_dprd"' not in html
    with time_machine.travel(wib(2026, 3, 3, 10), tick=False):
        html = klien(pengguna["dprd"]).get(f"/kerjasama/{kasus.pk}/").content.decode()
    assert 'data-transisi="setujui_dprd"' in html and 'data-transisi="tolak_dprd"' in html


@pytest.mark.django_db
def test_langkah_lewat_form_generik(buat, pengguna, klien):
    kasus = buat(persetujuan_dprd=True)
    c = klien(pengguna["dprd"])
    url = f"/kerjasama/{kasus.pk}/transisi/catat_penerimaan_dprd/"
    r = c.get(url)
    assert r.status_code == 200 and "Pasal 65 ayat (2)" in r.content.decode()
    besok = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    r = c.post(url, {"tanggal_diterima_dprd": besok, "_tahap": "persetujuan_dprd"})
    assert r.status_code == 400 and "masa depan" in r.content.decode()
    r = c.post(url, {"tanggal_diterima_dprd": kasus.tanggal_permohonan_dprd.isoformat(), "_tahap": "persetujuan_dprd"})
    assert r.status_code == 302
    assert muat(kasus).tanggal_diterima_dprd == kasus.tanggal_permohonan_dprd
    assert Tenggat.objects.filter(kerjasama=kasus, aturan="dprd_45_hari", status="terbuka").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("username", "status"), [("tkksd", 302), ("pd_dishub", 403), ("pd_disbudpar", 404),
                                                  ("auditor", 403)])
def test_halaman_persyaratan_hak_akses(buat, pengguna, klien, username, status):
    kasus = buat()
    p = kasus.persyaratan.get(kode="hubungan_diplomatik")
    c = klien(pengguna[username])
    assert c.get(f"/ksdln/{kasus.pk}/persyaratan/").status_code == (404 if status == 404 else 200)
    r = c.post(f"/ksdln/{kasus.pk}/persyaratan/", {"persyaratan": p.pk, "terpenuhi": "ya", "catatan": "Ada."})
    assert r.status_code == status
    p.refresh_from_db()
    assert p.terpenuhi == (status == 302)


@pytest.mark.django_db
def test_halaman_persyaratan_tanpa_bukti_400(buat, pengguna, klien):
    kasus = buat()
    p = kasus.persyaratan.first()
    r = klien(pengguna["tkksd"]).post(f"/ksdln/{kasus.pk}/persyaratan/", {"persyaratan": p.pk, "terpenuhi": "ya"})
    assert r.status_code == 400 and "Sertakan bukti" in r.content.decode()


@pytest.mark.django_db
def test_halaman_penjajakan_409_di_luar_tahap_dan_catat(buat, pengguna, klien):
    kasus = buat()
    c = klien(pengguna["pd_dishub"])
    data = {"cara": "komunikasi", "tanggal": "2026-01-05", "catatan": "Surat elektronik."}
    assert c.post(f"/ksdln/{kasus.pk}/penjajakan/", data).status_code == 409
    kasus = buat(penjajakan=True)
    assert c.post(f"/ksdln/{kasus.pk}/penjajakan/", data).status_code == 302
    assert "Surat elektronik." in c.get(f"/ksdln/{kasus.pk}/penjajakan/").content.decode()


@pytest.mark.django_db
def test_halaman_pelaksanaan(buat, pengguna, klien):
    kasus = buat(pelaksanaan=True)
    tahun = kasus.tanggal_mulai.year
    c = klien(pengguna["pd_dishub"])
    r = c.post(f"/ksdln/{kasus.pk}/rencana-tahunan/", {"_form": "rencana", "tahun": tahun, "peran_para_pihak": "A",
                                                        "hasil_diharapkan": "B", "rencana_pembiayaan": "C"})
    assert r.status_code == 302
    rkt = kasus.rencana_tahunan.get()
    r = c.post(f"/ksdln/{kasus.pk}/rencana-tahunan/", {"_form": "kegiatan", "rencana": rkt.pk, "uraian": "Lokakarya",
                                                        "status": "direncanakan", "anggaran": "1000000"})
    assert r.status_code == 302 and rkt.kegiatan.get().uraian == "Lokakarya"
    assert "Lokakarya" in c.get(f"/ksdln/{kasus.pk}/rencana-tahunan/").content.decode()
    # disputes: the Sekretariat only (the test client is shared: each klien() logs in again)
    assert c.post(f"/ksdln/{kasus.pk}/perselisihan/", {"_form": "baru", "uraian": "x",
                                                       "tanggal_mulai": kasus.tanggal_mulai.isoformat()}).status_code == 403
    t = klien(pengguna["tkksd"])
    assert "is-invalid" not in t.get(f"/ksdln/{kasus.pk}/perselisihan/").content.decode()
    assert t.post(f"/ksdln/{kasus.pk}/perselisihan/", {"_form": "baru", "uraian": "Beda tafsir.",
                                                       "tanggal_mulai": kasus.tanggal_mulai.isoformat()}).status_code == 302
    p = kasus.perselisihan.get()
    r = t.post(f"/ksdln/{kasus.pk}/perselisihan/", {"_form": "selesai", "perselisihan": p.pk, "hasil": "Sepakat.",
                                                    "tanggal_selesai": kasus.tanggal_mulai.isoformat()})
    assert r.status_code == 400 and "catat dahulu langkah" in r.content.decode()
    r = t.post(f"/ksdln/{kasus.pk}/perselisihan/", {"_form": "langkah", "perselisihan": p.pk, "jenis": "negosiasi",
                                                    "tanggal": kasus.tanggal_mulai.isoformat(), "uraian": "Rapat.",
                                                    "berhasil": "ya"})
    assert r.status_code == 302 and p.langkah.count() == 1


@pytest.mark.django_db
def test_halaman_laporan_tahunan(buat, pengguna, klien):
    kasus = buat(pelaksanaan=True)
    lap = kasus.laporan_tahunan.get()
    url = f"/ksdln/{kasus.pk}/laporan/{lap.tahun}/"
    # (the test client is shared: log in again before each user's requests)
    pd = klien(pengguna["pd_dishub"])
    html = pd.get(url).content.decode()
    # opened with the parts the case already knows, and no error shown on a fresh page
    assert "Pasal 81 ayat (1)" in html and "Laporan Pelaksanaan KSDPL" in html and "is-invalid" not in html
    assert pd.post(url, {"_form": "isi"}).status_code == 302
    lap.refresh_from_db()
    assert lap.judul.startswith("Laporan Pelaksanaan KSDPL")
    isi = {kode: f"Isi {kode}" for kode in ("judul", "latar_belakang", "maksud_tujuan_sasaran", "ruang_lingkup",
                                            "perkembangan_hasil", "penerima_manfaat", "pendanaan", "hambatan_tantangan",
                                            "analisis_tindak_lanjut")}
    assert pd.post(url, {"_form": "ubah", **isi}).status_code == 302
    assert pd.post(url, {"_form": "pdf"}).status_code == 302
    assert pd.post(url, {"_form": "kirim", "tanggal_dikirim": datetime.date.today().isoformat()}).status_code == 403
    tkksd = klien(pengguna["tkksd"])
    assert tkksd.post(url, {"_form": "kirim", "tanggal_dikirim": datetime.date.today().isoformat()}).status_code == 302
    lap.refresh_from_db()
    assert lap.status == "dikirim" and lap.penerima_manfaat == "Isi penerima_manfaat"
    assert klien(pengguna["pd_disbudpar"]).get(url).status_code == 404


@pytest.mark.django_db
def test_surat_langsung_ke_menteri_dari_panel(buat, pengguna, klien):
    with time_machine.travel(wib(2026, 3, 11, 9), tick=False) as t:
        kasus = buat(verifikasi=True)
        from tests.ksdln.factories import jalan

        jalan(kasus, "kirim_verifikasi_gubernur", pengguna["tkksd"], tanggal_dikirim_gubernur="2026-03-11")
        c = klien(pengguna["walikota"])
        r = c.post(f"/ksdln/{kasus.pk}/surat-menteri/")
        assert r.status_code == 409 and "16-03-2026 23:59" in r.content.decode()
        t.move_to(wib(2026, 3, 17, 8))
        assert 'data-testid="jalur-langsung"' in c.get(f"/kerjasama/{kasus.pk}/").content.decode()
        assert c.post(f"/ksdln/{kasus.pk}/surat-menteri/").status_code == 302
        assert klien(pengguna["pd_dishub"]).post(f"/ksdln/{kasus.pk}/surat-menteri/").status_code == 403
    assert muat(kasus).dokumen.get(judul__startswith="Surat langsung kepada Menteri").versi.count() == 1


@pytest.mark.django_db
def test_surat_perpanjangan_dan_ubah_prakarsa(buat, pengguna, klien):
    kasus = buat(pelaksanaan=True)
    assert klien(pengguna["tkksd"]).post(f"/ksdln/{kasus.pk}/surat-perpanjangan/").status_code == 302
    dok = muat(kasus).dokumen.get(judul="Surat permohonan perpanjangan kepada Menteri")
    assert dok.versi.get().tipe_konten == "application/pdf"
    assert klien(pengguna["pd_dishub"]).post(f"/ksdln/{kasus.pk}/surat-perpanjangan/").status_code == 403
    baru = buat()
    c = klien(pengguna["tkksd"])
    assert c.get(f"/ksdln/{baru.pk}/ubah/").status_code == 200
    r = c.post(f"/ksdln/{baru.pk}/ubah/", {"judul": "Judul baru", "bentuk": "kota_kembar", "mitra": baru.mitra_id,
                                           "objek": ["budaya", "iptek"]})
    assert r.status_code == 302 and muat(baru).judul == "Judul baru"
    r = c.post(f"/ksdln/{kasus.pk}/ubah/", {"judul": "X", "bentuk": "kota_kembar", "objek": ["budaya"]})
    assert r.status_code == 409


@pytest.mark.django_db
def test_izin_hanya_untuk_nonprofit(pengguna, klien, pd_dishub, nonprofit):
    from tests.ksdln.factories import KasusKsdlnFactory

    kasus = KasusKsdlnFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=nonprofit, jenis="KSDLL",
                              bentuk="penerusan", jenis_lembaga="nonprofit", sumber_prakarsa="melalui_menteri")
    dok = unggah(kasus, pengguna["tkksd"], "lainnya", "Izin prinsip")
    r = klien(pengguna["tkksd"]).post(f"/ksdln/{kasus.pk}/izin/", {"jenis": "izin_prinsip", "nomor": "IP-9",
                                                                    "tanggal": "2025-05-05", "penerbit": "Kemlu",
                                                                    "dokumen": dok.pk})
    assert r.status_code == 302 and kasus.izin_lembaga.get().dokumen == dok
    html = klien(pengguna["tkksd"]).get(f"/kerjasama/{kasus.pk}/").content.decode()
    assert "Izin lembaga" in html and "Pasal 64 ayat (1)" in html  # no DPRD for a forwarding KSDLL
