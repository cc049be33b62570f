import { createServer } from 'node:net'
import { HoopkitError } from '@hoopkit/core'

/**
 * Rejects when nothing can listen on `host:port`, with a message that names
 * the option to change. The backend runs under `tsx watch`, which keeps
 * waiting after the backend fails to listen, so the dev command checks the
 * port itself before it starts the backend.
 */
export function assertPortFree(
  host: string,
  port: number,
  option: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE' ? 'is in use' : `failed (${error.code})`
      reject(
        new HoopkitError(
          'CONFIG_INVALID',
          `listening on ${host}:${port} ${reason}: stop the process ` +
            `on that port or pass ${option} <free port>`,
          { cause: error },
        ),
      )
    })
    probe.listen({ host, port, exclusive: true }, () => {
      probe.close(() => resolve())
    })
  })
}
