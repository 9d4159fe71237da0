// Draws each [data-chart] element from the JSON the page carries in a <script
// type="application/json"> block (data, not code, so the Content Security Policy allows it).
// plotly.js (its basic partial bundle, build/plotly-basic.min.js) is served from this site. It
// is fetched only once the page has been drawn: parsing it takes most of a second on a phone,
// which would otherwise hold back the first paint. The chart's box keeps its height meanwhile.
const config = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines']
}

function draw () {
  for (const element of document.querySelectorAll('[data-chart]')) {
    const source = document.getElementById(element.dataset.chart)
    if (!source || !window.Plotly) continue
    const figure = JSON.parse(source.textContent)
    window.Plotly.newPlot(element, figure.data, figure.layout, config)
  }
}

function loadPlotly (src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = src
    script.addEventListener('load', resolve)
    script.addEventListener('error', reject)
    document.head.append(script)
  })
}

const plotlySrc = document.querySelector('script[data-plotly-src]')?.dataset.plotlySrc
if (plotlySrc && document.querySelector('[data-chart]')) {
  // The callback of the next animation frame runs just before a paint; a task queued from it
  // runs after that paint.
  requestAnimationFrame(() => setTimeout(() => loadPlotly(plotlySrc).then(draw)))
}
