"""`{% kop_naskah penandatangan as kop %}`: the letterhead of a generated document from its signatory (issue 13
item 5). A signatory whose register entry (or the dict of `tte.services.identitas_penandatangan`) says
`kop == "wali_kota"` gets the Wali Kota's own letterhead with the national emblem; everyone else the
Sekretariat Daerah's with the city emblem. Emblems come from the administrator's settings."""

from django import template

register = template.Library()


@register.simple_tag
def kop_naskah(penandatangan=None):
    from tte.models import Pejabat
    from tte.naskah import jenis_kop, kop

    # The letterhead follows the actual signatory, also when a letter passes only its signature block.
    return kop(Pejabat(kop=jenis_kop(penandatangan)))
