"""Every write of the mapping (CONVENTIONS "Writes go through services").

Each function is atomic, locks what it changes, checks who acts (403), where the record stands
(409: `TransisiTidakTersedia`/`KonflikTransisi`) and the fields (400: ValidationError, in
Indonesian), and writes an audit row (kerjasama=None, objek=<the record>). Notifications go out
after the commit (kerjasama.services.notifikasi_kirim).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from django_fsm import ConcurrentTransition

from kerjasama import alur as alur_inti
from kerjasama import kalender
from kerjasama.constants import Asal, JenisDokumen, Peran
from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.models import Dokumen, KerjaSama, Mitra, Pengguna, PerangkatDaerah
from kerjasama.services import (
    audit_catat,
    dokumen_hasilkan,
    dokumen_unggah,
    dokumen_validasi_berkas,
    notifikasi_kirim,
    pengguna_peran,
    tenggat_mulai,
    tenggat_penuhi,
)
from kerjasama.validators import validasi_tidak_di_masa_depan

from .constants import (
    ATURAN_EVALUASI,
    ATURAN_PENGUMPULAN_DATA,
    JUDUL_BERITA_ACARA,
    JUDUL_RANCANGAN_KEPUTUSAN,
    JUDUL_SURAT_PERMINTAAN,
    TAHAP_DAFTAR_DITETAPKAN,
    TAHAP_REKOMENDASI_DAPAT_DIUBAH,
    TahapRekomendasi,
    TahapSiklus,
)
from .models import (
    BAGIAN_REKOMENDASI,
    PESAN_SIKLUS_TUTUP,
    AnggotaTimPemetaan,
    EvaluasiPemetaan,
    ItemRencana,
    ItemUsulan,
    KehadiranPleno,
    Rekomendasi,
    SiklusPemetaan,
    TimPemetaan,
    validasi_susunan_tim,
)
from .permissions import adalah_pd, adalah_pd_dari, dapat_mengelola_pleno

PERWAL = "Perwal 57/2023"


def _dasar(pasal: str) -> str:
    return f"{PERWAL} {pasal}" if pasal else ""


def _kunci(obj):
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _tautan(obj) -> str:
    if isinstance(obj, Rekomendasi):
        return f"/pemetaan/rekomendasi/{obj.pk}/"
    return f"/pemetaan/siklus/{obj.pk}/"


def _pengguna_pd(perangkat_daerah_id) -> list[Pengguna]:
    return list(Pengguna.objects.filter(is_active=True, groups__name=Peran.PD,
                                        perangkat_daerah_id=perangkat_daerah_id).distinct())


# ---------------------------------------------------------------------------------------------
# Stage machines (cycle and recommendation): one runner, the same guarantees as a case's
# ---------------------------------------------------------------------------------------------

_SETELAH: dict[tuple[type, str], list[Callable]] = {}


def _setelah(model: type, nama: str):
    """A side effect of a step, run in the step's transaction after the record is saved."""

    def decorator(fn):
        _SETELAH.setdefault((model, nama), []).append(fn)
        return fn

    return decorator


def transisi_cari(obj, nama: str):
    for t in obj.get_all_tahap_transitions():
        if t.name == nama and t.source in (obj.tahap, "*", "+"):
            return t
    return None


def _ditawarkan(t) -> bool:
    return not (t.custom.get("sistem") or t.custom.get("melalui_siklus"))


def transisi_tersedia(obj, user) -> list:
    """The steps `user` may take now on a cycle or a recommendation (UI and API alike)."""
    return [t for t in obj.get_available_user_tahap_transitions(user) if _ditawarkan(t)]


def _jalankan_langkah(obj, t, *, by, cleaned: dict):
    dari = obj.tahap
    getattr(obj, t.name)(by=by, data=cleaned)  # may raise ValidationError: everything rolls back
    obj.tahap_sejak = timezone.now()
    obj.full_clean(exclude=["tahap"])
    obj.save()
    isian = {k: v for k, v in cleaned.items() if k != "komentar"}
    audit_catat(
        objek=obj, kerjasama=None, aksi=t.name, oleh=by, dari_tahap=dari, ke_tahap=obj.tahap,
        komentar=cleaned.get("komentar", ""), dasar_hukum=_dasar(t.custom.get("pasal", "")),
        data={"label": str(t.custom.get("label", t.name)), "isian": alur_inti.nilai_json(isian)},
    )
    for efek in _SETELAH.get((type(obj), t.name), []):
        efek(obj=obj, by=by, data=cleaned, dari=dari)
    return obj


def _transisi_jalankan(*, obj, nama: str, by, data: dict | None, tahap_diharapkan: str | None):
    data = dict(data or {})
    tahap_diharapkan = tahap_diharapkan or obj.tahap
    try:
        with transaction.atomic():
            terkunci = _kunci(obj)
            if terkunci.tahap != tahap_diharapkan:
                raise KonflikTransisi(
                    f"Data ini sudah berpindah ke tahap \u201c{terkunci.get_tahap_display()}\u201d sementara itu. "
                    "Muat ulang halaman."
                )
            t = transisi_cari(terkunci, nama)
            if t is None or not _ditawarkan(t):
                raise TransisiTidakTersedia(
                    f"Langkah \u201c{nama}\u201d tidak tersedia pada tahap \u201c{terkunci.get_tahap_display()}\u201d."
                )
            if not t.has_perm(terkunci, by):
                raise PermissionDenied("Anda tidak berwenang mengambil langkah ini.")
            if not getattr(terkunci, nama)._django_fsm.conditions_met(terkunci, terkunci.tahap):
                raise TransisiTidakTersedia(
                    t.custom.get("pesan_syarat")
                    or f"Syarat langkah \u201c{t.custom.get('label', nama)}\u201d belum terpenuhi."
                )
            form = alur_inti.buat_form(alur_inti.isian_transisi(t), kasus=None, data=data)
            if not form.is_valid():
                raise ValidationError({k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()})
            return _jalankan_langkah(terkunci, t, by=by, cleaned=dict(form.cleaned_data))
    except ConcurrentTransition as exc:
        raise KonflikTransisi("Data ini diubah oleh pengguna lain sementara itu. Muat ulang halaman.") from exc


def siklus_transisi(*, siklus: SiklusPemetaan, nama: str, by, data: dict | None = None,
                    tahap_diharapkan: str | None = None) -> SiklusPemetaan:
    """Take step `nama` of a cycle (mulai_pleno, catat_berita_acara, ajukan_ke_wali_kota, tetapkan, evaluasi)."""
    return _transisi_jalankan(obj=siklus, nama=nama, by=by, data=data, tahap_diharapkan=tahap_diharapkan)


def rekomendasi_transisi(*, rekomendasi: Rekomendasi, nama: str, by, data: dict | None = None,
                         tahap_diharapkan: str | None = None) -> Rekomendasi:
    """Take step `nama` of a recommendation (ajukan, ajukan_ulang, kembalikan, terima)."""
    return _transisi_jalankan(obj=rekomendasi, nama=nama, by=by, data=data, tahap_diharapkan=tahap_diharapkan)


def rekomendasi_submit(*, rekomendasi: Rekomendasi, by) -> Rekomendasi:
    """Ps 13(2): submit (or resubmit after a return) to the TKKSD."""
    nama = "ajukan_ulang" if rekomendasi.tahap == TahapRekomendasi.DIKEMBALIKAN else "ajukan"
    return rekomendasi_transisi(rekomendasi=rekomendasi, nama=nama, by=by)


# ---------------------------------------------------------------------------------------------
# Opening the cycle (Ps 11)
# ---------------------------------------------------------------------------------------------


def siklus_buka(*, by, tahun: int, batas_pengumpulan: datetime.date, nomor_surat_permintaan: str = "",
                keterangan: str = "") -> SiklusPemetaan:
    """Perwal 57/2023 Ps 11(1): the TKKSD opens the year's cycle and asks every PD for its data
    and recommendation by a due date; each PD is notified and the due date is a deadline."""
    if not (by and by.is_authenticated and by.punya_peran(Peran.SEKRETARIAT_TKKSD)):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat membuka siklus pemetaan (Pasal 11 ayat (1)).")
    hari_ini = timezone.localdate()
    galat = {}
    if SiklusPemetaan.objects.filter(tahun=tahun).exists():
        galat["tahun"] = f"Siklus pemetaan tahun {tahun} sudah dibuka."
    if batas_pengumpulan <= hari_ini:
        galat["batas_pengumpulan"] = "Batas penyampaian data harus setelah hari ini."
    if galat:
        raise ValidationError(galat)
    with transaction.atomic():
        siklus = SiklusPemetaan(
            tahun=tahun, tahap=TahapSiklus.PENGUMPULAN_DATA, tanggal_dibuka=hari_ini,
            batas_pengumpulan=batas_pengumpulan, nomor_surat_permintaan=nomor_surat_permintaan,
            keterangan=keterangan, dibuat_oleh=by,
        )
        siklus.full_clean(exclude=["tahap"])
        siklus.save()
        audit_catat(objek=siklus, aksi="dibuka", oleh=by, ke_tahap=siklus.tahap,
                    dasar_hukum=_dasar("Pasal 11 ayat (1)"),
                    komentar=f"Siklus pemetaan {tahun} dibuka; batas penyampaian {batas_pengumpulan:%d-%m-%Y}.")
        tenggat_mulai(aturan=ATURAN_PENGUMPULAN_DATA, mulai=hari_ini, objek=siklus,
                      jatuh_tempo=kalender.akhir_hari(batas_pengumpulan),
                      judul=f"Batas penyampaian rekomendasi pemetaan {tahun}")
        _hasilkan_dokumen(siklus, by, "surat_permintaan")
        notifikasi_kirim(
            penerima=Pengguna.objects.filter(is_active=True, groups__name=Peran.PD, perangkat_daerah__aktif=True),
            judul=f"Permintaan data dan rekomendasi pemetaan kerja sama daerah {tahun}",
            pesan=(f"TKKSD meminta Perangkat Daerah menyampaikan data dan rekomendasi pemetaan paling lambat "
                   f"{batas_pengumpulan:%d-%m-%Y} (Perwal 57/2023 Pasal 11–13)."),
            tautan=_tautan(siklus),
        )
    return siklus


# --- input rows (forms and JSON alike) --------------------------------------------------------

BILANGAN_MAKS = 2**31 - 1


def _bilangan(nilai, nama: str, galat: list, baris: int) -> int | None:
    try:
        n = int(nilai)
    except (TypeError, ValueError, OverflowError):
        galat.append(f"Baris {baris}: {nama} harus berupa bilangan bulat.")
        return None
    if not 1 <= n <= BILANGAN_MAKS:
        galat.append(f"Baris {baris}: {nama} harus antara 1 dan {BILANGAN_MAKS}.")
        return None
    return n


def _teks(row: dict, nama: str) -> str:
    nilai = row.get(nama)
    return nilai.strip() if isinstance(nilai, str) else ("" if nilai is None else str(nilai).strip())


def _baris_dict(daftar, nama: str) -> list[dict]:
    if not isinstance(daftar, list) or not all(isinstance(row, dict) for row in daftar):
        raise ValidationError({nama: "Kirim daftar berisi objek (satu objek per baris)."})
    return daftar


# ---------------------------------------------------------------------------------------------
# Tim Pemetaan (Ps 10)
# ---------------------------------------------------------------------------------------------


def tim_pemetaan_tetapkan(*, by, perangkat_daerah: PerangkatDaerah, nomor_keputusan: str,
                          tanggal_keputusan: datetime.date, anggota: list[dict], berkas) -> TimPemetaan:
    """Perwal 57/2023 Ps 10: record the team a Keputusan Kepala PD set, with its document. The
    composition must be 1 ketua, 1 wakil ketua and at least 2 anggota; the new team replaces the
    PD's earlier one (kept, inactive)."""
    if not (adalah_pd_dari(by, perangkat_daerah.pk) or
            (by and by.is_authenticated and by.punya_peran(Peran.SEKRETARIAT_TKKSD))):
        raise PermissionDenied("Hanya Perangkat Daerah yang bersangkutan yang dapat mencatat Tim Pemetaannya.")
    galat: dict[str, list[str]] = {}
    if not (nomor_keputusan or "").strip():
        galat.setdefault("nomor_keputusan", []).append("Nomor Keputusan Kepala Perangkat Daerah wajib diisi.")
    if tanggal_keputusan is None:
        galat.setdefault("tanggal_keputusan", []).append("Tanggal Keputusan wajib diisi.")
    else:
        try:
            validasi_tidak_di_masa_depan(tanggal_keputusan)
        except ValidationError as exc:
            galat.setdefault("tanggal_keputusan", []).extend(exc.messages)
    if berkas is None:
        galat.setdefault("berkas", []).append("Unggah dokumen Keputusan Kepala Perangkat Daerah (Pasal 10 ayat (1)).")
    else:
        try:
            dokumen_validasi_berkas(berkas)
        except ValidationError as exc:
            galat.setdefault("berkas", []).extend(exc.messages)
    baris = []
    for i, row in enumerate(_baris_dict(anggota, "anggota"), start=1):
        a = AnggotaTimPemetaan(peran=_teks(row, "peran"), nama=_teks(row, "nama"), nip=_teks(row, "nip"),
                               jabatan=_teks(row, "jabatan"), urutan=i)
        try:
            a.full_clean(exclude=["tim"])
        except ValidationError as exc:
            for field, pesan in exc.message_dict.items():
                galat.setdefault("anggota", []).extend(f"Anggota {i}, {field}: {p}" for p in pesan)
        baris.append(a)
    try:
        validasi_susunan_tim([a.peran for a in baris])
    except ValidationError as exc:
        galat.setdefault("anggota", []).extend(exc.message_dict["anggota"])
    if galat:
        raise ValidationError(galat)

    with transaction.atomic():
        PerangkatDaerah.objects.select_for_update().get(pk=perangkat_daerah.pk)  # one team change at a time
        lama = list(TimPemetaan.objects.filter(perangkat_daerah=perangkat_daerah, aktif=True))
        TimPemetaan.objects.filter(pk__in=[t.pk for t in lama]).update(aktif=False)
        tim = TimPemetaan(perangkat_daerah=perangkat_daerah, nomor_keputusan=nomor_keputusan.strip(),
                          tanggal_keputusan=tanggal_keputusan, dibuat_oleh=by)
        tim.full_clean()
        tim.save()
        for a in baris:
            a.tim = tim
        AnggotaTimPemetaan.objects.bulk_create(baris)
        versi = dokumen_unggah(
            by=by, berkas=berkas, jenis=JenisDokumen.KEPUTUSAN, pemilik=tim,
            judul=f"Keputusan Kepala {perangkat_daerah} Nomor {tim.nomor_keputusan} tentang Tim Pemetaan",
        )
        tim.dokumen_keputusan = versi.dokumen
        tim.save(update_fields=["dokumen_keputusan"])
        audit_catat(
            objek=tim, aksi="tim_pemetaan_ditetapkan", oleh=by, dasar_hukum=_dasar("Pasal 10"),
            komentar=(f"Tim Pemetaan {perangkat_daerah} ditetapkan dengan Keputusan Nomor {tim.nomor_keputusan} "
                      f"tanggal {tanggal_keputusan:%d-%m-%Y}" + (" (menggantikan tim sebelumnya)." if lama else ".")),
            data={"anggota": [{"peran": a.peran, "nama": a.nama, "jabatan": a.jabatan} for a in baris],
                  "menggantikan": [t.pk for t in lama]},
        )
    return tim


# ---------------------------------------------------------------------------------------------
# The recommendation (Ps 12–13) and its data files (Ps 11)
# ---------------------------------------------------------------------------------------------

NAMA_BAGIAN = tuple(nama for nama, _label, _pasal in BAGIAN_REKOMENDASI)
FIELD_ITEM = ("urusan", "program", "kegiatan", "jenis_usulan", "calon_mitra", "mitra", "jangka_waktu_bulan",
              "ruang_lingkup")


def _item_dari_baris(row: dict, urutan: int) -> ItemUsulan:
    mitra = row.get("mitra") or None
    if mitra is not None and not isinstance(mitra, Mitra):
        ada = str(mitra).isdigit() and int(mitra) <= BILANGAN_MAKS
        mitra = Mitra.objects.filter(pk=int(mitra)).first() if ada else None
        if mitra is None:
            raise ValidationError({"mitra": "Mitra terdaftar tidak ditemukan."})
    jangka = row.get("jangka_waktu_bulan")
    try:
        jangka = int(jangka) if jangka not in (None, "") else None
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValidationError({"jangka_waktu_bulan": "Jangka waktu harus berupa bilangan bulat (bulan)."}) from exc
    return ItemUsulan(
        urutan=urutan, urusan=_teks(row, "urusan"), program=_teks(row, "program"), kegiatan=_teks(row, "kegiatan"),
        jenis_usulan=_teks(row, "jenis_usulan"), calon_mitra=_teks(row, "calon_mitra"), mitra=mitra,
        jangka_waktu_bulan=jangka, ruang_lingkup=_teks(row, "ruang_lingkup"),
    )


def rekomendasi_simpan(*, by, siklus: SiklusPemetaan, item: list[dict], rekomendasi: Rekomendasi | None = None,
                       **bagian: str) -> Rekomendasi:
    """Perwal 57/2023 Ps 12–13(1): a PD drafts (or, after a return, completes) its recommendation:
    the parts of Ps 12 and 13(1)b in `bagian`, the proposed items of Ps 13(1)a in `item` (the list
    replaces the earlier one). Saving a draft does not require every part; submitting does."""
    tidak_dikenal = set(bagian) - set(NAMA_BAGIAN)
    if tidak_dikenal:
        raise TypeError(f"Bagian rekomendasi tidak dikenal: {', '.join(sorted(tidak_dikenal))}")
    with transaction.atomic():
        s = _kunci(siklus)
        if s.tahap != TahapSiklus.PENGUMPULAN_DATA:
            raise TransisiTidakTersedia(PESAN_SIKLUS_TUTUP)
        if rekomendasi is None:
            if not adalah_pd(by):
                raise PermissionDenied("Rekomendasi disusun oleh Perangkat Daerah (Pasal 13 ayat (1)).")
            rekomendasi = Rekomendasi.objects.select_for_update().filter(
                siklus=s, perangkat_daerah_id=by.perangkat_daerah_id).first()
            baru = rekomendasi is None
            if baru:
                rekomendasi = Rekomendasi(siklus=s, perangkat_daerah_id=by.perangkat_daerah_id,
                                          tahap=TahapRekomendasi.DRAFT, dibuat_oleh=by)
        else:
            baru = False
            rekomendasi = _kunci(rekomendasi)
            if rekomendasi.siklus_id != s.pk:
                raise ValidationError("Rekomendasi ini bukan bagian dari siklus tersebut.")
            if not adalah_pd_dari(by, rekomendasi.perangkat_daerah_id):
                raise PermissionDenied("Hanya Perangkat Daerah penyusun yang dapat mengubah rekomendasi ini.")
        if not baru and rekomendasi.tahap not in TAHAP_REKOMENDASI_DAPAT_DIUBAH:
            raise TransisiTidakTersedia(
                f"Rekomendasi sedang pada tahap \u201c{rekomendasi.get_tahap_display()}\u201d dan tidak dapat diubah."
            )
        for nama, nilai in bagian.items():
            setattr(rekomendasi, nama, (nilai or "").strip())
        rekomendasi.full_clean(exclude=["tahap", "tim"])
        rekomendasi.save()

        galat = []
        baris = []
        for i, row in enumerate(_baris_dict(item, "item"), start=1):
            try:
                obj = _item_dari_baris(row, i)
                obj.full_clean(exclude=["rekomendasi"])
            except ValidationError as exc:
                pesan = exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]
                for field, daftar in pesan:
                    label = ItemUsulan._meta.get_field(field).verbose_name if field in FIELD_ITEM else field
                    galat.extend(f"Usulan {i}, {label}: {p}" for p in daftar)
                continue
            obj.rekomendasi = rekomendasi
            baris.append(obj)
        if galat:
            raise ValidationError({"item": galat})
        rekomendasi.item.all().delete()
        ItemUsulan.objects.bulk_create(baris)
        audit_catat(
            objek=rekomendasi, aksi="rekomendasi_dibuat" if baru else "rekomendasi_diubah", oleh=by,
            dasar_hukum=_dasar("Pasal 12–13 ayat (1)"),
            komentar=f"Rekomendasi {rekomendasi.perangkat_daerah} disimpan dengan {len(baris)} usulan.",
            data={"bagian": sorted(bagian), "jumlah_usulan": len(baris)},
        )
    return rekomendasi


def rekomendasi_dokumen_unggah(*, rekomendasi: Rekomendasi, by, berkas, judul: str = "",
                               jenis: str = JenisDokumen.LAINNYA, keterangan: str = ""):
    """Ps 11: the PD's supporting data files, attached while it may still edit its recommendation."""
    with transaction.atomic():
        r = _kunci(rekomendasi)
        if not adalah_pd_dari(by, r.perangkat_daerah_id):
            raise PermissionDenied("Hanya Perangkat Daerah penyusun yang dapat mengunggah data pendukung.")
        if not r.dapat_diubah:
            raise TransisiTidakTersedia(
                f"Rekomendasi sedang pada tahap \u201c{r.get_tahap_display()}\u201d; data pendukung tidak dapat ditambah."
            )
        return dokumen_unggah(by=by, berkas=berkas, jenis=jenis, judul=judul or "Data pendukung pemetaan",
                              pemilik=r, keterangan=keterangan)


# ---------------------------------------------------------------------------------------------
# The plenary (Ps 15–16): the ranked list and attendance
# ---------------------------------------------------------------------------------------------


def _siklus_pleno_terkunci(siklus: SiklusPemetaan, by) -> SiklusPemetaan:
    if not dapat_mengelola_pleno(by):
        raise PermissionDenied("Hanya TKKSD (Sekretariat atau Ketua) yang menyusun hasil rapat pleno.")
    s = _kunci(siklus)
    if s.tahap in TAHAP_DAFTAR_DITETAPKAN:
        raise TransisiTidakTersedia(
            "Daftar Rencana Program dan Kegiatan sudah ditetapkan dengan Keputusan Wali Kota dan dibekukan (Pasal 18)."
        )
    if s.tahap != TahapSiklus.PLENO:
        raise TransisiTidakTersedia(
            "Hasil rapat pleno hanya dapat disusun selama tahap rapat pleno (Pasal 15–16); "
            f"siklus ini pada tahap \u201c{s.get_tahap_display()}\u201d."
        )
    return s


def daftar_rencana_atur(*, siklus: SiklusPemetaan, by, pilihan: list[dict]) -> list[ItemRencana]:
    """Perwal 57/2023 Ps 15 huruf b–c and Ps 16(1): the TKKSD picks, from the proposed items of
    the complete recommendations, the items of the Daftar Rencana Program dan Kegiatan and ranks
    them (skala prioritas). `pilihan`: [{"item_usulan": id, "peringkat": n, "catatan": ""}]. The
    list replaces the earlier one; ranks keep their order and are numbered 1, 2, 3…"""
    with transaction.atomic():
        s = _siklus_pleno_terkunci(siklus, by)
        galat: list[str] = []
        rows = []
        for i, row in enumerate(_baris_dict(pilihan, "pilihan"), start=1):
            item_id = _bilangan(row.get("item_usulan"), "usulan", galat, i)
            peringkat = _bilangan(row.get("peringkat"), "peringkat", galat, i)
            catatan = _teks(row, "catatan")
            if len(catatan) > 300:
                galat.append(f"Baris {i}: catatan paling panjang 300 karakter.")
            rows.append((item_id, peringkat, catatan))
        ids = [r[0] for r in rows if r[0] is not None]
        peringkat_list = [r[1] for r in rows if r[1] is not None]
        if len(set(ids)) != len(ids):
            galat.append("Satu usulan hanya dapat dipilih sekali.")
        if len(set(peringkat_list)) != len(peringkat_list):
            galat.append("Setiap usulan yang dipilih harus memiliki peringkat yang berbeda (skala prioritas, Pasal 16 ayat (1) huruf b).")
        usulan = {
            u.pk: u for u in ItemUsulan.objects.select_related("rekomendasi").filter(
                pk__in=ids, rekomendasi__siklus=s, rekomendasi__tahap=TahapRekomendasi.DIBAHAS)
        }
        for item_id in ids:
            if item_id not in usulan:
                galat.append(f"Usulan #{item_id} bukan usulan dari rekomendasi yang dibahas dalam rapat pleno ini.")
        if galat:
            raise ValidationError({"pilihan": galat})
        s.daftar_rencana.all().delete()
        baru = []
        for nomor, (item_id, _peringkat, catatan) in enumerate(sorted(rows, key=lambda r: r[1]), start=1):
            u = usulan[item_id]
            baru.append(ItemRencana(
                siklus=s, item_usulan=u, perangkat_daerah_id=u.rekomendasi.perangkat_daerah_id, peringkat=nomor,
                catatan=catatan, **{f: getattr(u, f) for f in FIELD_ITEM},
            ))
        for obj in baru:
            obj.full_clean(exclude=["siklus", "item_usulan", "perangkat_daerah", "mitra"], validate_unique=False)
        ItemRencana.objects.bulk_create(baru)
        audit_catat(
            objek=s, aksi="daftar_rencana_disusun", oleh=by,
            dasar_hukum=_dasar("Pasal 15 huruf b–c, Pasal 16 ayat (1)"),
            komentar=f"Daftar Rencana Program dan Kegiatan disusun: {len(baru)} item berperingkat.",
            data={"daftar": [{"peringkat": o.peringkat, "item_usulan": o.item_usulan_id, "kegiatan": o.kegiatan}
                             for o in baru]},
        )
    return baru


def kehadiran_atur(*, siklus: SiklusPemetaan, by, daftar: list[dict]) -> list[KehadiranPleno]:
    """Ps 15–16: the attendance of the plenary, for its berita acara. Replaces the earlier list."""
    with transaction.atomic():
        s = _siklus_pleno_terkunci(siklus, by)
        galat, baris = [], []
        for i, row in enumerate(_baris_dict(daftar, "daftar"), start=1):
            k = KehadiranPleno(siklus=s, nama=_teks(row, "nama"), jabatan=_teks(row, "jabatan"),
                               unsur=_teks(row, "unsur"), urutan=i)
            try:
                k.full_clean(exclude=["siklus"])
            except ValidationError as exc:
                for field, pesan in exc.message_dict.items():
                    label = KehadiranPleno._meta.get_field(field).verbose_name
                    galat.extend(f"Baris {i}, {label}: {p}" for p in pesan)
            baris.append(k)
        if galat:
            raise ValidationError({"daftar": galat})
        s.kehadiran.all().delete()
        KehadiranPleno.objects.bulk_create(baris)
        audit_catat(objek=s, aksi="kehadiran_dicatat", oleh=by, dasar_hukum=_dasar("Pasal 15"),
                    komentar=f"Daftar hadir rapat pleno: {len(baris)} orang.",
                    data={"hadir": [{"nama": k.nama, "jabatan": k.jabatan, "unsur": k.unsur} for k in baris]})
    return baris


# ---------------------------------------------------------------------------------------------
# Documents of the cycle: request letter, berita acara, draft Keputusan (PDF)
# ---------------------------------------------------------------------------------------------

DOKUMEN_SIKLUS = {
    "surat_permintaan": ("pemetaan/dokumen/surat_permintaan.html", JenisDokumen.SURAT_KELUAR, JUDUL_SURAT_PERMINTAAN),
    "berita_acara": ("pemetaan/dokumen/berita_acara.html", JenisDokumen.BERITA_ACARA, JUDUL_BERITA_ACARA),
    "rancangan_keputusan": ("pemetaan/dokumen/rancangan_keputusan.html", JenisDokumen.KEPUTUSAN,
                            JUDUL_RANCANGAN_KEPUTUSAN),
}
# Stages in which staff may (re)generate each document by hand: after the Keputusan, the list and
# its documents are frozen (Ps 18).
TAHAP_DOKUMEN = {
    "surat_permintaan": (TahapSiklus.PENGUMPULAN_DATA,),
    "berita_acara": (TahapSiklus.PLENO, TahapSiklus.BERITA_ACARA, TahapSiklus.DIAJUKAN_KE_WALI_KOTA),
    "rancangan_keputusan": (TahapSiklus.PLENO, TahapSiklus.BERITA_ACARA, TahapSiklus.DIAJUKAN_KE_WALI_KOTA),
}


def konteks_dokumen(siklus: SiklusPemetaan) -> dict:
    from kerjasama.models import PerangkatDaerah as PD

    daftar = list(siklus.daftar_rencana.select_related("perangkat_daerah", "mitra").order_by("peringkat"))
    return {
        "siklus": siklus,
        "daftar": daftar,
        "kehadiran": list(siklus.kehadiran.all()),
        "rekomendasi": list(siklus.rekomendasi.filter(tahap=TahapRekomendasi.DIBAHAS).select_related("perangkat_daerah")),
        "perangkat_daerah": list(PD.objects.filter(aktif=True).order_by("nama")),
        "tanggal": timezone.localdate(),
    }


def _hasilkan_dokumen(siklus: SiklusPemetaan, by, jenis: str):
    template, jenis_dokumen, judul = DOKUMEN_SIKLUS[jenis]
    judul_lengkap = f"{judul} Tahun {siklus.tahun}"
    ada = Dokumen.objects.filter(
        pemilik_tipe=ContentType.objects.get_for_model(SiklusPemetaan), pemilik_id=siklus.pk, judul=judul_lengkap
    ).first()
    konteks = konteks_dokumen(siklus)
    if jenis == "rancangan_keputusan":
        # Ps 18: a Keputusan Wali Kota is his own: it carries the Wali Kota's letterhead (tte kop_naskah).
        konteks["penandatangan"] = {"jabatan": "WALI KOTA BEKASI"}
    return dokumen_hasilkan(by=by, template=template, context=konteks, jenis=jenis_dokumen,
                            judul=judul_lengkap, pemilik=siklus, dokumen=ada,
                            nama_berkas=f"{jenis.replace('_', '-')}-pemetaan-{siklus.tahun}.pdf")


def siklus_dokumen_hasilkan(*, siklus: SiklusPemetaan, by, jenis: str):
    """Generate again one of the cycle's documents (a new version; the old stays)."""
    if jenis not in DOKUMEN_SIKLUS:
        raise ValidationError({"jenis": "Jenis dokumen pemetaan tidak dikenal."})
    if not dapat_mengelola_pleno(by):
        raise PermissionDenied("Hanya TKKSD yang dapat menghasilkan dokumen pemetaan.")
    with transaction.atomic():
        s = _kunci(siklus)
        if s.tahap not in TAHAP_DOKUMEN[jenis]:
            raise TransisiTidakTersedia(
                f"Dokumen ini tidak dapat dihasilkan pada tahap \u201c{s.get_tahap_display()}\u201d"
                + (" (daftar sudah ditetapkan dan dibekukan, Pasal 18)." if s.tahap in TAHAP_DAFTAR_DITETAPKAN else ".")
            )
        return _hasilkan_dokumen(s, by, jenis)


def siklus_dokumen_unggah(*, siklus: SiklusPemetaan, by, berkas, jenis: str, judul: str = "", keterangan: str = ""):
    """Staff attach documents to the cycle: the signed Keputusan, a scanned attendance list, minutes."""
    if not (by and by.is_authenticated and by.punya_peran(*PERAN_UNGGAH_SIKLUS)):
        raise PermissionDenied("Anda tidak berwenang mengunggah dokumen pada siklus pemetaan.")
    with transaction.atomic():
        s = _kunci(siklus)
        return dokumen_unggah(by=by, berkas=berkas, jenis=jenis, judul=judul, pemilik=s, keterangan=keterangan)


PERAN_UNGGAH_SIKLUS = (Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD, Peran.WALI_KOTA)


# ---------------------------------------------------------------------------------------------
# Side effects of the steps
# ---------------------------------------------------------------------------------------------


def _beri_tahu_tahap(siklus: SiklusPemetaan, by) -> None:
    from .alur import info_tahap

    tahap = info_tahap(siklus.tahapan, siklus.tahap)
    peran = [p for p in tahap.pelaku if p in Peran.values and p != Peran.PD]
    penerima = [u for u in pengguna_peran(*peran) if u != by] if peran else []
    notifikasi_kirim(penerima=penerima, judul=f"Pemetaan {siklus.tahun}: {tahap.label}",
                     pesan=f"Menunggu tindakan Anda ({PERWAL} {tahap.pasal}).", tautan=_tautan(siklus))


@_setelah(SiklusPemetaan, "mulai_pleno")
def _setelah_mulai_pleno(*, obj, by, data, dari):
    # Ps 15 huruf a: the complete recommendations are the plenary's agenda.
    for rek in Rekomendasi.objects.select_for_update().filter(siklus=obj, tahap=TahapRekomendasi.LENGKAP):
        _jalankan_langkah(rek, transisi_cari(rek, "bahas"), by=by, cleaned={"komentar": f"Agenda rapat pleno {obj.tanggal_pleno:%d-%m-%Y}."})
    tenggat_penuhi(aturan=ATURAN_PENGUMPULAN_DATA, objek=obj,
                   catatan=f"Pengumpulan data ditutup: rapat pleno dimulai {obj.tanggal_pleno:%d-%m-%Y}.")
    _beri_tahu_tahap(obj, by)


@_setelah(SiklusPemetaan, "catat_berita_acara")
def _setelah_berita_acara(*, obj, by, data, dari):
    _hasilkan_dokumen(obj, by, "berita_acara")
    _beri_tahu_tahap(obj, by)


@_setelah(SiklusPemetaan, "ajukan_ke_wali_kota")
def _setelah_diajukan(*, obj, by, data, dari):
    _hasilkan_dokumen(obj, by, "rancangan_keputusan")
    _beri_tahu_tahap(obj, by)


@_setelah(SiklusPemetaan, "tetapkan")
def _setelah_ditetapkan(*, obj, by, data, dari):
    # Ps 20(2): the first evaluation is due at most one year after the Keputusan.
    tenggat_mulai(aturan=ATURAN_EVALUASI, mulai=obj.tanggal_keputusan, objek=obj,
                  judul=f"Evaluasi pemetaan {obj.tahun}")
    pd_ids = set(obj.daftar_rencana.values_list("perangkat_daerah_id", flat=True))
    penerima = [u for pd_id in pd_ids for u in _pengguna_pd(pd_id)]
    notifikasi_kirim(
        penerima=penerima + [u for u in pengguna_peran(Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD) if u != by],
        judul=f"Keputusan Wali Kota tentang Daftar Rencana Program dan Kegiatan {obj.tahun} ditetapkan",
        pesan=(f"Keputusan Nomor {obj.nomor_keputusan} tanggal {obj.tanggal_keputusan:%d-%m-%Y}. "
               "Item daftar dapat dimulai sebagai kerja sama."),
        tautan=_tautan(obj),
    )


@_setelah(SiklusPemetaan, "evaluasi")
def _setelah_evaluasi(*, obj, by, data, dari):
    # Ps 20: the evaluation record; the next one is due at most one year after this one.
    catatan = EvaluasiPemetaan(siklus=obj, tanggal_evaluasi=data["tanggal_evaluasi"], hasil=data["hasil"],
                               tindak_lanjut=data.get("tindak_lanjut") or "", dievaluasi_oleh=by)
    catatan.full_clean()
    catatan.save()
    tenggat_penuhi(aturan=ATURAN_EVALUASI, objek=obj, catatan=f"Evaluasi dicatat {catatan.tanggal_evaluasi:%d-%m-%Y}.")
    tenggat_mulai(aturan=ATURAN_EVALUASI, mulai=catatan.tanggal_evaluasi, objek=obj,
                  judul=f"Evaluasi pemetaan {obj.tahun}")


@_setelah(Rekomendasi, "ajukan")
@_setelah(Rekomendasi, "ajukan_ulang")
def _setelah_rekomendasi_diajukan(*, obj, by, data, dari):
    notifikasi_kirim(
        penerima=pengguna_peran(Peran.SEKRETARIAT_TKKSD),
        judul=f"Rekomendasi pemetaan {obj.siklus.tahun} dari {obj.perangkat_daerah} menunggu pemeriksaan",
        pesan=f"Periksa kelengkapannya ({PERWAL} Pasal 14 ayat (1)).", tautan=_tautan(obj),
    )


@_setelah(Rekomendasi, "kembalikan")
@_setelah(Rekomendasi, "terima")
def _setelah_rekomendasi_diperiksa(*, obj, by, data, dari):
    if obj.tahap == TahapRekomendasi.DIKEMBALIKAN:
        judul = f"Rekomendasi pemetaan {obj.siklus.tahun} dikembalikan untuk dilengkapi"
        pesan = f"Kekurangan: {obj.catatan_pengembalian} ({PERWAL} Pasal 14 ayat (2))."
    else:
        judul = f"Rekomendasi pemetaan {obj.siklus.tahun} diterima lengkap"
        pesan = f"Rekomendasi akan dibahas dalam rapat pleno TKKSD ({PERWAL} Pasal 14 ayat (1), Pasal 15)."
    notifikasi_kirim(penerima=_pengguna_pd(obj.perangkat_daerah_id), judul=judul, pesan=pesan, tautan=_tautan(obj))


# ---------------------------------------------------------------------------------------------
# From the set list to a cooperation case (Ps 18–19; Ps 58(3))
# ---------------------------------------------------------------------------------------------


def mitra_untuk_item(item) -> Mitra | None:
    """The registered partner of an item: the one chosen, else one whose name matches the
    candidate partner's (case-insensitive), else None."""
    if item.mitra_id:
        return item.mitra
    nama = (item.calon_mitra or "").strip()
    if not nama:
        return None
    return Mitra.objects.filter(nama__iexact=nama).order_by("pk").first()


def dapat_memulai_kasus(user, item: ItemRencana) -> bool:
    return bool(user and user.is_authenticated and user.is_active) and (
        user.punya_peran(Peran.SEKRETARIAT_TKKSD) or adalah_pd_dari(user, item.perangkat_daerah_id)
    )


def item_mulai_kasus(*, item: ItemRencana, by, isian: dict | None = None) -> KerjaSama:
    """Start the cooperation case of an item of a set list (cross-app contract): the kind's
    registered creator builds the case from the item's data, and the item records it. Refused
    for an item of a list not yet set by the Wali Kota (409), or already started (409).
    `isian`: what the kind's own start form adds to (or corrects in) the item's data, handed to its creator."""
    with transaction.atomic():
        item = (ItemRencana.objects.select_for_update(of=("self",))
                .select_related("siklus", "perangkat_daerah", "mitra").get(pk=item.pk))
        if not dapat_memulai_kasus(by, item):
            raise PermissionDenied("Hanya Sekretariat TKKSD atau Perangkat Daerah pengusul yang dapat memulai kerja sama ini.")
        if not item.siklus.daftar_ditetapkan:
            raise TransisiTidakTersedia(
                "Daftar Rencana Program dan Kegiatan ini belum ditetapkan dengan Keputusan Wali Kota (Pasal 18); "
                "itemnya belum dapat dimulai sebagai kerja sama."
            )
        if item.kerjasama_id is not None:
            raise KonflikTransisi(f"Item ini sudah dimulai sebagai kerja sama {item.kerjasama.nomor}.")
        try:
            pembuat = alur_inti.pembuat_kasus(item.jenis_usulan)
        except LookupError as exc:
            raise TransisiTidakTersedia(str(exc)) from exc
        data = {
            "judul": item.judul_kasus, "perangkat_daerah": item.perangkat_daerah, "mitra": mitra_untuk_item(item),
            "uraian": item.uraian_kasus(),
            # The item's own data, for the kind's app to carry into its case fields.
            "urusan": item.urusan, "program": item.program, "kegiatan": item.kegiatan,
            "jangka_waktu_bulan": item.jangka_waktu_bulan, "ruang_lingkup": item.ruang_lingkup,
            "calon_mitra": item.calon_mitra,
        }
        data.update({k: v for k, v in (isian or {}).items() if k not in ("by", "item_pemetaan", "perangkat_daerah")})
        kasus = pembuat(by=by, item_pemetaan=item, **data)
        if KerjaSama.objects.filter(pk=kasus.pk).exclude(asal=Asal.PEMETAAN).exists():
            KerjaSama.objects.filter(pk=kasus.pk).update(asal=Asal.PEMETAAN)
        item.kerjasama_id = kasus.pk
        item.dimulai_pada = timezone.now()
        item.dimulai_oleh = by
        item.save(update_fields=["kerjasama", "dimulai_pada", "dimulai_oleh"])
        keterangan = (f"Item peringkat {item.peringkat} Daftar Rencana Program dan Kegiatan {item.siklus.tahun} "
                      f"({item.kegiatan}) dimulai sebagai kerja sama {kasus.nomor}.")
        audit_catat(objek=item.siklus, aksi="item_dimulai_kasus", oleh=by, dasar_hukum=_dasar("Pasal 18–19"),
                    komentar=keterangan, data={"item_rencana": item.pk, "kerjasama": kasus.pk})
        audit_catat(kerjasama=KerjaSama.objects.get(pk=kasus.pk), aksi="dari_pemetaan", oleh=by,
                    dasar_hukum=_dasar("Pasal 18–19"), komentar=keterangan,
                    data={"item_rencana": item.pk, "siklus": item.siklus_id})
    return kasus

