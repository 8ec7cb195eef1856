"""HTML forms as a browser submits them, for the load scenario (kept apart from locustfile.py: importing
locust patches threads with gevent, which Django's test client must not see)."""

import re
from html.parser import HTMLParser


class FormulirDasbor(HTMLParser):
    """The forms of the approval dashboard's steps as a browser would submit them: a decision's form (every
    field with the value the page prefilled) and the electronic signature's (`…/tte/`: its CSRF token; the
    scenario types the passphrase, benchmarks/persetujuan.py). A required field left empty is filled as the
    signatory would: the place of signing typed in, the first option offered chosen."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict]] = []
        self._wajib: set[str] = set()
        self._opsi_pertama: dict[str, str] = {}
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and re.match(r"^/dasbor/persetujuan/\d+/[\w-]+/(tte/)?$", a.get("action") or ""):
            self._form = {}
            self.forms.append((a["action"], self._form))
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._form[a["name"]] = a.get("value") or ""
            if "required" in a:
                self._wajib.add(a["name"])
        elif tag == "select":
            self._select = a.get("name")
            if "required" in a:
                self._wajib.add(self._select)
        elif tag == "option" and self._select:
            if a.get("value") and self._select not in self._opsi_pertama:
                self._opsi_pertama[self._select] = a["value"]
            if "selected" in a:
                self._form[self._select] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a.get("name")
            self._form[self._textarea] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            for nama in self._wajib:
                if not self._form.get(nama):
                    self._form[nama] = self._opsi_pertama.get(nama, "Bekasi")
            self._form, self._wajib, self._opsi_pertama = None, set(), {}
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def formulir_dasbor(html: str) -> list[tuple[str, dict]]:
    parser = FormulirDasbor()
    parser.feed(html)
    return parser.forms
