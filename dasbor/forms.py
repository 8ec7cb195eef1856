from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.models import PreferensiNotifikasi


class PreferensiForm(forms.Form):
    surel = forms.ChoiceField(label=_("Notifikasi e-mail"), choices=PreferensiNotifikasi.Surel.choices,
                              widget=forms.RadioSelect)


class PublikasiForm(forms.Form):
    tampil = forms.BooleanField(label=_("Tampil di halaman publik"), required=False)
    nilai_publik = forms.BooleanField(label=_("Publikasikan nilai kerja sama"), required=False)
    catatan = forms.CharField(label=_("Catatan internal"), max_length=300, required=False)
