import { request } from 'node:http'

/** The parts of a response that the shell tests read. */
export interface ShellResponse {
  status: number
  location: string | null
  page: string
}

/**
 * Sends a GET to the sandbox at `sandboxUrl` with the host of `origin` in
 * the Host header, as a browser that resolves `*.localhost` names to
 * 127.0.0.1 does. Node's resolver does not, and `fetch` overrides Host.
 * Redirects are returned, not followed.
 */
export function getAtOrigin(
  sandboxUrl: string,
  origin: string,
  path: string,
): Promise<ShellResponse> {
  const target = new URL(path, sandboxUrl)
  return new Promise((resolve, reject) => {
    const outgoing = request(
      target,
      { headers: { host: new URL(origin).host } },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('error', reject)
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            location: incoming.headers.location ?? null,
            page: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    outgoing.on('error', reject)
    outgoing.end()
  })
}
