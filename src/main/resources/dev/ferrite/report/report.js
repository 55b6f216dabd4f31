// Ferrite HTML report: sorts the findings table by the column whose header button is clicked.
// No network, no libraries. A second click on the same column reverses the order.
(function () {
  'use strict';
  var table = document.getElementById('findings');
  if (!table || !table.tHead || !table.tBodies.length) return;
  var heads = table.tHead.rows[0].cells;

  function key(row, col, type) {
    var cell = row.cells[col];
    var k = cell.getAttribute('data-key');
    if (k === null) k = cell.textContent;
    return type === 'num' ? (parseFloat(k) || 0) : k.toLowerCase();
  }

  function sortBy(col) {
    var th = heads[col];
    var type = th.getAttribute('data-sort');
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    for (var j = 0; j < heads.length; j++) heads[j].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col, type), y = key(b, col, type);
      var c = x < y ? -1 : x > y ? 1 : 0;
      if (c === 0) c = Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'));
      return c * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    table.setAttribute('data-sorted-by', th.id + ':' + th.getAttribute('aria-sort'));
  }

  Array.prototype.forEach.call(heads, function (th, col) {
    var button = th.querySelector('button');
    if (button) button.addEventListener('click', function () { sortBy(col); });
  });
})();
