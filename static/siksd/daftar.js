// Row editor for "daftar" fields: turns the JSON textarea into a small table of rows.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("textarea[data-daftar]").forEach((area) => {
    const spec = JSON.parse(area.dataset.isian || "[]");
    if (!spec.length) return;
    const wrap = document.createElement("div");
    const table = document.createElement("table");
    table.className = "table table-sm table-bordered";
    table.innerHTML = "<thead><tr>" + spec.map((s) => `<th>${s.label}${s.wajib ? " *" : ""}</th>`).join("") + "<th></th></tr></thead><tbody></tbody>";
    const body = table.querySelector("tbody");
    const addRow = (values = {}) => {
      const tr = document.createElement("tr");
      tr.innerHTML = spec.map((s) => {
        const type = s.tipe === "tanggal" ? "date" : (s.tipe === "angka" || s.tipe === "uang") ? "number" : "text";
        if (s.pilihan) {
          return `<td><select class="form-select form-select-sm" data-nama="${s.nama}"><option value=""></option>${s.pilihan.map((p) => `<option value="${p.nilai}">${p.label}</option>`).join("")}</select></td>`;
        }
        return `<td><input class="form-control form-control-sm" type="${type}" data-nama="${s.nama}"></td>`;
      }).join("") + '<td><button type="button" class="btn btn-sm btn-outline-danger">×</button></td>';
      tr.querySelectorAll("[data-nama]").forEach((el) => { if (values[el.dataset.nama] !== undefined) el.value = values[el.dataset.nama]; });
      tr.querySelector("button").onclick = () => { tr.remove(); sync(); };
      tr.addEventListener("input", sync);
      body.appendChild(tr);
    };
    const sync = () => {
      const rows = [...body.querySelectorAll("tr")].map((tr) => {
        const o = {};
        tr.querySelectorAll("[data-nama]").forEach((el) => { if (el.value !== "") o[el.dataset.nama] = el.value; });
        return o;
      }).filter((o) => Object.keys(o).length);
      area.value = rows.length ? JSON.stringify(rows) : "";
    };
    let initial = [];
    try { initial = area.value ? JSON.parse(area.value) : []; } catch (e) { initial = []; }
    (initial.length ? initial : [{}]).forEach((v) => addRow(v));
    const add = document.createElement("button");
    add.type = "button"; add.className = "btn btn-sm btn-outline-secondary"; add.textContent = "+ Tambah baris";
    add.onclick = () => addRow();
    wrap.appendChild(table); wrap.appendChild(add);
    area.style.display = "none";
    area.parentNode.insertBefore(wrap, area.nextSibling);
    area.closest("form").addEventListener("submit", sync);
  });
});
