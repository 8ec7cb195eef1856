"""Template filters shared by every app's pages."""

from django import template

from kerjasama import alur

register = template.Library()


register.filter("label_tahap", alur.label_tahap)
register.filter("label_riwayat", alur.label_riwayat)


@register.filter
def label_aturan(kode):
    """A deadline rule by its title, never its code."""
    from kerjasama.selectors import label_aturan as label

    return label(kode)


@register.filter
def label_tahap_kasus(kode, kelas):
    """`{{ kode|label_tahap_kasus:ks.kelas }}`: a stage code of that kind's machine by its label."""
    return alur.label_tahap_kode(kelas, kode)


@register.filter
def item_pemetaan(kasus):
    """The mapping item (Ps 17–18) a cooperation was started from, or None. Reads the reverse one-to-one
    only when the list selected it (`registry_list`), so a page never queries per row."""
    cache = getattr(kasus, "_state", None) and kasus._state.fields_cache
    return cache.get("item_pemetaan") if cache else None
