// Loaded as <script type="module">. Initialises all GOV.UK Frontend components.
import { initAll } from './govuk-frontend.min.js'

initAll()
