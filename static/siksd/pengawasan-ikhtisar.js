// Supervision overview filter: Bootstrap classes (moved out of the page: the Content-Security-Policy allows no inline script).
document.querySelectorAll('form select').forEach(e => e.classList.add('form-select', 'form-select-sm')); document.querySelectorAll('form input[type=checkbox]').forEach(e => e.classList.add('form-check-input'));
