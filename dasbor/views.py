"""Thin views of the dashboards: read through `selectors`, write through `services` (the signature is
the case's own transition, `kerjasama.services.transisi_jalankan`). 404 for what the user may not see,
403 for what he sees but may not do, 409 when the case moved on, 400 for bad fields."""

from __future__ import annotations

import datetime
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from kerjasama import alur
from kerjasama import services as inti
from kerjasama.constants import Peran
from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.forms import FilterRegistryForm
from kerjasama.models import PreferensiNotifikasi, TokenKalender, VersiDokumen
from kerjasama.permissions import dapat_melihat_dokumen, get_kerjasama_or_404
from kerjasama.selectors import kerjasama_detail
from kerjasama.validators import PESAN_TAHUN, tahun_diminta
from tte import pratinjau
from tte import services as tte
from tte.models import BerkasTandaTangan

from . import exports, grafik, ical, publik, selectors, services
from .forms import PreferensiForm, PublikasiForm

# The calendar's day and month names, for the catalog (issue 14); shown through gettext.
NAMA_HARI = [gettext_noop("Sen"), gettext_noop("Sel"), gettext_noop("Rab"), gettext_noop("Kam"), gettext_noop("Jum"),
             gettext_noop("Sab"), gettext_noop("Min")]
_NAMA_BULAN_KATALOG = [gettext_noop("Januari"), gettext_noop("Februari"), gettext_noop("Maret"), gettext_noop("April"),
                       gettext_noop("Mei"), gettext_noop("Juni"), gettext_noop("Juli"), gettext_noop("Agustus"),
                       gettext_noop("September"), gettext_noop("Oktober"), gettext_noop("November"),
                       gettext_noop("Desember")]


def _pesan(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for v in exc.message_dict.values() for m in v]
    return list(exc.messages)


def _berkas(konten: bytes, nama: str, tipe: str, *, lampiran: bool = True) -> HttpResponse:
    response = HttpResponse(konten, content_type=tipe)
    response["Content-Disposition"] = f'{"attachment" if lampiran else "inline"}; filename="{nama}"'
    return response


logger = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------------------------------------
# Approval dashboard
# ---------------------------------------------------------------------------------------------


def _form_langkah(kasus, t, *, data=None):
    initial = None if data is not None else selectors.isian_awal(kasus, t)
    return alur.IsianForm(data=data, initial=initial, isian=alur.isian_transisi(t), kasus=kasus,
                          auto_id=f"id_{t.name}_%s")


def _halaman_persetujuan(request, *, pilih: str | None = None, form_galat=None, status: int = 200, galat_tte=None):
    items = selectors.persetujuan_list(user=request.user)
    pilih = pilih or request.GET.get("item")
    terpilih = next((i for i in items if i.kunci == pilih), items[0] if items else None)
    forms = []
    if terpilih is not None and terpilih.kasus is not None:
        for t in terpilih.langkah:
            naskah = tte.isian_naskah(t)
            if naskah is not None:
                # Issue 13 item 1: a signature is offered only from the folder the Sekretariat prepared.
                forms.append(_berkas_langkah(terpilih, t, request.user))
                continue
            if form_galat is not None and form_galat[0] == t.name:
                form = form_galat[1]
            else:
                form = _form_langkah(terpilih.kasus, t)
            dokumen_fields = {i.nama for i in alur.isian_transisi(t) if i.tipe == "dokumen"}
            forms.append({"t": t, "form": form, "buka": form_galat is not None and form_galat[0] == t.name,
                          "dokumen_fields": dokumen_fields})
    return render(request, "dasbor/persetujuan.html", {
        "items": items, "terpilih": terpilih, "forms": forms, "sekarang": timezone.now(),
        "pratinjau": _pratinjau(terpilih), "galat_tte": galat_tte,
    }, status=status)


def _berkas_langkah(item, t, user) -> dict:
    berkas = tte.berkas_untuk(item.kasus, t.name)
    siap = berkas is not None and berkas.status in (BerkasTandaTangan.Status.SIAP, BerkasTandaTangan.Status.PINDAIAN)
    berubah = ""
    if siap:
        try:
            tte.periksa_utuh(berkas) if berkas.status == BerkasTandaTangan.Status.SIAP else None
        except tte.DokumenBerubah as exc:
            berubah = str(exc)
        item.dokumen_versi = berkas.versi_ditandatangani or berkas.versi
    return {"t": t, "tte": True, "berkas": berkas, "siap": siap, "berubah": berubah,
            "milik_saya": siap and berkas.penandatangan_id == user.pk}


def _pratinjau(item) -> list[int]:
    """Page numbers of the document the signatory reads (rendered to images on the server)."""
    if item is None or not item.pratinjau_pdf:
        return []
    try:
        return list(range(1, pratinjau.jumlah_halaman(item.dokumen_versi) + 1))
    except Exception:  # an unreadable PDF: the download link stays
        return []


@login_required
def persetujuan(request):
    return _halaman_persetujuan(request)


@login_required
@require_POST
def persetujuan_jalankan(request, pk, nama):
    """Sign or decide from the dashboard: the case's own transition, with the same checks and audit
    as its page. Only the signatory's steps are taken here."""
    kasus = kerjasama_detail(user=request.user, pk=pk)
    t = inti.transisi_cari(kasus, nama)
    if t is not None and not selectors.langkah_penandatangan(t):
        raise Http404("Langkah ini tidak diambil dari dasbor persetujuan.")
    # A signing step posted here with free fields meets the same rule as everywhere (tte/aturan.py, enforced by
    # transisi_jalankan): only a signed text closes it; the dashboard itself offers it from the prepared folder.
    data = request.POST.copy()
    try:
        inti.transisi_jalankan(kasus=kasus, nama=nama, by=request.user, data=data,
                               tahap_diharapkan=request.POST.get("_tahap") or kasus.tahap)
    except ValidationError as exc:
        form = alur.IsianForm(data=data, isian=alur.isian_transisi(t), kasus=kasus, auto_id=f"id_{t.name}_%s")
        form.is_valid()
        for field, pesan in (exc.message_dict.items() if hasattr(exc, "message_dict") else [(None, exc.messages)]):
            for p in pesan:
                if field in form.fields and p in form.errors.get(field, []):
                    continue
                form.add_error(field if field in form.fields and field not in form.errors else None, p)
        messages.error(request, "Langkah belum tersimpan: periksa isian yang ditandai.")
        return _halaman_persetujuan(request, pilih=f"ks-{kasus.pk}", form_galat=(nama, form), status=400)
    except (KonflikTransisi, TransisiTidakTersedia) as exc:
        messages.error(request, str(exc))
        return render(request, "kerjasama/konflik.html", {"kasus": kasus}, status=409)
    messages.success(request, f"{t.custom['label']}: berhasil untuk {kasus.nomor} \u2014 {kasus.judul}.")
    return redirect("dasbor:persetujuan")


def _galat_langkah_tte(request, kasus, nama, exc):
    """The approval page again, with the refusal at the signing step: 400 for bad input, 409 when the case or
    its folder moved on (signing, returning to the Sekretariat and closing an ink signature alike)."""
    if isinstance(exc, ValidationError):
        return _halaman_persetujuan(request, pilih=f"ks-{kasus.pk}", galat_tte=(nama, " ".join(_pesan(exc))), status=400)
    return _halaman_persetujuan(request, pilih=f"ks-{kasus.pk}", galat_tte=(nama, str(exc)), status=409)


@login_required
@require_POST
@sensitive_post_parameters("passphrase")
def persetujuan_tte(request, pk, nama):
    """Electronic signature of the prepared FINAL version (PAdES) with the passphrase typed now."""
    kasus = kerjasama_detail(user=request.user, pk=pk)
    try:
        versi = tte.tandatangani_elektronik(kasus=kasus, langkah=nama, by=request.user,
                                            passphrase=request.POST.get("passphrase", ""),
                                            dasar_url=request.build_absolute_uri("/"))
    except tte.GagalTandaTangan as exc:
        # Logged for the administrator (who, which case, why); never the passphrase.
        logger.warning("TTE gagal: pengguna=%s kerjasama=%s langkah=%s: %s", request.user.pk, kasus.pk, nama, exc)
        return _halaman_persetujuan(request, pilih=f"ks-{kasus.pk}", galat_tte=(nama, str(exc)), status=400)
    except (ValidationError, KonflikTransisi, TransisiTidakTersedia) as exc:
        return _galat_langkah_tte(request, kasus, nama, exc)
    messages.success(request, f"Ditandatangani secara elektronik: {versi.dokumen.judul} ({kasus.nomor}). "
                              f"Kode verifikasi {versi.resmi.kode}.")
    return redirect("dasbor:persetujuan")


@login_required
@require_POST
def persetujuan_kembalikan(request, pk, nama):
    kasus = kerjasama_detail(user=request.user, pk=pk)
    try:
        tte.kembalikan(kasus=kasus, langkah=nama, by=request.user, alasan=request.POST.get("alasan", ""))
    except (ValidationError, KonflikTransisi, TransisiTidakTersedia) as exc:
        return _galat_langkah_tte(request, kasus, nama, exc)
    messages.success(request, f"Berkas {kasus.nomor} dikembalikan ke Sekretariat TKKSD dengan alasan Anda.")
    return redirect("dasbor:persetujuan")


@login_required
@require_POST
def persetujuan_basah(request, pk, nama):
    kasus = kerjasama_detail(user=request.user, pk=pk)
    try:
        tte.tutup_tanda_tangan_basah(kasus=kasus, langkah=nama, by=request.user)
    except (ValidationError, KonflikTransisi, TransisiTidakTersedia) as exc:
        return _galat_langkah_tte(request, kasus, nama, exc)
    messages.success(request, f"Penandatanganan {kasus.nomor} dicatat dari pindaian naskah bertanda tangan.")
    return redirect("dasbor:persetujuan")


@login_required
def halaman_png(request, pk, nomor):
    """One page of a document version as an image, for whoever may see the document."""
    versi = get_object_or_404(VersiDokumen.objects.select_related("dokumen__kerjasama"), pk=pk)
    if not dapat_melihat_dokumen(request.user, versi.dokumen) or versi.tipe_konten != "application/pdf":
        raise Http404("Dokumen tidak ditemukan.")
    png = pratinjau.gambar_halaman(versi, nomor)
    if png is None:
        raise Http404("Halaman tidak ada.")
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def riwayat_tanda_tangan(request):
    halaman = Paginator(selectors.riwayat_penandatanganan(user=request.user), 30).get_page(request.GET.get("halaman"))
    return render(request, "dasbor/riwayat_tanda_tangan.html", {"halaman": halaman})


@login_required
def persiapan(request, pk, nama):
    """The Sekretariat prepares the signing folder of a case for the Wali Kota."""
    kasus = kerjasama_detail(user=request.user, pk=pk)
    if not request.user.punya_peran(Peran.SEKRETARIAT_TKKSD):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang menyiapkan berkas penandatanganan.")
    t = inti.transisi_cari(kasus, nama)
    if t is None or not selectors.langkah_penandatangan(t):
        messages.error(request, f"Tidak ada penandatanganan \u201c{nama}\u201d pada tahap ini.")
        return render(request, "kerjasama/konflik.html", {"kasus": kasus}, status=409)
    status = 200
    if request.method == "POST" and request.POST.get("aksi") == "pindaian":
        try:
            tte.pindaian_unggah(kasus=kasus, langkah=nama, by=request.user, berkas_pindaian=request.FILES.get("pindaian"))
        except ValidationError as exc:
            messages.error(request, " ".join(_pesan(exc)))
            status = 400
        except (KonflikTransisi, TransisiTidakTersedia, AttributeError) as exc:
            messages.error(request, str(exc) if not isinstance(exc, AttributeError) else "Pilih berkas pindaian.")
            status = 400
        else:
            messages.success(request, "Pindaian naskah bertanda tangan diunggah; penandatangan dapat menutup langkahnya.")
            return redirect("dasbor:persiapan", pk=kasus.pk, nama=nama)
        form = services.form_persiapan(t, kasus=kasus, initial=selectors.isian_awal(kasus, t))
    elif request.method == "POST":
        try:
            services.persiapan_penandatanganan_simpan(kasus=kasus, langkah=nama, by=request.user, data=request.POST,
                                                      files=request.FILES)
        except ValidationError as exc:
            form = services.form_persiapan(t, kasus=kasus, data=request.POST)
            form.is_valid()
            for p in _pesan(exc):
                if not any(p in e for e in form.errors.values()):
                    form.add_error(None, p)
            status = 400
        except (KonflikTransisi, TransisiTidakTersedia) as exc:
            messages.error(request, str(exc))
            return render(request, "kerjasama/konflik.html", {"kasus": kasus}, status=409)
        else:
            messages.success(request, "Berkas penandatanganan disiapkan; Wali Kota melihatnya terisi di dasbor persetujuan.")
            return redirect("dasbor:kokpit")
    else:
        form = services.form_persiapan(t, kasus=kasus, initial=selectors.isian_awal(kasus, t))
    naskah = tte.isian_naskah(t)
    konteks = {"kasus": kasus, "t": t, "form": form, "naskah": naskah}
    if naskah is not None:
        berkas = tte.berkas_untuk(kasus, nama)
        konteks.update({
            "berkas": berkas, "versi_pilihan": tte.versi_final_pilihan(kasus, naskah),
            "penandatangan_pilihan": tte.penandatangan_pilihan(kasus, t), "cara_pilihan": BerkasTandaTangan.Cara.choices,
            "dipilih": {"versi": request.POST.get("versi", str(berkas.versi_id) if berkas else ""),
                        "cara": request.POST.get("cara", berkas.cara if berkas else "elektronik"),
                        "penandatangan": request.POST.get("penandatangan", str(berkas.penandatangan_id) if berkas else "")},
        })
    return render(request, "dasbor/persiapan.html", konteks, status=status)


# ---------------------------------------------------------------------------------------------
# Cockpit, calendar, recap, exports
# ---------------------------------------------------------------------------------------------


@login_required
def kokpit(request):
    if request.user.peran == {Peran.MITRA}:
        # A partner's dashboard is its own obligations (its reports due, Ps 87), not the Pemda's cockpit with the
        # Pemda's own supervision visits: its "Tugas saya" (issue 14).
        return redirect("beranda")
    data = selectors.kokpit(user=request.user)
    menunggu = []
    if request.user.punya_peran(Peran.SEKRETARIAT_TKKSD):
        menunggu = selectors.menunggu_penandatanganan(user=request.user)
    return render(request, "dasbor/kokpit.html", {**data, "grafik": grafik.grafik_kokpit(data), "menunggu_ttd": menunggu,
                                                   "sekarang": timezone.now()})


def _bulan(teks: str | None) -> tuple[int, int] | None:
    if not teks:
        hari = timezone.localdate()
        return hari.year, hari.month
    try:
        d = datetime.datetime.strptime(teks, "%Y-%m")
    except ValueError:
        return None
    return (d.year, d.month) if 1900 <= d.year <= 2200 else None


@login_required
def kalender(request):
    bulan = _bulan(request.GET.get("bulan"))
    status = 200
    if bulan is None:
        messages.error(request, gettext("Format bulan tidak dikenal; gunakan TTTT-BB, misalnya 2026-12. Ditampilkan bulan ini."))
        bulan, status = _bulan(None), 400
    tahun, b = bulan
    awal = datetime.date(tahun, b, 1)
    sebelum = awal - datetime.timedelta(days=1)
    sesudah = awal + datetime.timedelta(days=32)
    return render(request, "dasbor/kalender.html", {
        "minggu": selectors.kalender_bulan(user=request.user, tahun=tahun, bulan=b),
        # In the reader's interface language (issue 14); the catalog's msgids are the Indonesian names.
        "judul_bulan": f"{gettext(selectors.NAMA_BULAN[b])} {tahun}", "sebelum": f"{sebelum:%Y-%m}",
        "sesudah": f"{sesudah:%Y-%m}", "hari_ini": timezone.localdate(), "nama_hari": [gettext(h) for h in NAMA_HARI],
    }, status=status)


@never_cache
def kalender_ics(request, token):
    """The personal feed at a secret URL: no login (calendar apps cannot log in); a revoked or
    unknown token, or an inactive user, answers 404."""
    tk = TokenKalender.objects.select_related("pengguna").filter(token=token, dicabut_pada__isnull=True).first()
    if tk is None or not tk.pengguna.is_active:
        raise Http404("Kalender tidak ditemukan.")
    response = HttpResponse(ical.kalender_ics(user=tk.pengguna), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tenggat-siksd.ics"'
    return response


def _tahun(request) -> int | None:
    return tahun_diminta(request.GET.get("tahun"))


@login_required
def rekap(request, ext: str | None = None):
    if ext not in (None, "xlsx", "pdf"):
        raise Http404("Format tidak dikenal.")
    tahun = _tahun(request)
    if tahun is None:
        messages.error(request, PESAN_TAHUN)
        return render(request, "dasbor/rekap.html", {"rekap": None, "tahun": ""}, status=400)
    data = selectors.rekap_tahunan(user=request.user, tahun=tahun)
    if ext == "xlsx":
        return _berkas(exports.xlsx(*exports.rekap_tabel(data)), f"rekap-kerja-sama-{tahun}.xlsx", XLSX)
    if ext == "pdf":
        konten = exports.pdf(*exports.rekap_tabel(data), user=request.user,
                             judul=f"Rekapitulasi Kerja Sama Daerah Tahun {tahun} (bahan LKPJ Wali Kota)")
        return _berkas(konten, f"rekap-kerja-sama-{tahun}.pdf", "application/pdf")
    return render(request, "dasbor/rekap.html", {"rekap": data, "tahun": tahun})


@login_required
def ekspor(request, daftar: str, ext: str):
    pembuat = exports.DAFTAR.get(daftar)
    if pembuat is None or ext not in ("xlsx", "pdf"):
        raise Http404("Daftar tidak dikenal.")
    if daftar == "registri":
        form = FilterRegistryForm(request.GET or None)
        if request.GET and not form.is_valid():
            return HttpResponse("Saringan tidak sah: " + "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()),
                                status=400, content_type="text/plain; charset=utf-8")
    tabel = pembuat(request.user, request.GET)
    if ext == "xlsx":
        return _berkas(exports.xlsx(tabel), f"{tabel.nama_berkas}.xlsx", XLSX)
    return _berkas(exports.pdf(tabel, user=request.user), f"{tabel.nama_berkas}.pdf", "application/pdf")


# ---------------------------------------------------------------------------------------------
# Settings: notification preferences and the calendar feed
# ---------------------------------------------------------------------------------------------


@login_required
def pengaturan(request):
    pref = PreferensiNotifikasi.objects.filter(pengguna=request.user).first()
    form = PreferensiForm(initial={"surel": services.preferensi_surel(request.user)})
    status = 200
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        if aksi == "preferensi":
            form = PreferensiForm(request.POST)
            if form.is_valid():
                services.preferensi_notifikasi_simpan(user=request.user, surel=form.cleaned_data["surel"])
                messages.success(request, gettext("Preferensi notifikasi disimpan."))
                return redirect("dasbor:pengaturan")
            status = 400
        elif aksi == "token_buat":
            services.token_kalender_buat(user=request.user)
            messages.success(request, gettext("Alamat kalender baru dibuat. Alamat lama (bila ada) tidak berlaku lagi."))
            return redirect("dasbor:pengaturan")
        elif aksi == "token_cabut":
            services.token_kalender_cabut(user=request.user)
            messages.success(request, gettext("Alamat kalender dicabut; aplikasi kalender tidak lagi menerima tenggat."))
            return redirect("dasbor:pengaturan")
        else:
            messages.error(request, "Aksi tidak dikenal.")
            status = 400
    token = services.token_kalender_aktif(request.user)
    url_ics = request.build_absolute_uri(f"/dasbor/kalender/{token.token}.ics") if token else ""
    return render(request, "dasbor/pengaturan.html", {"form": form, "pref": pref, "token": token, "url_ics": url_ics},
                  status=status)


# ---------------------------------------------------------------------------------------------
# Publication settings (Sekretariat) and the public page (no login)
# ---------------------------------------------------------------------------------------------


@login_required
def publikasi(request):
    if not request.user.punya_peran(Peran.SEKRETARIAT_TKKSD):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang mengatur publikasi kerja sama.")
    if request.method == "POST":
        kasus = get_kerjasama_or_404(request.user, request.POST.get("kerjasama"))
        form = PublikasiForm(request.POST)
        if form.is_valid():
            services.publikasi_atur(kerjasama=kasus, by=request.user, **form.cleaned_data)
            messages.success(request, f"Publikasi {kasus.nomor} disimpan.")
            return redirect("dasbor:publikasi")
        messages.error(request, "Isian publikasi tidak sah.")
    daftar = selectors.publikasi_list(user=request.user)
    return render(request, "dasbor/publikasi.html", {"daftar": daftar, "field_publik": publik.FIELD_PUBLIK})


def halaman_publik(request):
    data = publik.data_publik()
    peta = [{"judul": b["judul"], "mitra": b["mitra"], "jenis": b["jenis"], "lintang": b["lintang"], "bujur": b["bujur"]}
            for b in data["kerjasama_aktif"] if "lintang" in b]
    # On the page, dates as people write them ("5 Desember 2026"); the open-data JSON keeps ISO 8601.
    for daftar in (data["kerjasama_aktif"], data["segera_berakhir"]):
        for b in daftar:
            for kunci in ("tanggal_mulai", "tanggal_berakhir"):
                if isinstance(b.get(kunci), str):  # the "ending soon" rows are the same dicts
                    b[kunci] = datetime.date.fromisoformat(b[kunci])
    data["diperbarui"] = datetime.date.fromisoformat(data["diperbarui"])
    return render(request, "dasbor/publik.html", {
        **data, "field_publik": publik.FIELD_PUBLIK, "peta": peta, "titik_wilayah": publik.titik_wilayah(),
    })


def publik_json(request):
    response = JsonResponse(publik.data_publik(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data for other systems
    return response

