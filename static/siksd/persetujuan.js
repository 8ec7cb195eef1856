// Approval dashboard: reopen the modal the server marked (a form with errors) (moved out of the page: the Content-Security-Policy allows no inline script).
document.querySelectorAll('.modal[data-buka="1"]').forEach(function (el) { bootstrap.Modal.getOrCreateInstance(el).show(); });
