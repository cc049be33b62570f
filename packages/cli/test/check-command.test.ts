import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { startCli } from './cli-process.js'

const goodEnv = {
  HOOPAI_CLIENT_ID: '0123456789abcdef01234567-abcd1234',
  HOOPAI_CLIENT_SECRET: '5b1f6c5e-2f51-4c55-9d7e-0d5b3f1e9a10',
  HOOPKIT_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  HOOPAI_API_URL: 'http://127.0.0.1:4100',
  HOOPAI_MARKETPLACE_URL: 'http://127.0.0.1:4100',
  PUBLIC_URL: 'https://notes.example.test',
  HOOPAI_SSO_KEY: 'sso-shared-secret',
  HOOPKIT_ACTION_SECRET: 'action-secret-0123456789',
}

async function check(
  app: string,
  env: Record<string, string>,
  extraArgs: string[] = [],
) {
  const appDir = `packages/cli/test/fixtures/${app}`
  const run = startCli(['check', '--app', appDir, ...extraArgs], env)
  const code = await run.exited
  return { code, lines: run.output().trim().split('\n') }
}

describe('hoopkit check', () => {
  test('passes a good declaration and environment', async () => {
    const result = await check('good', goodEnv)

    expect(result.code).toBe(0)
    expect(result.lines).toEqual([
      'hoopkit check: packages/cli/test/fixtures/good/hoopkit.app.ts and the environment',
      'No problems found.',
    ])
  })

  test('names an invalid scope', async () => {
    const result = await check('invalid-scope', goodEnv)

    expect(result.code).toBe(1)
    expect(result.lines).toContainEqual(
      expect.stringMatching(/^ {2}problem: declaration scopes\.1 is invalid: /),
    )
  })

  test('reports URLs, scopes and missing variables', async () => {
    const {
      HOOPKIT_SECRET_KEY: _key,
      HOOPAI_API_URL: _api,
      HOOPAI_MARKETPLACE_URL: _marketplace,
      ...env
    } = goodEnv
    const result = await check('wrong-urls', env)

    expect(result.code).toBe(1)
    expect(result.lines).toEqual([
      'hoopkit check: packages/cli/test/fixtures/wrong-urls/hoopkit.app.ts and the environment',
      '  problem: webhook event ContactCreate needs scope contacts.readonly: add it to scopes',
      '  problem: redirectUri https://elsewhere.example.test/oauth/callback is not under PUBLIC_URL https://notes.example.test: use a path such as /oauth/callback, or fix PUBLIC_URL',
      '  problem: HOOPKIT_SECRET_KEY is missing: set it to 32 random bytes in base64 (`openssl rand -base64 32`)',
      '  warning: HOOPAI_API_URL is not set: hoopkit calls the real platform at https://services.leadconnectorhq.com. Set it to the sandbox URL for local runs',
      '  warning: HOOPAI_MARKETPLACE_URL is not set: hoopkit sends installs to https://marketplace.gohighlevel.com. Set it to the sandbox URL for local runs',
      '3 problems, 2 warnings.',
    ])
  })

  test('rejects settings the backend cannot start with', async () => {
    const result = await check('good', {
      ...goodEnv,
      PUBLIC_URL: 'not a url',
      HOOPAI_WEBHOOK_PUBLIC_KEY: 'notakey',
      HOOPAI_API_URL: 'ftp://127.0.0.1:4100',
    })

    expect(result.code).toBe(1)
    expect(result.lines).toContainEqual(
      '  problem: PUBLIC_URL "not a url" is not a URL: set it to the HTTPS origin at which HoopAI reaches the backend',
    )
    expect(result.lines).toContainEqual(
      expect.stringMatching(
        /^ {2}problem: HOOPAI_WEBHOOK_PUBLIC_KEY: key 1 is not a valid public key/,
      ),
    )
    expect(result.lines).toContainEqual(
      '  problem: HOOPAI_API_URL must be an http or https URL, such as https://example.com',
    )
  })

  test('warns when SSO and action secrets are unset', async () => {
    const {
      HOOPAI_SSO_KEY: _sso,
      HOOPKIT_ACTION_SECRET: _action,
      ...env
    } = goodEnv
    const result = await check('good', env)

    expect(result.code).toBe(0)
    expect(result.lines).toContainEqual(
      expect.stringMatching(/^ {2}warning: HOOPAI_SSO_KEY is not set: /),
    )
    expect(result.lines).toContainEqual(
      expect.stringMatching(/^ {2}warning: HOOPKIT_ACTION_SECRET is not set: /),
    )
  })

  test('reads variables from an env file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hoopkit-check-'))
    const envFile = join(folder, 'app.env')
    const lines = Object.entries(goodEnv).map(
      ([name, value]) => `${name}=${value}`,
    )
    writeFileSync(envFile, `${lines.join('\n')}\n`)
    const result = await check('good', {}, ['--env-file', envFile])

    expect(result.code).toBe(0)
    expect(result.lines.at(-1)).toBe('No problems found.')
  })
})
