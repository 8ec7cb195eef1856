"""Second-factor enforcement: a signed-in account that needs two-factor login and has not passed it
in this session reaches nothing but the set-up/verify pages and logout (docs/keamanan.md)."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .dua_faktor import perlu_verifikasi, punya_2fa

# Pages a half-signed-in user must still reach: the second factor itself, logout, static assets,
# the health check and the public transparency page (which shows nothing signed-in users alone see).
JALUR_BEBAS = ("/akun/2fa/", "/akun/bahasa/", "/keluar/", "/static/", "/sehat/", "/publik/", "/masuk/")


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


class BahasaPenggunaMiddleware:
    """The signed-in user's interface language (Pengguna.bahasa, issue 14) for this request, after
    AuthenticationMiddleware; anonymous visitors keep what LocaleMiddleware read (cookie, Accept-Language).
    Official documents rendered during the request override it back to Indonesian themselves (kerjasama.pdf)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        user = getattr(request, "user", None)
        bahasa = getattr(user, "bahasa", "") if user is not None and user.is_authenticated else ""
        if request.path.startswith("/api/"):
            # The API's labels are part of its contract (interfaces.md: Indonesian), whoever asks.
            bahasa = settings.LANGUAGE_CODE
        if not bahasa or bahasa not in dict(settings.LANGUAGES):
            return self.get_response(request)
        sebelumnya = translation.get_language()
        translation.activate(bahasa)
        request.LANGUAGE_CODE = bahasa
        try:
            response = self.get_response(request)
        finally:
            # The thread's language goes back to what LocaleMiddleware chose: nothing after this request (another
            # request on the same thread, a test) is rendered in this user's language by accident.
            translation.activate(sebelumnya)
        response.headers.setdefault("Content-Language", bahasa)
        return response
