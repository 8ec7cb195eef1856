"""Template filters shared by every app's pages."""

from django import template

from kerjasama import alur

register = template.Library()


register.filter("label_tahap", alur.label_tahap)


@register.filter
def item_pemetaan(kasus):
    """The mapping item (Ps 17–18) a cooperation was started from, or None. Reads the reverse one-to-one
    only when the list selected it (`registry_list`), so a page never queries per row."""
    cache = getattr(kasus, "_state", None) and kasus._state.fields_cache
    return cache.get("item_pemetaan") if cache else None
