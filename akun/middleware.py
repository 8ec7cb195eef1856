"""Second-factor enforcement: a signed-in account that needs two-factor login and has not passed it
in this session reaches nothing but the set-up/verify pages and logout (docs/keamanan.md)."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .dua_faktor import perlu_verifikasi, punya_2fa

# Pages a half-signed-in user must still reach: the second factor itself, logout, static assets,
# the health check and the public transparency page (which shows nothing signed-in users alone see).
JALUR_BEBAS = ("/akun/2fa/", "/keluar/", "/static/", "/sehat/", "/publik/", "/masuk/")


class Wajib2FAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and not request.path.startswith(JALUR_BEBAS) and perlu_verifikasi(user):
            if request.path.startswith("/api/"):
                # Session auth on the API: same rule. A token is issued only with the code (akun.api).
                return JsonResponse({"detail": "Verifikasi dua langkah diperlukan. Buka /akun/2fa/verifikasi/ di peramban."},
                                    status=403)
            tujuan = "akun:2fa-verifikasi" if punya_2fa(user) else "akun:2fa-siapkan"
            return redirect(f"{reverse(tujuan)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
