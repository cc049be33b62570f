import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'

// Runs every `*.bench.ts` below this folder in turn. Each benchmark writes
// its own section of docs/benchmarks.md.
const files = readdirSync(new URL('.', import.meta.url), { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort()

for (const file of files) {
  console.log(`\n== ${file}`)
  const result = spawnSync('tsx', [file], { stdio: 'inherit' })
  if (result.status !== 0) {
    process.exitCode = 1
  }
}
