// Registry filter form: Bootstrap classes on the django-filter fields (moved out of the page: the Content-Security-Policy allows no inline script).
document.querySelectorAll('form[role=search] input, form[role=search] select').forEach(e => e.classList.add(e.tagName === 'SELECT' ? 'form-select' : 'form-control', 'form-control-sm'));
