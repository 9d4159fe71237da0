// Draws each [data-chart] element from the JSON the page carries in a <script
// type="application/json"> block (data, not code, so the Content Security Policy allows it).
// plotly.js (its basic partial bundle, build/plotly-basic.min.js) is served from this site.
const config = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines']
}

for (const element of document.querySelectorAll('[data-chart]')) {
  const source = document.getElementById(element.dataset.chart)
  if (!source || !window.Plotly) continue
  const figure = JSON.parse(source.textContent)
  window.Plotly.newPlot(element, figure.data, figure.layout, config)
}
