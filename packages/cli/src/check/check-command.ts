import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { parseEnv } from 'node:util'
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
  /** A dotenv file whose variables override `env`. */
  envFile?: string
  print: (line: string) => void
}

/**
 * Runs `hoopkit check`: loads the app's declaration and the environment,
 * prints each problem and warning in plain words and returns the exit
 * code, 1 when there is a problem.
 */
export async function runCheck(options: CheckOptions): Promise<number> {
  const env = { ...options.env, ...readEnvFile(options.envFile) }
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

function readEnvFile(file: string | undefined): Record<string, string> {
  if (file === undefined) {
    return {}
  }
  return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>
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
