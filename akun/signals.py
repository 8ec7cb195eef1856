"""A changed password revokes the account's API token.

A signal because a password changes in many places (the admin, `changepassword`, the password
reset, a service): this is the one spot that sees all of them. Browser sessions need nothing here:
Django already ends them, since the session carries a hash of the password.
"""

from django.conf import settings
from django.db.models.signals import pre_save
from django.dispatch import receiver

from rest_framework.authtoken.models import Token


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="akun_cabut_token_saat_ganti_sandi")
def cabut_token_saat_ganti_sandi(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not instance.pk:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    lama = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if lama is not None and lama != instance.password:
        Token.objects.filter(user_id=instance.pk).delete()
