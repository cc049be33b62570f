// One app process for the shared-limiter test: it calls one sub-account's
// contacts endpoint through a limiter whose counts live in Redis, then
// prints how many calls succeeded, and the errors of the rest, as JSON.
import {
  ApiClient,
  createOauthServices,
  openDatabase,
  RateLimiter,
  RedisRateLimitStore,
  scaledClock,
  TokenCipher,
} from '@hoopkit/core'

const config = JSON.parse(process.argv[2] ?? '{}') as {
  apiUrl: string
  clientId: string
  clientSecret: string
  appId: string
  databaseUrl: string
  key: string
  locationId: string
  calls: number
  scale: number
  origin: number
  redisUrl: string
  keyPrefix: string
}

const database = await openDatabase({ url: config.databaseUrl, migrate: false })
const oauth = createOauthServices({
  database,
  cipher: new TokenCipher(Buffer.from(config.key, 'base64')),
  client: {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    apiUrl: config.apiUrl,
  },
})
const clock = scaledClock(config.scale, config.origin)
const rateLimiter = new RateLimiter({
  clock,
  store: new RedisRateLimitStore({
    url: config.redisUrl,
    keyPrefix: config.keyPrefix,
  }),
})
const client = new ApiClient({
  appId: config.appId,
  apiUrl: config.apiUrl,
  tokens: oauth.refresher,
  clock,
  rateLimiter,
})

// Every worker starts calling at once: each reports ready, then waits for
// a line on stdin, since process start-up times differ by seconds.
// A test that ended early closes stdin, and the worker then exits instead of
// waiting forever on its open Redis and SQLite handles.
process.stdin.once('end', () => process.exit(1))
console.log('ready')
await new Promise((resolve) => process.stdin.once('data', resolve))
process.stdin.pause()

const results = await Promise.allSettled(
  Array.from({ length: config.calls }, () =>
    client.location(config.locationId).contacts.list({ limit: 1 }),
  ),
)
const errors = results
  .filter((result) => result.status === 'rejected')
  .map((result) => String((result as PromiseRejectedResult).reason))
console.log(JSON.stringify({ ok: config.calls - errors.length, errors }))

await rateLimiter.close()
await database.close()
