import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { arch, cpus, platform } from 'node:os'

const reportFile = new URL('../docs/benchmarks.md', import.meta.url)
const header =
  '# Benchmarks\n\nEach section is written by one script under `bench/` ' +
  '(`pnpm bench` runs them all). Numbers depend on the machine and on ' +
  'what else runs on it, so compare runs on one machine only.\n'

/** Describes the machine a benchmark ran on, for its section. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  return (
    `Measured on ${platform()} ${arch()}, ${cpus().length} × ${cpu}, ` +
    `Node.js ${process.version}, ${new Date().toISOString().slice(0, 10)}.`
  )
}

/**
 * Writes one section of docs/benchmarks.md, replacing the earlier section
 * with the same title and keeping the others.
 */
export function writeBenchmarkSection(title: string, body: string): void {
  const current = existsSync(reportFile)
    ? readFileSync(reportFile, 'utf8')
    : header
  const heading = `## ${title}\n`
  const section = `${heading}\n${body.trim()}\n`

  const start = current.indexOf(heading)
  if (start === -1) {
    writeFileSync(reportFile, `${current.trimEnd()}\n\n${section}`)
    return
  }
  const next = current.indexOf('\n## ', start + heading.length)
  const end = next === -1 ? current.length : next + 1
  const updated = `${current.slice(0, start)}${section}${next === -1 ? '' : '\n'}${current.slice(end)}`
  writeFileSync(reportFile, updated)
}
