"""`{% kop_naskah penandatangan as kop %}`: the letterhead of a generated document from its signatory (issue 13
item 5). A signatory whose register entry (or the dict of `tte.services.identitas_penandatangan`) says
`kop == "wali_kota"` gets the Wali Kota's own letterhead with the national emblem; everyone else the
Sekretariat Daerah's with the city emblem. Emblems come from the administrator's settings."""

from django import template

register = template.Library()


@register.simple_tag
def kop_naskah(penandatangan=None):
    from tte.models import Pejabat
    from tte.naskah import kop

    jenis = penandatangan.get("kop") if isinstance(penandatangan, dict) else getattr(penandatangan, "kop", None)
    return kop(Pejabat(kop=jenis or Pejabat.Kop.SETDA))
