// Measures the action executor behind a node:http server on 127.0.0.1: a
// new execution (secret check, validation, claim in SQLite, handler,
// stored reply) and a repeated delivery that returns the stored reply.
// Writes its section of docs/benchmarks.md.
import { once } from 'node:events'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createWorkflowRuntime,
  defineAction,
  field,
  openDatabase,
} from '@hoopkit/core'
import { machineLine, writeBenchmarkSection } from '../benchmark-section.js'

const calls = 1_000
const secret = 'bench-action-secret-0000000001'

const action = defineAction({
  key: 'send_note',
  name: 'Send note',
  description: 'Returns the message.',
  fields: { message: field.string({ title: 'Message', required: true }) },
  handler: async ({ message }) => ({ noted: message }),
})

const folder = mkdtempSync(join(tmpdir(), 'hoopkit-bench-'))
const database = await openDatabase({ url: join(folder, 'bench.db') })
const runtime = createWorkflowRuntime({
  db: database.db,
  poster: { post: async () => ({ status: 200, body: {} }) },
  actions: [action],
  secret,
  apiUrl: 'http://127.0.0.1:9',
})
const server = createServer(async (request, response) => {
  const chunks: Buffer[] = []
  for await (const chunk of request) {
    chunks.push(chunk as Buffer)
  }
  const reply = await runtime.executor.execute({
    actionKey: 'send_note',
    headers: request.headers,
    body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
  })
  response.writeHead(reply.status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(reply.body))
})
server.listen(0, '127.0.0.1')
await once(server, 'listening')
const { port } = server.address() as AddressInfo
const url = `http://127.0.0.1:${port}`

function post(index: number): Promise<Response> {
  return fetch(`${url}/actions/send_note`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hoopkit-action-secret': secret,
    },
    body: JSON.stringify({
      data: { message: `note ${index}` },
      extras: {
        locationId: 'loc_B1',
        contactId: `ct_${index}`,
        workflowId: 'wf_1',
      },
      meta: { key: 'send_note', version: '1.0' },
    }),
  })
}

async function timeCalls(): Promise<number[]> {
  const durations: number[] = []
  for (let index = 0; index < calls; index += 1) {
    const start = performance.now()
    const response = await post(index)
    await response.text()
    durations.push(performance.now() - start)
  }
  return durations.sort((a, b) => a - b)
}

const fresh = await timeCalls()
const repeated = await timeCalls()
server.close()
await database.close()

const at = (list: number[], share: number) =>
  (list[Math.floor(list.length * share)] ?? 0).toFixed(2)
writeBenchmarkSection(
  'Workflow action endpoint',
  `Script: \`bench/workflows/action-executor.bench.ts\`. ${machineLine()} SQLite
file in the temporary folder; the client and a node:http server run in one
process on 127.0.0.1, one call at a time. Other builds and tests may run on the machine
at the same time.

| Measure | Median | 95th percentile |
|---|---|---|
| New execution, ${calls} calls | ${at(fresh, 0.5)} ms | ${at(fresh, 0.95)} ms |
| Repeated delivery of the same ${calls} calls | ${at(repeated, 0.5)} ms | ${at(repeated, 0.95)} ms |
`,
)
console.log(
  `new execution median ${at(fresh, 0.5)} ms; repeated delivery median ` +
    `${at(repeated, 0.5)} ms`,
)
