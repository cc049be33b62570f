import { readFileSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { parseEnv } from 'node:util'
import { HoopkitError } from '@hoopkit/core'
import { loadDeclaration } from '../declaration-loader.js'
import {
  type CheckReport,
  checkDeclaration,
  checkEnvironment,
} from './project-check.js'

export interface CheckOptions {
  appDir: string
  /** The folder that paths in the output are shown relative to. */
  root: string
  env: Record<string, string | undefined>
  /** The folder that a relative `envFile` path resolves against. */
  cwd: string
  /** A dotenv file whose variables override `env`, and its option name. */
  envFile?: { option: string; path: string }
  print: (line: string) => void
}

/**
 * Runs `hoopkit check`: loads the app's declaration and the environment,
 * prints each problem and warning in plain words and returns the exit
 * code, 1 when there is a problem.
 */
export async function runCheck(options: CheckOptions): Promise<number> {
  const env = { ...options.env, ...readEnvFile(options) }
  const report: CheckReport = checkEnvironment(env)

  const load = await loadDeclaration(options.appDir)
  if (load.ok) {
    const declared = checkDeclaration(load.declaration, env)
    report.problems.unshift(...declared.problems)
    report.warnings.unshift(...declared.warnings)
  } else {
    report.problems.unshift(...load.problems)
  }

  const where = relative(options.root, options.appDir) || '.'
  options.print(`hoopkit check: ${where}/hoopkit.app.ts and the environment`)
  for (const problem of report.problems) {
    options.print(`  problem: ${problem}`)
  }
  for (const warning of report.warnings) {
    options.print(`  warning: ${warning}`)
  }
  options.print(summary(report))
  return report.problems.length > 0 ? 1 : 0
}

function readEnvFile(options: CheckOptions): Record<string, string> {
  if (options.envFile === undefined) {
    return {}
  }

  const { option, path } = options.envFile
  let text: string
  try {
    text = readFileSync(resolve(options.cwd, path), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    const base = isAbsolute(path) ? '' : `, which is relative to ${options.cwd}`
    const message =
      code === 'ENOENT'
        ? `${option} ${path}: file not found: check the path${base}`
        : `${option} ${path}: cannot read the file (${code}): pass a ` +
          'dotenv file'
    throw new HoopkitError('CONFIG_INVALID', message, { cause: error })
  }
  return parseEnv(text) as Record<string, string>
}

function summary(report: CheckReport): string {
  const { problems, warnings } = report
  if (problems.length === 0 && warnings.length === 0) {
    return 'No problems found.'
  }
  return `${count(problems.length, 'problem')}, ${count(warnings.length, 'warning')}.`
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`
}
