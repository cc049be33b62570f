/**
 * Where the tests find the machine's services. CI sets `CI=true`, and then a
 * missing service fails the run instead of skipping the tests that need it.
 */
export const testEnv = Object.freeze({
  ci: process.env['CI'] === 'true',
  postgresUrl:
    process.env['TEST_POSTGRES_URL'] ??
    'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  chromiumPath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
})
