// Draws a bar chart of each shown product's stars from the numbers in the page's table (the same cells a reader sees).
document.querySelectorAll('canvas[data-row]').forEach(function (canvas) {
  var cells = document.querySelectorAll('#' + CSS.escape(canvas.dataset.row) + ' td[data-star]');
  var counts = Array.prototype.map.call(cells, function (cell) { return Number(cell.textContent); });
  new Chart(canvas, {
    type: 'bar',
    data: { labels: ['1 ★', '2 ★', '3 ★', '4 ★', '5 ★'], datasets: [{ label: 'Ratings', data: counts, backgroundColor: '#1f4d3a' }] },
    options: { animation: false, responsive: false, plugins: { legend: { display: false } },
               scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
});
