"""The main menu: each app registers its entry with the rule that decides who may open it, so that a menu item is
shown only to those it will not answer 403/404 (issue 14, "dead ends"). The core knows no app: they register here
from their `apps.ready()`, as they register case creators and deadline rules."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable


@dataclasses.dataclass(frozen=True)
class ItemMenu:
    kunci: str
    label: str
    url: str
    boleh: Callable  # user -> bool
    urutan: int = 50


_MENU: dict[str, ItemMenu] = {}


def daftar_menu(kunci: str, label: str, url: str, *, boleh: Callable | None = None, urutan: int = 50) -> None:
    _MENU[kunci] = ItemMenu(kunci, label, url, boleh or (lambda user: True), urutan)


def menu_untuk(user) -> list[ItemMenu]:
    return [m for m in sorted(_MENU.values(), key=lambda m: (m.urutan, m.label)) if m.boleh(user)]
