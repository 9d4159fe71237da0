// The monthly return: show each KPI's RAG as the figures are typed. The rating comes from the
// server's RAG engine (kpis/rag.py), so it is the same as on every other page.
const DELAY_MS = 300
const TAG_CLASSES = {
  green: 'govuk-tag--green',
  amber: 'govuk-tag--orange',
  red: 'govuk-tag--red',
  'not-due': 'govuk-tag--blue'
}

function showRag (output, rag, label) {
  const tag = document.createElement('strong')
  tag.className = `govuk-tag app-rag ${TAG_CLASSES[rag] || 'govuk-tag--grey'}`
  tag.textContent = label
  output.replaceChildren(tag)
}

for (const row of document.querySelectorAll('[data-rag-url]')) {
  const output = row.querySelector('[data-rag-output]')
  const inputs = row.querySelectorAll('[data-rag-input]')
  if (!output || !inputs.length) continue
  let timer = null
  let latest = 0
  const update = async () => {
    const params = new URLSearchParams({ kpi: row.dataset.kpi })
    for (const input of inputs) params.set(input.dataset.ragInput, input.value)
    const request = ++latest
    try {
      const response = await fetch(`${row.dataset.ragUrl}?${params}`, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      })
      if (!response.ok || request !== latest) return
      const result = await response.json()
      showRag(output, result.rag, result.valid ? result.label : 'Check the figure')
    } catch {
      // Offline or the session ended: the RAG is worked out again when the form is saved.
    }
  }
  for (const input of inputs) {
    input.addEventListener('input', () => {
      clearTimeout(timer)
      timer = setTimeout(update, DELAY_MS)
    })
  }
}

// The approval page: a "Select all" box (shown only when this script runs) that ticks every
// value the manager may approve.
for (const control of document.querySelectorAll('[data-select-all]')) {
  const box = control.querySelector('input[type="checkbox"]')
  const form = control.closest('form')
  const boxes = [...form.querySelectorAll(`input[name="${control.dataset.selectAll}"]`)]
    .filter((input) => !input.getAttribute('aria-describedby')?.includes('-hint'))
  if (!box || !boxes.length) continue
  control.hidden = false
  box.addEventListener('change', () => {
    for (const input of boxes) input.checked = box.checked
  })
}
