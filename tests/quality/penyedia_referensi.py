"""Permission-matrix providers for the reference-data pages and the saved registry filters (issue 14).

Written out by hand: the Sekretariat TKKSD alone writes reference data; the roles that see every case (Ketua, Wali
Kota, auditor) read it; everybody else is refused with 403 (the pages exist for everyone: nothing to hide). A saved
filter belongs to its owner: for anyone else it does not exist (404). Every refused write is checked to have
written nothing (no record, no audit row)."""

from __future__ import annotations

from .matriks import MELIHAT_SEMUA, SEMUA, Dunia, Permintaan, penyedia

TKKSD = {"tkksd"}


def _tanpa_tulisan(model, sebelum: int):
    """A check after each request: a refused user changed nothing (no new row of `model`, no audit row)."""
    from kerjasama.models import RiwayatAudit

    def periksa(username, response):
        if response.status_code in (403, 404):
            if model.objects.count() != sebelum:
                return "PENULISAN TANPA WEWENANG (jumlah data berubah)"
            if RiwayatAudit.objects.filter(aksi__startswith="referensi_").exists():
                return "PENULISAN TANPA WEWENANG (baris audit)"
        return None

    return periksa


def _contoh():
    """One record per kind that nothing uses (may be changed and deleted) and the valid form data for it."""
    import datetime

    from kerjasama.models import HariLibur, Mitra, PerangkatDaerah, Wilayah

    prov = Wilayah.objects.create(kode="99", nama="Provinsi Matriks", tingkat="provinsi")
    return {
        "mitra": (Mitra, Mitra.objects.create(nama="PT Matriks", jenis="pihak_ketiga"),
                  {"nama": "PT Matriks Baru", "jenis": "pihak_ketiga", "negara": "ID"}),
        "wilayah": (Wilayah, Wilayah.objects.create(kode="99.01", nama="Kab. Matriks", tingkat="kabupaten", induk=prov),
                    {"kode": "99.02", "nama": "Kota Matriks", "tingkat": "kota", "induk": prov.pk}),
        "perangkat-daerah": (PerangkatDaerah, PerangkatDaerah.objects.create(kode="PDX", nama="Dinas Matriks"),
                             {"kode": "PDY", "nama": "Badan Matriks", "aktif": "on"}),
        "hari-libur": (HariLibur, HariLibur.objects.create(tanggal=datetime.date(2031, 3, 3), nama="Libur matriks"),
                       {"tanggal": "04-03-2031", "nama": "Cuti matriks"}),
    }


@penyedia("kerjasama:referensi_daftar")
def referensi_daftar(dunia: Dunia):
    return [Permintaan({"jenis": j}, melihat=SEMUA, berwenang=MELIHAT_SEMUA) for j in _contoh()]


@penyedia("kerjasama:referensi_baru")
def referensi_baru(dunia: Dunia):
    hasil = []
    for j, (model, _obj, data) in _contoh().items():
        hasil.append(Permintaan({"jenis": j}, melihat=SEMUA, berwenang=TKKSD, keterangan=f"formulir {j}"))
        hasil.append(Permintaan({"jenis": j}, melihat=SEMUA, berwenang=TKKSD, metode="post", data=data,
                                berhasil=(302,), keterangan=f"tambah {j}", periksa=_tanpa_tulisan(model, model.objects.count())))
    return hasil


@penyedia("kerjasama:referensi_ubah")
def referensi_ubah(dunia: Dunia):
    hasil = []
    for j, (model, obj, data) in _contoh().items():
        hasil.append(Permintaan({"jenis": j, "pk": obj.pk}, melihat=SEMUA, berwenang=MELIHAT_SEMUA, keterangan=f"lihat {j}"))
        hasil.append(Permintaan({"jenis": j, "pk": obj.pk}, melihat=SEMUA, berwenang=TKKSD, metode="post", data=data,
                                berhasil=(302,), keterangan=f"ubah {j}", periksa=_tanpa_tulisan(model, model.objects.count())))
    # a partner in use (Kota Bogor, on Dishub's case) is read and changed the same way
    hasil.append(Permintaan({"jenis": "mitra", "pk": dunia.mitra_bogor.pk}, melihat=SEMUA, berwenang=MELIHAT_SEMUA,
                            keterangan="mitra dipakai"))
    return hasil


@penyedia("kerjasama:referensi_hapus")
def referensi_hapus(dunia: Dunia):
    from kerjasama.models import PerangkatDaerah

    hasil = []
    for j, (model, obj, _data) in _contoh().items():
        jumlah = model.objects.count()

        def periksa(username, response, model=model, obj=obj, sebelum=jumlah):
            ada = model.objects.filter(pk=obj.pk).exists()
            if username == "tkksd" and ada:
                return "data yang tidak dipakai tidak terhapus"
            if username != "tkksd" and not ada:
                return "PENGHAPUSAN TANPA WEWENANG"
            return _tanpa_tulisan(model, sebelum)(username, response)

        hasil.append(Permintaan({"jenis": j, "pk": obj.pk}, melihat=SEMUA, berwenang=TKKSD, metode="post",
                                data={"alasan": "Uji matriks."}, berhasil=(302,), keterangan=f"hapus {j}", periksa=periksa))

    # A PD in use is never deleted, not even by the Sekretariat (it is deactivated instead).
    def tetap_ada(username, response):
        return None if PerangkatDaerah.objects.filter(pk=dunia.pd_dishub.pk).exists() else "PD yang dipakai terhapus"

    hasil.append(Permintaan({"jenis": "perangkat-daerah", "pk": dunia.pd_dishub.pk}, melihat=SEMUA, berwenang=TKKSD,
                            metode="post", data={}, berhasil=(302,), keterangan="PD dipakai", periksa=tetap_ada))
    return hasil


def _filter_milik():
    from kerjasama.models import FilterRegistriTersimpan, Pengguna

    return [(FilterRegistriTersimpan.objects.create(pengguna=Pengguna.objects.get(username=u), nama=f"Filter {u}",
                                                    query="jenis=KSDD"), u)
            for u in ("tkksd", "pd_dishub")]


@penyedia("kerjasama:filter_terapkan")
def filter_terapkan(dunia: Dunia):
    # A saved filter is its owner's: for anyone else it does not exist.
    return [Permintaan({"pk": f.pk}, melihat={u}, berwenang={u}, berhasil=(302,)) for f, u in _filter_milik()]


@penyedia("kerjasama:filter_hapus")
def filter_hapus(dunia: Dunia):
    from kerjasama.models import FilterRegistriTersimpan

    hasil = []
    for f, u in _filter_milik():
        def periksa(username, response, f=f, u=u):
            ada = FilterRegistriTersimpan.objects.filter(pk=f.pk).exists()
            if username == u and ada:
                return "filter pemiliknya tidak terhapus"
            if username != u and not ada:
                return "FILTER ORANG LAIN TERHAPUS"
            return None

        hasil.append(Permintaan({"pk": f.pk}, melihat={u}, berwenang={u}, metode="post", berhasil=(302,), periksa=periksa))
    return hasil
