"""DRF authentication: `Authorization: Token <key>` (interfaces.md) with an expiry."""

from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from .services import token_kedaluwarsa


class TokenBerbatasWaktu(TokenAuthentication):
    """DRF's token, refused (and deleted) once SIKSD_TOKEN_MASA_BERLAKU_JAM hours have passed since it was issued."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_kedaluwarsa(token):
            token.delete()
            raise AuthenticationFailed("Token sudah kedaluwarsa. Minta token baru di /api/v1/auth/token/.")
        return user, token
