// Loaded as a classic, synchronous <script> at the top of <body>. Does what the
// GOV.UK page template's inline script does (inline scripts are blocked by CSP).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
