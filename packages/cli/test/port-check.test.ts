import { createServer, type Server } from 'node:net'
import { describe, expect, test } from 'vitest'
import { assertPortFree } from '../src/dev/port-check.js'

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      resolve({ server, port })
    })
  })
}

describe('assertPortFree', () => {
  test('rejects a port in use', async () => {
    const { server, port } = await listen()

    await expect(
      assertPortFree('127.0.0.1', port, '--backend-port'),
    ).rejects.toThrow(
      `listening on 127.0.0.1:${port} is in use: stop the process on ` +
        'that port or pass --backend-port <free port>',
    )
    server.close()
  })

  test('accepts a free port', async () => {
    const { server, port } = await listen()
    await new Promise((resolve) => server.close(resolve))

    await expect(
      assertPortFree('127.0.0.1', port, '--backend-port'),
    ).resolves.toBeUndefined()
  })
})
