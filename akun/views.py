"""Account pages: the second factor (set-up, verify, recovery codes) and "keluar dari semua
perangkat". Thin: writes are in services.py / dua_faktor.py. No GET writes anything."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from rest_framework.authtoken.models import Token

from . import dua_faktor, services


def _tujuan_aman(request, bawaan="beranda"):
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return nxt
    return reverse(bawaan)


@login_required
def akun(request):
    token = Token.objects.filter(user=request.user).first()
    return render(request, "akun/akun.html", {
        "wajib": dua_faktor.wajib_2fa(request.user),
        "aktif": dua_faktor.punya_2fa(request.user),
        "token": token,
        "token_kedaluwarsa_pada": services.token_kedaluwarsa_pada(token) if token else None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def siapkan(request):
    """Step 1 (POST "mulai"): a new unconfirmed authenticator. Step 2: scan the QR code, type a code;
    the confirmed authenticator replaces any older one and the recovery codes are shown once."""
    user = request.user
    if dua_faktor.punya_2fa(user) and not user.is_verified():
        # Replacing the authenticator needs the current one (or a recovery code) first.
        return redirect(_url("akun:2fa-verifikasi", next=_url("akun:2fa-siapkan")))
    galat = None
    if request.method == "POST" and "mulai" in request.POST:
        dua_faktor.perangkat_totp_baru(pengguna=user)
        return redirect(_url("akun:2fa-siapkan", next=_tujuan_aman(request)))
    perangkat = dua_faktor.perangkat_totp_tertunda(user)
    if request.method == "POST" and perangkat is not None:
        kode = dua_faktor.perangkat_totp_konfirmasi(pengguna=user, perangkat=perangkat, kode=request.POST.get("kode", ""))
        if kode is not None:
            perangkat.refresh_from_db()
            dua_faktor.sesi_tandai_terverifikasi(request, perangkat)
            return render(request, "akun/kode_pemulihan.html", {"kode": kode, "next": _tujuan_aman(request)})
        galat = gettext("Kode tidak cocok. Periksa jam ponsel Anda dan ketik kode yang sedang tampil (6 angka).")
    return render(request, "akun/2fa_siapkan.html", {
        "perangkat": perangkat,
        "qr": dua_faktor.qr_svg(perangkat.config_url) if perangkat else None,
        "rahasia": _rahasia_base32(perangkat) if perangkat else None,
        "wajib": dua_faktor.wajib_2fa(user),
        "galat": galat,
        "next": request.GET.get("next", ""),
    })


@login_required
@require_http_methods(["GET", "POST"])
def verifikasi(request):
    user = request.user
    if not dua_faktor.punya_2fa(user):
        return redirect(_url("akun:2fa-siapkan", next=_tujuan_aman(request)))
    galat = None
    if request.method == "POST":
        # Asked before trying: a code typed while on hold is not judged, and the user is told to wait.
        ditunda = dua_faktor.sedang_ditunda(user)
        perangkat = None if ditunda else dua_faktor.kode_cocok(user, request.POST.get("kode", ""))
        if perangkat is not None:
            dua_faktor.sesi_tandai_terverifikasi(request, perangkat)
            return redirect(_tujuan_aman(request))
        galat = (gettext("Terlalu banyak kode salah. Tunggu beberapa detik, lalu ketik kode yang sedang tampil.")
                 if ditunda else
                 gettext("Kode salah atau sudah dipakai. Coba lagi dengan kode yang sedang tampil di aplikasi "
                         "autentikator."))
    return render(request, "akun/2fa_verifikasi.html", {"galat": galat, "next": request.GET.get("next", "")},
                  status=400 if galat else 200)


@login_required
@require_POST
def kode_pemulihan_baru(request):
    if not request.user.is_verified():
        return redirect(_url("akun:2fa-verifikasi", next=_url("akun:akun")))
    kode = dua_faktor.kode_pemulihan_buat(pengguna=request.user)
    return render(request, "akun/kode_pemulihan.html", {"kode": kode, "next": _url("akun:akun")})


@login_required
@require_POST
def nonaktifkan(request):
    """Only for accounts that may do without it, and only from a verified session."""
    if dua_faktor.wajib_2fa(request.user):
        messages.error(request, gettext("Verifikasi dua langkah wajib untuk akun Anda dan tidak dapat dimatikan."))
    elif not request.user.is_verified():
        return redirect(_url("akun:2fa-verifikasi", next=_url("akun:akun")))
    else:
        dua_faktor.dua_faktor_hapus(pengguna=request.user)
        messages.success(request, gettext("Verifikasi dua langkah dimatikan untuk akun Anda."))
    return redirect("akun:akun")


@login_required
@require_POST
def keluar_semua(request):
    hasil = services.keluar_semua_perangkat(pengguna=request.user)
    logout(request)
    messages.success(request, f"Anda telah keluar dari semua perangkat ({hasil['sesi']} sesi, "
                              f"{hasil['token']} token API dicabut). Silakan masuk kembali.")
    return redirect("login")


def _url(nama, next: str | None = None):
    return reverse(nama) + (f"?{urlencode({'next': next})}" if next else "")


def _rahasia_base32(perangkat) -> str:
    from base64 import b32encode

    teks = b32encode(perangkat.bin_key).decode()
    return " ".join(teks[i:i + 4] for i in range(0, len(teks), 4))


@require_POST
def bahasa(request):
    """The language switch (issue 14): POST only (a GET changes nothing: 405). A signed-in user's choice is kept
    on the account (Pengguna.bahasa); everyone also gets Django's language cookie (used before signing in)."""
    from django.conf import settings
    from django.utils import translation

    kode = request.POST.get("bahasa", "")
    tujuan = _tujuan_aman(request)
    if kode not in dict(settings.LANGUAGES):
        messages.error(request, translation.gettext("Bahasa tidak dikenal."))
        return redirect(tujuan)
    if request.user.is_authenticated:
        services.pengguna_bahasa_ubah(pengguna=request.user, bahasa=kode)
    translation.activate(kode)
    respons = redirect(tujuan)
    respons.set_cookie(settings.LANGUAGE_COOKIE_NAME, kode, max_age=settings.LANGUAGE_COOKIE_AGE,
                       path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                       secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                       samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return respons
