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

  const run = readDevRunFile(options.dataDir)
  if (run !== undefined) {
    return {
      url: run.sandboxUrl,
      source: `the URL in ${devRunFilePath(options.dataDir)}`,
    }
  }
  return {
    url: defaultSandboxUrl,
    source:
      `the default URL, since ${devRunFilePath(options.dataDir)} does ` +
      'not exist',
  }
}
