// Mapping recommendation form: "add a proposal" row from the empty formset template (moved out of the page: the Content-Security-Policy allows no inline script).
document.getElementById("tambah-usulan").addEventListener("click", () => {
  const total = document.getElementById("id_item-TOTAL_FORMS");
  const html = document.getElementById("usulan-kosong").innerHTML.replaceAll("__prefix__", total.value);
  document.getElementById("daftar-usulan").insertAdjacentHTML("beforeend", html);
  total.value = parseInt(total.value, 10) + 1;
});
