// Runs in a child process: waits at the test server's barrier, then
// requests one location's token several times at once and prints them.
// With a company id as the fifth argument, a missing token is minted.
import { TokenCipher } from '../../src/crypto/token-cipher.js'
import { openDatabase } from '../../src/db/database.js'
import { createOauthServices } from '../../src/oauth/oauth-services.js'
import { testAppId, testClientId, testClientSecret } from './oauth-fixture.js'

const [apiUrl = '', databaseUrl = '', cipherKey = '', calls = '5', companyId] =
  process.argv.slice(2)

const database = await openDatabase({ url: databaseUrl, migrate: false })
const oauth = createOauthServices({
  database,
  cipher: new TokenCipher(cipherKey),
  client: { clientId: testClientId, clientSecret: testClientSecret, apiUrl },
})

await fetch(new URL('/barrier', apiUrl))
const tokens = await Promise.all(
  Array.from({ length: Number(calls) }, () =>
    oauth.refresher.accessToken({
      appId: testAppId,
      userType: 'Location',
      resourceId: 'loc_A1',
      ...(companyId ? { companyId } : {}),
    }),
  ),
)
await database.close()
process.stdout.write(JSON.stringify(tokens.map((token) => token.token)))
