"""What the KSDPK panel on the case page may offer the user (the permission rules stay in ksdpk.permissions)."""

from django import template

from ksdpk import permissions

register = template.Library()


@register.simple_tag
def izin_ksdpk(kasus, user) -> dict:
    return {"kelola": permissions.pengelola_data(user, kasus), "pemilihan": permissions.boleh_lihat_pemilihan(user, kasus)}
