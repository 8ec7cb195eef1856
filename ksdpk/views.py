"""Pages of the KSDPK app that are not stage steps (those use /kerjasama/<pk>/transisi/<nama>/): the list,
a new case (Ps 38), a third party's application (Ps 50), the case's data and obligations, and the
selection among candidates (Ps 39(2)–(3)). Thin: reads through selectors, writes through services;
invisible → 404, not allowed → 403, wrong stage → 409, bad fields → 400."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from kerjasama import alur
from kerjasama.constants import Peran
from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.views import _isi_galat_form

from . import permissions, selectors, services
from .constants import AYAT_JENIS, KRITERIA, PASAL_PEMILIHAN, TAHAP_CALON, TAHAP_TIM
from .forms import (
    CalonTambahForm,
    DataKsdpkForm,
    FilterKsdpkForm,
    KewajibanForm,
    KsdpkBaruForm,
    KualifikasiForm,
    PenilaianForm,
    PermohonanForm,
    TimForm,
)
from .models import KasusKsdpk


class _Gagal(Exception):
    """A service refused: `status` 400 (its errors are on the form) or 409 (its message is flashed)."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def _coba(request, form, aksi):
    """Run a service for a page: a ValidationError lands on the form, a stage conflict becomes a message."""
    try:
        return aksi()
    except ValidationError as exc:
        _isi_galat_form(form, exc)
        raise _Gagal(400) from exc
    except (KonflikTransisi, TransisiTidakTersedia) as exc:
        messages.error(request, str(exc))
        raise _Gagal(409) from exc


def _halaman(request, template, konteks, gagal: _Gagal | None = None):
    if gagal is not None and gagal.status == 409:
        return render(request, "kerjasama/konflik.html", {"kasus": konteks.get("kasus")}, status=409)
    return render(request, template, konteks, status=gagal.status if gagal else 200)


def _formulir(request, konteks, gagal=None):
    return _halaman(request, "ksdpk/form.html", {"ayat_jenis": AYAT_JENIS, **konteks}, gagal)


def _kirim_formulir(request, form, konteks, aksi, pesan):
    """A form page: a valid POST runs `aksi` (a service, given the cleaned data) and goes to the case with the
    message `pesan` (a format string of `kasus`); otherwise the form again (400 when it has errors)."""
    if request.method == "POST" and form.is_valid():
        try:
            hasil = _coba(request, form, lambda: aksi(form.cleaned_data))
        except _Gagal as gagal:
            return _formulir(request, konteks, gagal)
        kasus = hasil if isinstance(hasil, KasusKsdpk) else konteks["kasus"]
        messages.success(request, pesan.format(kasus=kasus))
        return redirect("kerjasama:detail", pk=kasus.pk)
    return _formulir(request, konteks, _Gagal(400) if form.errors else None)


@login_required
def daftar(request):
    form = FilterKsdpkForm(request.GET or None)
    saring = form.cleaned_data if form.is_valid() else {}
    qs = selectors.ksdpk_list(user=request.user, q=saring.pop("q", "") or "", **saring)
    halaman = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(request, "ksdpk/daftar.html", {
        "form": form, "halaman": halaman, "tahapan": alur.tahapan(KasusKsdpk._meta.label_lower),
        "boleh_buat": permissions.dapat_memulai(request.user),
        "boleh_mohon": services.dapat_mengajukan_permohonan(request.user),
    })


@login_required
def baru(request):
    """Ps 38(1): a PD starts a KSDPK for itself from one of its mapping items (?item= opens the form with the
    item's data); the Sekretariat TKKSD names the PD, or starts an urgent case without an item with its reason."""
    user = request.user
    if not permissions.dapat_memulai(user):
        raise PermissionDenied("Hanya Perangkat Daerah atau Sekretariat TKKSD yang dapat memulai KSDPK.")
    sekretariat = user.punya_peran(Peran.SEKRETARIAT_TKKSD)
    items = selectors.item_pemetaan_pilihan(user=user)
    dipilih = next((i for i in items if str(i.pk) == request.GET.get("item", "")), None)
    form = KsdpkBaruForm(request.POST or None, pilih_pd=sekretariat, items=items,
                         initial=KsdpkBaruForm.awal_dari_item(dipilih) if dipilih else None)
    if items:
        dasar = ("KSDPK atas prakarsa Daerah disiapkan berdasarkan hasil pemetaan dan skala prioritas (Pasal 38 ayat (1)): "
                 "pilih item Daftar Rencana Program dan Kegiatan yang telah ditetapkan Wali Kota; datanya dibawa ke "
                 "kerja sama ini.")
    else:
        dasar = ("Belum ada item pemetaan KSDPK yang dapat dimulai" + ("" if sekretariat else " untuk Perangkat Daerah Anda")
                 + ". KSDPK atas prakarsa Daerah disiapkan berdasarkan hasil pemetaan dan skala prioritas (Pasal 38 ayat "
                 "(1)); item dimulai setelah Daftar Rencana Program dan Kegiatan ditetapkan Wali Kota.")
    if sekretariat:
        dasar += (" Untuk keadaan mendesak, Sekretariat TKKSD dapat memulai tanpa item pemetaan dengan menuliskan "
                  "alasannya; alasan itu tampil di halaman kasus dan tercatat di riwayat.")
    else:
        dasar += " Untuk keadaan mendesak tanpa item pemetaan, hubungi Sekretariat TKKSD."

    def buat(d):
        d = dict(d)
        item_id = d.pop("item_pemetaan", None)
        if item_id:
            return services.ksdpk_buat_dari_item(item=selectors.item_pemetaan_get(item_id), by=user, **d)
        return services.ksdpk_buat(by=user, **d)

    return _kirim_formulir(
        request, form, {"form": form, "judul": "KSDPK baru atas prakarsa Daerah", "pasal": "Pasal 37–38",
                        "dasar_pemetaan": dasar},
        buat, "KSDPK {kasus.nomor} dibuat pada tahap persiapan. Unggah KAK dan studi kelayakan, lalu ajukan ke TKKSD "
              "(Pasal 38).")


@login_required
def permohonan_baru(request):
    """Ps 50(1): a third party applies to the Wali Kota with a feasibility study; the Sekretariat records a
    paper application."""
    user = request.user
    if not services.dapat_mengajukan_permohonan(user):
        raise PermissionDenied("Permohonan KSDPK diajukan oleh pihak ketiga (Pasal 50 ayat (1)).")
    kertas = user.punya_peran(Peran.SEKRETARIAT_TKKSD)
    form = PermohonanForm(request.POST or None, request.FILES or None, kertas=kertas)
    konteks = {"form": form, "multipart": True, "pasal": "Pasal 49–50",
               "judul": "Catat permohonan pihak ketiga (surat)" if kertas else "Permohonan kerja sama kepada Wali Kota",
               "pemohon": None if kertas else user.mitra}

    def ajukan(d):
        return services.ksdpk_permohonan_ajukan(
            by=user, studi_kelayakan=d["studi_kelayakan"], surat_permohonan=d.get("surat_permohonan"),
            mitra=d.get("mitra"), nama_pihak_ketiga=d.get("nama_pihak_ketiga") or "", nomor_surat=d.get("nomor_surat") or "",
            tanggal_surat=d.get("tanggal_surat"), data_pihak_ketiga=form.pihak_ketiga(), **form.data_kasus())

    return _kirim_formulir(request, form, konteks, ajukan,
                           "Permohonan tercatat sebagai {kasus.nomor}; TKKSD mengkajinya (Pasal 50 ayat (2)).")


def _kasus(request, pk, boleh, pesan: str):
    """The case if visible (else 404) and `boleh(user, kasus)` (else 403 with `pesan`)."""
    kasus = selectors.ksdpk_detail(user=request.user, pk=pk)
    if not boleh(request.user, kasus):
        raise PermissionDenied(pesan)
    return kasus


def _kasus_dikelola(request, pk):
    return _kasus(request, pk, permissions.pengelola_data, "Data kerja sama diubah oleh PD Pemrakarsa atau Sekretariat TKKSD.")


def _kasus_pemilihan(request, pk):
    return _kasus(request, pk, permissions.boleh_lihat_pemilihan,
                  "Pemilihan calon mitra adalah pekerjaan internal Pemerintah Daerah.")


@login_required
def ubah(request, pk):
    kasus = _kasus_dikelola(request, pk)
    konteks = {"kasus": kasus, "judul": f"Ubah data {kasus.nomor}", "pasal": "Pasal 36, Pasal 38, Pasal 43"}
    if not kasus.dapat_diubah:
        messages.error(request, "Data kerja sama tidak dapat diubah lagi setelah Kesepakatan Bersama ditandatangani.")
        return _halaman(request, "", konteks, _Gagal(409))
    konteks["form"] = form = DataKsdpkForm(request.POST or None,
                                           initial={nama: getattr(kasus, nama) for nama in services.FIELD_DATA})
    return _kirim_formulir(request, form, konteks, lambda d: services.ksdpk_ubah(kasus=kasus, by=request.user, **d),
                           "Data kerja sama disimpan.")


@login_required
def kewajiban(request, pk):
    """The obligations of each side that supervision evaluates (Ps 85(4) huruf a)."""
    kasus = _kasus_dikelola(request, pk)
    form = KewajibanForm(request.POST or None, initial=KewajibanForm.awal(kasus.kewajiban.all()))
    konteks = {"kasus": kasus, "form": form, "judul": f"Kewajiban para pihak — {kasus.nomor}",
               "pasal": "Pasal 46 ayat (1), Pasal 85 ayat (4) huruf a",
               "keterangan": "Satu kewajiban per baris; tambahkan \u201c| Pasal … PKS\u201d untuk dasarnya."}
    return _kirim_formulir(request, form, konteks,
                           lambda _d: services.ksdpk_kewajiban_atur(kasus=kasus, by=request.user, daftar=form.daftar()),
                           "Kewajiban para pihak disimpan.")


# ---------------------------------------------------------------------------------------------
# The selection (Ps 39(2)–(3))
# ---------------------------------------------------------------------------------------------


@login_required
def calon(request, pk):
    """Candidates: added before the offer (Ps 39(1)); qualified in the selection stage (Ps 39(2))."""
    kasus = _kasus_pemilihan(request, pk)
    user = request.user
    aksi = request.POST.get("aksi") if request.method == "POST" else None
    tambah = CalonTambahForm(request.POST if aksi == "tambah" else None, kasus=kasus)
    syarat = KualifikasiForm(request.POST if aksi == "kualifikasi" else None)
    gagal = None
    if aksi is not None and not permissions.pengelola_data(user, kasus):
        raise PermissionDenied("Calon mitra dicatat oleh PD Pemrakarsa atau Sekretariat TKKSD.")
    try:
        if aksi == "tambah" and tambah.is_valid():
            d = tambah.cleaned_data
            _coba(request, tambah, lambda: services.calon_tambah(kasus=kasus, by=user, mitra=d["mitra"], nama=d["nama"],
                                                                 data_pihak_ketiga=tambah.pihak_ketiga()))
        elif aksi == "hapus":
            dipilih = get_object_or_404(kasus.calon, pk=request.POST.get("calon") or 0)
            _coba(request, tambah, lambda: services.calon_hapus(kasus=kasus, by=user, calon=dipilih))
        elif aksi == "kualifikasi" and syarat.is_valid():
            d = syarat.cleaned_data
            dipilih = get_object_or_404(kasus.calon, pk=d["calon"])
            _coba(request, syarat, lambda: services.calon_kualifikasi(
                kasus=kasus, by=user, calon=dipilih, memenuhi_syarat=d["memenuhi_syarat"],
                tanggal_jawaban=d["tanggal_jawaban"], catatan=d["catatan"]))
        elif aksi is not None:
            gagal = _Gagal(400)
    except _Gagal as exc:
        gagal = exc
    if aksi is not None and gagal is None:
        messages.success(request, "Calon mitra diperbarui.")
        return redirect("ksdpk:calon", pk=kasus.pk)
    return _halaman(request, "ksdpk/calon.html", {
        "kasus": kasus, "daftar_calon": kasus.calon.select_related("mitra"), "form_tambah": tambah, "form_syarat": syarat,
        "boleh_tambah": kasus.tahap in TAHAP_CALON and permissions.pengelola_data(user, kasus),
        "boleh_kualifikasi": kasus.tahap == "pemilihan_mitra" and user.punya_peran(Peran.SEKRETARIAT_TKKSD),
        "pasal": PASAL_PEMILIHAN,
    }, gagal)


@login_required
def tim(request, pk):
    """Ps 39(3): the Tim Pemilihan Calon Mitra, set by the Ketua TKKSD."""
    kasus = _kasus_pemilihan(request, pk)
    boleh = permissions.boleh_tetapkan_tim(request.user, kasus)
    if request.method == "POST" and not boleh:
        raise PermissionDenied("Tim Pemilihan Calon Mitra ditetapkan oleh Ketua TKKSD (Pasal 39 ayat (3)).")
    form = TimForm(request.POST or None, request.FILES or None)
    gagal = None
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                _coba(request, form, lambda: services.tim_pemilihan_tetapkan(
                    kasus=kasus, by=request.user, nomor_keputusan=d["nomor_keputusan"],
                    tanggal_keputusan=d["tanggal_keputusan"], anggota=form.susunan(), keputusan=d.get("keputusan")))
            except _Gagal as exc:
                gagal = exc
            else:
                messages.success(request, "Tim Pemilihan Calon Mitra ditetapkan; anggotanya diberi tahu.")
                return redirect("ksdpk:tim", pk=kasus.pk)
        else:
            gagal = _Gagal(400)
    tim_ = kasus.tim_pemilihan()
    return _halaman(request, "ksdpk/tim.html", {
        "kasus": kasus, "tim": tim_, "anggota": tim_.anggota.select_related("pengguna") if tim_ else [], "form": form,
        "boleh": boleh and kasus.tahap in TAHAP_TIM, "pasal": "Pasal 39 ayat (3)",
    }, gagal)


@login_required
def penilaian(request, pk):
    """Ps 39(2): the scorer's own sheet; the others' scores stay hidden until it is handed in."""
    kasus = _kasus_pemilihan(request, pk)
    if not permissions.penilai_sah(request.user, kasus):
        raise PermissionDenied("Penilaian calon mitra diberikan oleh anggota Tim Pemilihan Calon Mitra "
                               "(atau TKKSD bila tidak ada tim).")
    lembar = selectors.lembar_milik(kasus, request.user)
    form = PenilaianForm(request.POST or None, calon=kasus.calon_memenuhi_syarat(), lembar=lembar)
    gagal = None
    if request.method == "POST":
        serahkan = "serahkan" in request.POST
        if form.is_valid():
            try:
                _coba(request, form, lambda: services.penilaian_simpan(kasus=kasus, by=request.user, nilai=form.baris(),
                                                                       serahkan=serahkan))
            except _Gagal as exc:
                gagal = exc
            else:
                messages.success(request, "Lembar penilaian diserahkan." if serahkan else "Draf penilaian disimpan.")
                return redirect("ksdpk:peringkat" if serahkan else "ksdpk:penilaian", pk=kasus.pk)
        else:
            gagal = _Gagal(400)
    return _halaman(request, "ksdpk/penilaian.html", {
        "kasus": kasus, "form": form, "lembar": lembar, "kriteria": KRITERIA, "pasal": PASAL_PEMILIHAN,
        "terbuka": kasus.tahap == "pemilihan_mitra" and not (lembar and lembar.diserahkan),
    }, gagal)


@login_required
def peringkat(request, pk):
    """Ps 39(2): totals and ranking of the qualifying candidates, every handed-in sheet, and the decision."""
    kasus = _kasus_pemilihan(request, pk)
    boleh_nilai = permissions.boleh_lihat_nilai(request.user, kasus)
    return render(request, "ksdpk/peringkat.html", {
        "kasus": kasus, "boleh_nilai": boleh_nilai, "kriteria": KRITERIA, "pasal": PASAL_PEMILIHAN,
        "peringkat": selectors.peringkat_calon(kasus) if boleh_nilai else [],
        "lembar": selectors.lembar_diserahkan(kasus) if boleh_nilai else [],
        "kurang": selectors.penilaian_belum_lengkap(kasus),
        "penilai": permissions.penilai_sah(request.user, kasus),
        "boleh_putus": any(t.name == "tetapkan_mitra" for t in kasus.get_available_user_tahap_transitions(request.user)),
    })
