// Forms (issue 14): the error summary gets the focus; Bootstrap classes for fields rendered bare; submit buttons
// are disabled with a visible progress state while a long action (upload, PDF) runs. No inline script: the
// Content-Security-Policy allows only our own static files.
(function () {
  "use strict";

  function gayakan(root) {
    root.querySelectorAll("form[data-gaya-form] input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), form[data-gaya-form] select, form[data-gaya-form] textarea").forEach(function (el) {
      if (el.tagName === "SELECT") { el.classList.add("form-select"); } else { el.classList.add("form-control"); }
      if (el.closest("form").dataset.gayaForm === "kecil") {
        el.classList.add(el.tagName === "SELECT" ? "form-select-sm" : "form-control-sm");
      }
    });
  }

  function fokusRingkasan() {
    var ringkasan = document.getElementById("ringkasan-galat");
    if (ringkasan) {
      ringkasan.focus();
      ringkasan.scrollIntoView({block: "start"});
    }
  }

  function proses(form) {
    form.addEventListener("submit", function (ev) {
      if (form.dataset.sedangDikirim === "1") { ev.preventDefault(); return; }
      form.dataset.sedangDikirim = "1";
      form.setAttribute("aria-busy", "true");
      var tombol = ev.submitter || form.querySelector("button[type=submit], button:not([type])");
      // Disabled after the browser has read the form (a disabled submitter would drop its name/value).
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (b) {
          b.disabled = true;
        });
        if (tombol) {
          var teks = tombol.dataset.teksProses || "Memproses\u2026";
          tombol.dataset.teksAsli = tombol.textContent;
          tombol.innerHTML = '<span class="spinner-border spinner-border-sm me-1" aria-hidden="true"></span>';
          tombol.appendChild(document.createTextNode(teks));
        }
        var status = form.querySelector("[data-status-proses]");
        if (status) { status.textContent = "Sedang diproses, mohon tunggu\u2026"; }
      }, 0);
    });
  }

  // Back from the browser's cache (history back): the form works again.
  window.addEventListener("pageshow", function (ev) {
    if (!ev.persisted) { return; }
    document.querySelectorAll("form[data-sedang-dikirim]").forEach(function (form) {
      delete form.dataset.sedangDikirim;
      form.removeAttribute("aria-busy");
      form.querySelectorAll("button, input[type=submit]").forEach(function (b) {
        b.disabled = false;
        if (b.dataset.teksAsli) { b.textContent = b.dataset.teksAsli; }
      });
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    gayakan(document);
    fokusRingkasan();
    document.querySelectorAll("form[method=post], form[method=POST]").forEach(proses);
  });
})();
