"""The registry filter's hand-written <select> (kerjasama.forms.PilihanCepat) escapes like Django's widgets."""

import pytest

from kerjasama.forms import FilterRegistryForm
from tests.factories import MitraFactory

pytestmark = pytest.mark.django_db


def test_pilihan_mitra_di_filter_registri_di_escape_dan_yang_terpilih_ditandai():
    jahat = MitraFactory(nama='<script>alert("x")</script> & Co')
    lain = MitraFactory(nama="Kota Bogor Uji")
    html = str(FilterRegistryForm(data={"mitra": str(jahat.pk)})["mitra"])
    assert "<script>" not in html
    assert f'<option value="{jahat.pk}" selected>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</option>' in html
    assert f'<option value="{lain.pk}">Kota Bogor Uji</option>' in html
    assert html.startswith('<select id="id_mitra" name="mitra">') and html.endswith("</select>")
