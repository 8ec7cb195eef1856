"""/api/v1/auth/…: the token endpoint of interfaces.md (`username`, `password` → `{"token": …}`),
plus rotation and revocation (docs/keamanan.md)."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from . import dua_faktor, services
from .throttles import ScopedRateThrottleAlamat


class TokenMintaSerializer(AuthTokenSerializer):
    otp = serializers.CharField(required=False, allow_blank=True, write_only=True, label="Kode dua langkah",
                                help_text="Wajib bagi akun yang memakai verifikasi dua langkah: kode 6 angka "
                                          "dari aplikasi autentikator, atau satu kode pemulihan.")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user = attrs["user"]
        if dua_faktor.ditegakkan() and (dua_faktor.wajib_2fa(user) or dua_faktor.punya_2fa(user)):
            if not dua_faktor.punya_2fa(user):
                raise serializers.ValidationError({"otp": [
                    "Akun ini wajib memakai verifikasi dua langkah. Siapkan dahulu lewat peramban "
                    "(menu Akun → Verifikasi dua langkah), lalu minta token dengan kodenya."]})
            if not attrs.get("otp"):
                raise serializers.ValidationError({"otp": ["Kode verifikasi dua langkah wajib diisi untuk akun ini."]})
            if dua_faktor.sedang_ditunda(user):
                raise serializers.ValidationError({"otp": [
                    "Terlalu banyak kode salah. Tunggu beberapa detik, lalu kirim kode yang sedang tampil."]})
            if dua_faktor.kode_cocok(user, attrs["otp"]) is None:
                raise serializers.ValidationError({"otp": ["Kode verifikasi dua langkah salah atau sudah dipakai."]})
        return attrs


TOKEN_JAWABAN = inline_serializer("Token", {"token": serializers.CharField(),
                                            "kedaluwarsa": serializers.DateTimeField()})


def _jawaban_token(token):
    return {"token": token.key, "kedaluwarsa": services.token_kedaluwarsa_pada(token)}


class TokenView(APIView):
    """POST username, password (and `otp` where two-factor applies) → {"token", "kedaluwarsa"}.
    Each request issues a new token and the account's previous one stops working (rotation);
    DELETE revokes the token sent with the request. Throttled by client address (alamat_klien),
    and django-axes counts failed passwords as it does for the login form."""

    throttle_classes = [ScopedRateThrottleAlamat]
    throttle_scope = "token"

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    def get_authenticators(self):
        # Asking for a token is authentication by password; a stale session or token must not get in the way.
        if getattr(self, "request", None) is not None and self.request.method == "POST":
            return []
        return super().get_authenticators()

    @extend_schema(request=TokenMintaSerializer, responses={200: TOKEN_JAWABAN}, auth=[])
    def post(self, request):
        s = TokenMintaSerializer(data=request.data, context={"request": request})
        s.is_valid(raise_exception=True)
        return Response(_jawaban_token(services.token_terbitkan(pengguna=s.validated_data["user"])))

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        services.token_cabut(pengguna=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenPerbaruiView(APIView):
    """POST with a valid token → a new token; the old one stops working (rotation before expiry)."""

    throttle_classes = [ScopedRateThrottleAlamat]
    throttle_scope = "token"

    @extend_schema(request=None, responses={200: TOKEN_JAWABAN})
    def post(self, request):
        if request.auth is None:
            return Response({"detail": "Perbarui token dengan mengirim token yang masih berlaku (Authorization: Token …)."},
                            status=status.HTTP_400_BAD_REQUEST)
        return Response(_jawaban_token(services.token_terbitkan(pengguna=request.user)))


class KeluarSemuaView(APIView):
    """POST → "keluar dari semua perangkat": the account's token and every browser session end."""

    @extend_schema(request=None, responses={200: inline_serializer("KeluarSemua", {
        "token_dicabut": serializers.IntegerField(), "sesi_diakhiri": serializers.IntegerField()})})
    def post(self, request):
        hasil = services.keluar_semua_perangkat(pengguna=request.user)
        return Response({"token_dicabut": hasil["token"], "sesi_diakhiri": hasil["sesi"]})
