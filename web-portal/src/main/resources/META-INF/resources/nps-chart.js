// Draws the NPS line chart from the tables on the page (the tables are the source of truth): one line per table,
// the rows' first cells as the labels, a cell's data-nps as the point (empty: no answers, a gap).
(function () {
  const tables = document.querySelectorAll('table.nps-series');
  const canvas = document.getElementById('nps-chart');
  if (!canvas || tables.length === 0 || typeof Chart === 'undefined') {
    return;
  }
  const rows = (table) => Array.from(table.tBodies[0].rows);
  const labels = rows(tables[0]).map((row) => row.cells[0].textContent);
  const colours = ['#1f4d3a', '#a4262c', '#5c4400', '#2b5797', '#6b2c91'];
  const datasets = Array.from(tables).map((table, i) => ({
    label: table.dataset.label,
    data: rows(table).map((row) => (row.cells[1].dataset.nps === '' ? null : Number(row.cells[1].dataset.nps))),
    borderColor: colours[i % colours.length],
    backgroundColor: colours[i % colours.length],
    borderDash: i === 0 ? [] : [6, 3],
    spanGaps: false,
  }));
  new Chart(canvas, {
    type: 'line',
    data: { labels: labels, datasets: datasets },
    options: { animation: false, scales: { y: { min: -100, max: 100, title: { display: true, text: 'NPS' } } } },
  });
})();
