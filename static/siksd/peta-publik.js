// Public page map (Leaflet, served from the xstatic package) (moved out of the page: the Content-Security-Policy allows no inline script).
(function () {
  var mitra = JSON.parse(document.getElementById('data-peta').textContent);
  var wilayah = JSON.parse(document.getElementById('data-wilayah').textContent);
  var peta = L.map('peta', { attributionControl: false, worldCopyJump: true, zoomControl: false });
  L.control.zoom({ zoomInTitle: 'Perbesar', zoomOutTitle: 'Perkecil' }).addTo(peta);
  // Base layer: provinces and neighbouring countries from Natural Earth (public domain), a static file of our own
  // (static/siksd/peta/SUMBER.md), in its own pane beneath the markers; never a tile server.
  var elPeta = document.getElementById('peta');
  peta.createPane('batas').style.zIndex = 350;
  var gaya = function (f) {
    var p = f.properties;
    if (p.jenis === 'negara') { return { color: '#c5ced6', weight: 0.6, fillColor: '#f6f7f8', fillOpacity: 1 }; }
    if (p.sekitar_bekasi) { return { color: '#7f8fa0', weight: 1, fillColor: '#fbfbf4', fillOpacity: 1 }; }
    return { color: '#a3b1bf', weight: 0.7, fillColor: '#ffffff', fillOpacity: 1 };
  };
  if (elPeta.dataset.batas) {
    fetch(elPeta.dataset.batas, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data) { L.geoJSON(data, { pane: 'batas', interactive: false, className: 'peta-dasar', style: gaya }).addTo(peta); }
      })
      .catch(function () { /* without the base layer the markers still stand on the plain background */ });
  }
  wilayah.forEach(function (p) { L.circleMarker(p, { radius: 2, color: '#adb5bd', weight: 0, fillOpacity: 0.8 }).addTo(peta); });
  var titik = [];
  mitra.forEach(function (m) {
    var tanda = L.circleMarker([m.lintang, m.bujur], { radius: 8, color: '#0b6e4f', fillColor: '#20c997', fillOpacity: 0.9 }).addTo(peta);
    var isi = document.createElement('div');
    var b = document.createElement('strong'); b.textContent = m.mitra; isi.appendChild(b);
    isi.appendChild(document.createElement('br')); isi.appendChild(document.createTextNode(m.judul + ' (' + m.jenis + ')'));
    tanda.bindPopup(isi);
    titik.push([m.lintang, m.bujur]);
  });
  // Kota Bekasi itself
  L.circleMarker([-6.2383, 106.9756], { radius: 7, color: '#0d6efd', fillOpacity: 0.9 }).addTo(peta).bindPopup('Kota Bekasi');
  titik.push([-6.2383, 106.9756]);
  if (titik.length > 1) { peta.fitBounds(titik, { padding: [30, 30], maxZoom: 9 }); } else { peta.setView(titik[0], 8); }
})();
