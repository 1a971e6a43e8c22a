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
    requests?: { path: string; method?: string }[]
  }
  const autocannon: (options: Options) => Promise<Result>
  export default autocannon
}
