import { devRunFilePath, readDevRunFile } from '../dev/dev-run-file.js'

/** The sandbox that `hoopkit dev` starts when no port is given. */
export const defaultSandboxUrl = 'http://127.0.0.1:4100'

export interface SandboxUrl {
  url: string
  /** The origin of the URL for messages, such as `the URL of --sandbox`. */
  source: string
}

/**
 * Chooses the sandbox to send to: `--sandbox`, else the URL that a running
 * `hoopkit dev` wrote to `<data dir>/dev-run.json`, else the default port.
 */
export function findSandboxUrl(options: {
  sandboxOption: string | undefined
  dataDir: string
}): SandboxUrl {
  if (options.sandboxOption) {
    return { url: options.sandboxOption, source: 'the URL of --sandbox' }
  }

  const file = devRunFilePath(options.dataDir)
  const run = readDevRunFile(options.dataDir)
  if (run === undefined) {
    return {
      url: defaultSandboxUrl,
      source: `the default URL, since ${file} does not exist`,
    }
  }

  // A `hoopkit dev` killed with SIGKILL leaves its run file behind.
  if (!isProcessRunning(run.pid)) {
    return {
      url: defaultSandboxUrl,
      source:
        `the default URL, since the \`hoopkit dev\` that wrote ${file} ` +
        `(process ${run.pid}) is not running`,
    }
  }
  return { url: run.sandboxUrl, source: `the URL in ${file}` }
}

/**
 * Checks whether a process with this id exists. A pid that is not a positive
 * integer counts as alive, so the run file's URL is still tried.
 */
function isProcessRunning(pid: unknown): boolean {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) {
    return true
  }

  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}
