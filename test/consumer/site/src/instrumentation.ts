/** Starts Payload (and with it the publishing job's cron) when `next start` boots, not on the first request. */
export const register = async (): Promise<void> => {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getPayload } = await import('payload')
    const { default: config } = await import('@payload-config')
    await getPayload({ config, cron: true })
  }
}
