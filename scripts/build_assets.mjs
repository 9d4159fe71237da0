// Builds front-end assets into static/build/ (and nowhere else).
// Run with `npm run build`. Uses only local node_modules; no network.
import { compile } from 'sass'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'static', 'src')
const out = join(root, 'static', 'build')
const govuk = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk')

// GOV.UK-only files that must never be served by a council service.
const forbiddenAssets = [
  /(^|\/)fonts\//, // GDS Transport
  /govuk-crest/, // Royal Coat of Arms
  /govuk-icon/, // GOV.UK app icons
  /favicon/, // GOV.UK favicon
  /manifest\.json$/ // GOV.UK web app manifest (lists the icons above)
]

function fail (message) {
  console.error(`build_assets: ${message}`)
  process.exit(1)
}

function outPath (name) {
  const path = resolve(out, name)
  if (!path.startsWith(out + sep)) fail(`refusing to write outside static/build/: ${name}`)
  return path
}

function copy (from, name) {
  const to = outPath(name)
  mkdirSync(dirname(to), { recursive: true })
  copyFileSync(from, to)
}

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

// 1. CSS
const { css } = compile(join(src, 'app.scss'), {
  style: 'compressed',
  loadPaths: [join(root, 'node_modules')],
  sourceMap: false,
  quietDeps: true
})
if (/GDS Transport/i.test(css)) fail('app.css mentions GDS Transport')
// The only allowed "http" text is GOV.UK Frontend's print-link attribute
// selectors, e.g. [href^="https://"], which match links and load nothing.
if (/https?:\/\/(?!"\])/i.test(css)) fail('app.css contains an http(s) URL')
if (/@import/i.test(css)) fail('app.css contains an @import')
writeFileSync(outPath('app.css'), css + '\n')

// 2. Files referenced by url() in the CSS: copy each from govuk-frontend.
const urls = [...css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/g)].map((m) => m[2])
for (const url of [...new Set(urls)].sort()) {
  if (url.startsWith('data:')) continue
  const name = url.split(/[?#]/)[0]
  if (name.startsWith('/') || name.includes('..') || !name.startsWith('assets/')) {
    fail(`unexpected url() in app.css: ${url}`)
  }
  const asset = name.slice('assets/'.length)
  if (forbiddenAssets.some((re) => re.test(asset))) fail(`app.css references GOV.UK-only asset: ${url}`)
  const from = join(govuk, 'assets', asset)
  if (!existsSync(from)) fail(`app.css references ${url}, not found in govuk-frontend`)
  copy(from, name)
}

// 3. JavaScript
copy(join(govuk, 'govuk-frontend.min.js'), 'govuk-frontend.min.js')
// The .js ends with a sourceMappingURL comment; ship the map so that it
// resolves (Django's ManifestStaticFilesStorage fails on a missing one).
copy(join(govuk, 'govuk-frontend.min.js.map'), 'govuk-frontend.min.js.map')
copy(join(src, 'js', 'app.js'), 'app.js')
copy(join(src, 'js', 'init.js'), 'init.js')
copy(join(src, 'js', 'returns.js'), 'returns.js')
copy(join(src, 'js', 'charts.js'), 'charts.js')
// plotly.js's "basic" partial bundle (scatter, bar and pie traces): the charts draw only
// scatter lines, markers and fills (kpis/charts.py), and the full bundle is four times larger.
copy(join(root, 'node_modules', 'plotly.js-basic-dist-min', 'plotly-basic.min.js'), 'plotly-basic.min.js')
copy(join(src, 'js', 'print.js'), 'print.js')
copy(join(src, 'js', 'pack-build.js'), 'pack-build.js')

// 4. Final check: every url() in app.css points at a file in static/build/.
for (const url of urls) {
  if (!url.startsWith('data:') && !existsSync(join(out, url.split(/[?#]/)[0]))) fail(`missing ${url}`)
}

function list (dir) {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? list(path) : [path]
  })
}
for (const file of list(out)) {
  console.log(`${String(statSync(file).size).padStart(8)}  ${relative(root, file)}`)
}
console.log(`build_assets: ${urls.length} url() reference(s) in app.css, all present`)
