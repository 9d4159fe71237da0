// A report pack being made in the background: poll its status and show the progress in the
// page's live region; when it has finished, reload so that the page shows the result (the
// new version, the draft's link, or what went wrong). Without JavaScript the page says to
// refresh it, and shows the same.
const POLL_MS = 2000

for (const panel of document.querySelectorAll('[data-pack-build-url]')) {
  const status = panel.querySelector('[data-pack-build-status]')
  const poll = async () => {
    try {
      const response = await fetch(panel.dataset.packBuildUrl, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store'
      })
      if (response.ok) {
        const build = await response.json()
        if (build.finished) {
          window.location.reload()
          return
        }
        if (status) status.textContent = `${build.label}: ${build.progress || 'waiting for the worker'}`
      }
    } catch {
      // Offline for a moment: try again at the next tick; the refresh link still works.
    }
    window.setTimeout(poll, POLL_MS)
  }
  window.setTimeout(poll, POLL_MS)
}
