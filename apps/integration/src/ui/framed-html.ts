import { readFile } from 'node:fs/promises'

const metaName = 'hoopkit-frame-origins'

/**
 * Reads a built HTML page and writes the origins that may frame it into a
 * `<meta name="hoopkit-frame-origins">` tag, which the page's SSO
 * handshake reads to check the sender of the user context.
 */
export async function framedHtml(
  file: string,
  frameOrigins: readonly string[],
): Promise<string> {
  const html = await readFile(file, 'utf8')
  const meta = `<meta name="${metaName}" content="${escapeAttribute(
    frameOrigins.join(' '),
  )}">`
  if (html.includes('<head>')) {
    return html.replace('<head>', `<head>\n    ${meta}`)
  }
  return `${meta}\n${html}`
}

function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
}
