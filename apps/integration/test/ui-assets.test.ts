import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startUiBackend, type UiTestBackend } from './ui-test-backend.js'

// `hoopkit dev` starts the backend before the first vite build has written
// any asset, so the backend must serve assets that appear after it starts.
describe('UI assets', () => {
  const pagesDir = mkdtempSync(join(tmpdir(), 'hoopkit-pages-'))
  const widgetsDir = mkdtempSync(join(tmpdir(), 'hoopkit-widgets-'))
  let backend: UiTestBackend

  beforeAll(async () => {
    backend = await startUiBackend({
      HOOPKIT_CUSTOM_PAGE_DIR: pagesDir,
      HOOPKIT_WIDGETS_DIR: widgetsDir,
    })
  })

  afterAll(async () => {
    await backend.close()
  })

  test('serves assets built after startup', async () => {
    mkdirSync(join(pagesDir, 'assets'))
    writeFileSync(join(pagesDir, 'assets', 'index-abc.js'), 'export {}\n')
    mkdirSync(join(widgetsDir, 'assets'))
    writeFileSync(join(widgetsDir, 'assets', 'contact-abc.js'), 'export {}\n')

    const page = await fetch(`${backend.url}/pages/assets/index-abc.js`)
    const widget = await fetch(`${backend.url}/widgets/assets/contact-abc.js`)

    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('javascript')
    expect(widget.status).toBe(200)
    expect(widget.headers.get('content-type')).toContain('javascript')
  })

  test('missing asset is 404, not the page', async () => {
    const response = await fetch(`${backend.url}/pages/assets/missing.js`)

    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).not.toContain('text/html')
  })
})
