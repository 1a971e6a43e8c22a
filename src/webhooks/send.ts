import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http'

import { request as httpRequest, STATUS_CODES } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { performance } from 'node:perf_hooks'
import { StringDecoder } from 'node:string_decoder'

import { describeUnsafeWebhookUrl, guardedLookup, RefusedAddressError, webhookHost } from './safeUrl.js'

export type AttemptResult = {
  /** The receiver's HTTP status, when it answered. */
  statusCode?: number
  durationMs: number
  /** Why the attempt failed, one English sentence (timeout, refused address, connection error, redirect not followed, non-2xx). */
  error?: string
  /** From a `Retry-After` header (seconds or an HTTP date), in whole seconds from now, when present and sane (cap at 24 h). */
  retryAfterSeconds?: number
  /** At most the first 64 KB of the response body (UTF-8). */
  responseBody?: string
  /** 2xx only. */
  ok: boolean
}

const MAX_RESPONSE_BYTES = 64 * 1024
const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60
const USER_AGENT = 'payload-soundtrack-reviews-webhooks'

/** Seconds from now, from delta-seconds or an HTTP date; undefined when absent or not understood. */
const parseRetryAfter = (header: string | undefined, now: number): number | undefined => {
  const value = header?.trim()
  if (!value) {
    return undefined
  }
  const seconds = /^\d+$/.test(value) ? Number(value) : Math.ceil((Date.parse(value) - now) / 1000)
  return Number.isNaN(seconds) ? undefined : Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS)
}

/** A Location (or any header the receiver controls) shortened so it cannot flood the delivery log. */
const shorten = (value: string, length = 200): string => (value.length > length ? `${value.slice(0, length)}…` : value)

const describeConnectionError = (error: unknown, host: string): string => {
  if (error instanceof RefusedAddressError) {
    return error.message
  }
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host ${host} could not be resolved.`
    case 'ECONNREFUSED':
      return `The connection to ${host} was refused.`
    case 'ECONNRESET':
    case 'EPIPE':
      return `The connection to ${host} was closed before the receiver answered.`
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `The host ${host} cannot be reached from this server.`
    default:
      return `The request to ${host} failed: ${typeof message === 'string' && message ? message : String(code ?? error)}.`
  }
}

const describeStatus = (response: IncomingMessage): string | undefined => {
  const status = response.statusCode ?? 0
  const reason = STATUS_CODES[status] ?? 'Unknown'
  if (status >= 200 && status < 300) {
    return undefined
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.location
    return location
      ? `The receiver answered ${status} ${reason} with a redirect to ${shorten(location)}, which was not followed.`
      : `The receiver answered ${status} ${reason}, a redirect, which was not followed.`
  }
  return `The receiver answered ${status} ${reason}.`
}

/**
 * One delivery attempt: POST `body` to `url` with the given (signed) headers. Never throws; never
 * follows a redirect; connects only to addresses `url`'s checks allow, judged on the address the
 * socket uses; gives up after `timeoutMs` for the whole attempt; keeps at most 64 KB of the answer.
 */
export const postWebhook = async ({
  url,
  headers,
  body,
  timeoutMs,
  allowPrivateNetworks,
}: {
  url: string
  headers: Record<string, string>
  body: string
  timeoutMs: number
  allowPrivateNetworks: boolean
}): Promise<AttemptResult> => {
  const startedAt = performance.now()
  const elapsed = () => Math.round(performance.now() - startedAt)
  const options = { allowPrivateNetworks }

  // Literal IPs never go through `lookup`: this is their only check.
  const unsafe = describeUnsafeWebhookUrl(url, options)
  if (unsafe) {
    return { ok: false, durationMs: elapsed(), error: unsafe.message }
  }
  const target = new URL(url)
  const host = webhookHost(target)
  const payload = Buffer.from(body, 'utf8')
  const requestOptions: RequestOptions = {
    method: 'POST',
    hostname: host,
    port: target.port || undefined,
    path: `${target.pathname}${target.search}`,
    headers: {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      ...headers,
      'content-length': String(payload.length),
    },
    lookup: guardedLookup(options),
    // A pooled socket was checked under another request's options: every attempt connects afresh.
    agent: false,
  }

  return new Promise<AttemptResult>((resolve) => {
    let request: ClientRequest | undefined
    let response: IncomingMessage | undefined
    let isSettled = false
    const chunks: Buffer[] = []
    let received = 0

    const settle = (outcome: { error?: string; isBodyComplete?: boolean }) => {
      if (isSettled) {
        return
      }
      isSettled = true
      clearTimeout(timer)
      request?.destroy()
      const result: AttemptResult = { ok: false, durationMs: elapsed() }
      if (response) {
        const status = response.statusCode ?? 0
        result.statusCode = status
        result.responseBody = new StringDecoder('utf8').write(Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES))
        const retryAfter = parseRetryAfter(response.headers['retry-after'], Date.now())
        if (retryAfter !== undefined) {
          result.retryAfterSeconds = retryAfter
        }
        const statusError = describeStatus(response)
        result.error = outcome.error ?? statusError
        result.ok = result.error === undefined
      } else {
        result.error = outcome.error ?? `The receiver at ${host} did not answer.`
      }
      resolve(result)
    }

    const timer = setTimeout(() => {
      settle({
        error: response
          ? `The receiver's answer was not complete within the ${timeoutMs} ms timeout.`
          : `The receiver at ${host} did not answer within the ${timeoutMs} ms timeout.`,
      })
    }, timeoutMs)

    try {
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest
      request = send(requestOptions, (incoming) => {
        response = incoming
        incoming.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          received += chunk.length
          // Enough to show in the log: stop reading so an endless body cannot hold the attempt.
          if (received >= MAX_RESPONSE_BYTES) {
            settle({})
          }
        })
        incoming.on('end', () => settle({}))
        incoming.on('error', (error) => settle({ error: describeConnectionError(error, host) }))
        incoming.on('aborted', () =>
          settle({ error: `The connection to ${host} was closed before the answer was complete.` }),
        )
      })
      request.on('error', (error) => settle({ error: describeConnectionError(error, host) }))
      request.end(payload)
    } catch (error) {
      settle({ error: describeConnectionError(error, host) })
    }
  })
}
