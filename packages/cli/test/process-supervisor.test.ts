import { createServer } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { ProcessSupervisor } from '../src/dev/process-supervisor.js'

// A child that serves /healthz, and on /pause stops listening for a while
// before it listens again, as a crashed and restarted backend would look.
const childSource = `
const { createServer } = require('node:http')
const port = Number(process.env.PORT)
const server = createServer((request, response) => {
  response.end('ok')
  if (request.url === '/pause') {
    server.close()
    server.closeAllConnections()
    setTimeout(() => server.listen(port, '127.0.0.1'), 800)
  }
})
server.listen(port, '127.0.0.1')
`

let supervisor: ProcessSupervisor | undefined
afterEach(async () => {
  await supervisor?.stopAll()
  supervisor = undefined
})

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      )
    })
  })
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('dev process supervisor', () => {
  test('reports a child that stops responding', async () => {
    const port = await freePort()
    const lines: string[] = []
    supervisor = new ProcessSupervisor({
      print: (line) => lines.push(line),
      watchIntervalMs: 50,
    })
    const url = `http://127.0.0.1:${port}`
    await supervisor.start({
      name: 'backend',
      command: process.execPath,
      args: ['-e', childSource],
      cwd: process.cwd(),
      env: { PATH: process.env['PATH'] ?? '', PORT: String(port) },
      readyUrl: `${url}/healthz`,
    })

    await fetch(`${url}/pause`)
    await until(() => lines.some((line) => line.includes('responds again')))

    expect(lines).toContain(
      `[backend] ${url}/healthz stopped responding: the process crashed or ` +
        'hangs; see its output above, then save a source file to restart ' +
        'it, or stop hoopkit dev and start it again',
    )
    expect(lines).toContain(`[backend] ${url}/healthz responds again`)
  })

  test('reports a child that exits', async () => {
    const lines: string[] = []
    supervisor = new ProcessSupervisor({ print: (line) => lines.push(line) })
    await supervisor.start({
      name: 'widgets',
      command: process.execPath,
      args: ['-e', 'setTimeout(() => process.exit(3), 100)'],
      cwd: process.cwd(),
      env: { PATH: process.env['PATH'] ?? '' },
    })

    await until(() => lines.length > 0)

    expect(lines).toEqual([
      '[widgets] exited with code 3: see its output above, then stop ' +
        'hoopkit dev and start it again',
    ])
  })

  test('says nothing of children it stops', async () => {
    const lines: string[] = []
    supervisor = new ProcessSupervisor({ print: (line) => lines.push(line) })
    await supervisor.start({
      name: 'widgets',
      command: process.execPath,
      args: ['-e', 'setInterval(() => {}, 1000)'],
      cwd: process.cwd(),
      env: { PATH: process.env['PATH'] ?? '' },
    })

    await supervisor.stopAll()
    await new Promise((resolve) => setTimeout(resolve, 100))

    expect(lines).toEqual([])
  })
})
