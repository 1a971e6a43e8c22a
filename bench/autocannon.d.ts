declare module 'autocannon' {
  type Histogram = { average: number; mean: number; p50: number; p99: number; total: number }
  export type Result = {
    requests: Histogram
    latency: Histogram
    errors: number
    non2xx: number
    timeouts: number
    '2xx': number
  }
  export type Options = {
    url: string
    connections?: number
    duration?: number
    headers?: Record<string, string>
    /** Requests per second over all connections (paced instead of saturating). */
    overallRate?: number
    requests?: {
      path?: string
      method?: string
      /** Called before each request: returns it changed (here, a new path). */
      setupRequest?: (request: { path: string }) => { path: string }
      /** Called per response; header names as the server sent them. */
      onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string | string[]>) => void
    }[]
  }
  const autocannon: (options: Options) => Promise<Result>
  export default autocannon
}
