/** `SERVE_SITE` (default true): this app serves the reader pages; `false` leaves them to the frontend at `SITE_URL`. */
export const isSiteServed = (env: NodeJS.ProcessEnv = process.env): boolean =>
  (env.SERVE_SITE ?? 'true').toLowerCase() !== 'false'
