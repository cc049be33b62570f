const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? '')
}

/**
 * Wraps page content in a small standalone document. The caller escapes
 * `body`, and this function escapes `title`.
 */
export function renderPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1f2933; }
  h1 { font-size: 1.5rem; }
  code { background: #f0f2f5; padding: 0 0.25rem; border-radius: 3px; }
  .error { border-left: 4px solid #c62828; padding-left: 1rem; }
  table { border-collapse: collapse; } td, th { padding: 0.25rem 1rem 0.25rem 0; text-align: left; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`
}
