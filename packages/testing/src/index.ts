export { tempPostgresUrl, tempSqliteUrl } from './temp-database.js'
export { testEnv } from './test-env.js'
