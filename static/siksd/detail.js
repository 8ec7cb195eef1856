// Case page: Bootstrap classes on the fields of the transition forms (moved out of the page: the Content-Security-Policy allows no inline script).
document.querySelectorAll('details form input, details form select').forEach(e => e.classList.add(e.tagName === 'SELECT' ? 'form-select' : 'form-control', 'form-control-sm'));
