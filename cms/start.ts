import { ensureAdminBuild } from './adminBuild'
import { resolvePayloadSecret } from './secret'
import { seedDemo } from './seed'
import { startServer } from './server'

/*
 * `npm start`: a newcomer's whole CMS. The user's NODE_ENV decides whether a secret may be
 * generated; the server itself always runs in production mode (built admin, committed migrations).
 */
process.env.PAYLOAD_SECRET = resolvePayloadSecret()
// Decided by the user's NODE_ENV too, before the server's own production mode: local receivers outside production.
process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ??= String(process.env.NODE_ENV !== 'production')
Object.assign(process.env, { NODE_ENV: 'production' })
process.env.NEXT_TELEMETRY_DISABLED = '1'

const port = Number(process.env.PORT || 3000)
const shouldSeed = (process.env.SEED_DEMO ?? 'true').toLowerCase() !== 'false'
const shouldServeAdmin = (process.env.SERVE_ADMIN ?? 'true').toLowerCase() !== 'false'

if (shouldServeAdmin) {
  ensureAdminBuild()
}
const { default: config } = await import('./payload.config')

const server = await startServer({
  config,
  port,
  admin: shouldServeAdmin,
  beforeListen: async (payload) => {
    if (shouldSeed) {
      const { seeded, reason } = await seedDemo({ payload })
      payload.logger.info(seeded ? 'Loaded the Fallout demo column.' : `Demo not loaded: ${reason}`)
    }
  },
})

const { totalDocs: users } = await server.payload.count({ collection: 'users', overrideAccess: true })
if (shouldServeAdmin) {
  server.payload.logger.info(
    `Admin: ${server.url}/admin${users === 0 ? ' (the first visit creates the first admin)' : ''}`,
  )
}
server.payload.logger.info(
  `API: ${server.url}/api · GraphQL: ${server.url}/api/graphql · Health: ${server.url}/healthz`,
)

const shutdown = (signal: string) => {
  server.payload.logger.info(`${signal}: closing the server…`)
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
process.once('SIGTERM', () => shutdown('SIGTERM'))
process.once('SIGINT', () => shutdown('SIGINT'))
