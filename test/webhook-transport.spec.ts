import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { UnsafeUrlCode } from '../src/webhooks/safeUrl'

import { createServer, request } from 'node:http'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'

import {
  checkWebhookUrl,
  describeUnsafeWebhookUrl,
  guardedLookup,
  isAllowedAddress,
  RefusedAddressError,
} from '../src/webhooks/safeUrl'
import { postWebhook } from '../src/webhooks/send'
import { generateWebhookSecret, newWebhookId, signWebhook } from '../src/webhooks/signature'

const STRICT = { allowPrivateNetworks: false }
const LENIENT = { allowPrivateNetworks: true }

type Received = { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }

/** A real HTTP server on 127.0.0.1 that records every request it sees. */
const startServer = async (handler: (req: IncomingMessage, res: ServerResponse) => void) => {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() })
      handler(req, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    received,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A server that accepts connections and never answers, counting the connections it saw. */
const startSilentServer = async () => {
  let connections = 0
  const server = createServer(() => undefined)
  server.on('connection', () => {
    connections += 1
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const post = (url: string, overrides: Partial<Parameters<typeof postWebhook>[0]> = {}) =>
  postWebhook({ url, headers: {}, body: '{"type":"ping"}', timeoutMs: 5_000, allowPrivateNetworks: true, ...overrides })

type Case = [url: unknown, strict: UnsafeUrlCode | undefined, lenient: UnsafeUrlCode | undefined]

const ALWAYS_REFUSED: Case[] = [
  ['http://169.254.169.254/latest/meta-data/', 'private', 'private'],
  ['http://2852039166/', 'private', 'private'],
  ['http://0xA9FEA9FE/', 'private', 'private'],
  ['http://0251.0376.0251.0376/', 'private', 'private'],
  ['http://169.254.43518/', 'private', 'private'],
  ['http://[::ffff:169.254.169.254]/', 'private', 'private'],
  ['http://[::ffff:a9fe:a9fe]/', 'private', 'private'],
  ['http://[::169.254.169.254]/', 'private', 'private'],
  ['http://[64:ff9b::169.254.169.254]/', 'private', 'private'],
  ['http://[fe80::1]/', 'private', 'private'],
  ['http://[febf:ffff::1]/', 'private', 'private'],
  ['http://[fd00:ec2::254]/', 'private', 'private'],
  ['http://[fd00:ec2::23]/', 'private', 'private'],
  ['http://168.63.129.16/', 'private', 'private'],
  ['http://[64:ff9b:1::a9fe:a9fe]/', 'private', 'private'],
  ['http://100.100.100.200/', 'private', 'private'],
  ['http://192.0.0.192/', 'private', 'private'],
  ['http://0.0.0.0/', 'private', 'private'],
  ['http://0/', 'private', 'private'],
  ['http://0.1.2.3/', 'private', 'private'],
  ['http://[::]/', 'private', 'private'],
  ['http://224.0.0.1/', 'private', 'private'],
  ['http://239.255.255.250/', 'private', 'private'],
  ['http://[ff02::1]/', 'private', 'private'],
  ['http://240.0.0.1/', 'private', 'private'],
  ['http://255.255.255.255/', 'private', 'private'],
  ['http://192.0.2.1/', 'private', 'private'],
  ['http://[2002:a9fe:a9fe::]/', 'private', 'private'],
  ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'private', 'private'],
]

const REFUSED_UNLESS_ALLOWED: Case[] = [
  ['http://127.0.0.1/', 'private', undefined],
  ['http://127.1/', 'private', undefined],
  ['http://2130706433/', 'private', undefined],
  ['http://0x7f000001/', 'private', undefined],
  ['http://[::1]:3000/', 'private', undefined],
  ['http://[::ffff:127.0.0.1]/', 'private', undefined],
  ['http://[::ffff:7f00:1]/', 'private', undefined],
  ['http://10.0.0.1/', 'private', undefined],
  ['http://172.16.0.1/', 'private', undefined],
  ['http://172.31.255.255/', 'private', undefined],
  ['http://192.168.1.10:8080/hook', 'private', undefined],
  ['http://[::ffff:192.168.1.10]/', 'private', undefined],
  ['http://100.64.0.1/', 'private', undefined],
  ['http://[fd12:3456::1]/', 'private', undefined],
  ['http://[fc00::1]/', 'private', undefined],
  ['http://[2002:7f00:1::]/', 'private', undefined],
  ['http://[2002:c0a8:10a::1]/', 'private', undefined],
  ['http://localhost/', 'private', undefined],
  ['http://LOCALHOST./', 'private', undefined],
  ['http://api.localhost:4000/', 'private', undefined],
]

const ALLOWED: Case[] = [
  ['https://93.184.216.34/', undefined, undefined],
  ['https://93.184.216.34:8443/hooks?token=abc', undefined, undefined],
  ['http://172.32.0.1/', undefined, undefined],
  ['http://100.128.0.1/', undefined, undefined],
  ['https://[2606:2800:220:1:248:1893:25c8:1946]/', undefined, undefined],
  ['https://[::ffff:93.184.216.34]/', undefined, undefined],
  ['https://[2002:5db8:d822::1]/', undefined, undefined],
  ['https://hooks.example.com/soundtrack', undefined, undefined],
  ['https://localhost.example.com/', undefined, undefined],
]

const MALFORMED: Case[] = [
  ['ftp://example.com/hook', 'scheme', 'scheme'],
  ['javascript:alert(1)', 'scheme', 'scheme'],
  ['file:///etc/passwd', 'scheme', 'scheme'],
  ['data:application/json,{}', 'scheme', 'scheme'],
  ['ws://example.com/', 'scheme', 'scheme'],
  ['https://user:secret@example.com/hook', 'credentials', 'credentials'],
  ['https://user@example.com/hook', 'credentials', 'credentials'],
  ['http://admin:admin@127.0.0.1/', 'credentials', 'credentials'],
  ['not-a-url', 'invalid', 'invalid'],
  ['not a url', 'characters', 'characters'],
  ['https://example.com/\nhook', 'characters', 'characters'],
  ['https://exa\tmple.com/', 'characters', 'characters'],
  [' https://example.com/', 'characters', 'characters'],
  ['https://example.com/\u0000', 'characters', 'characters'],
  ['https://example.com:0/', 'port', 'port'],
  ['/relative/path', 'invalid', 'invalid'],
  ['http://', 'invalid', 'invalid'],
  ['http://[::1/', 'invalid', 'invalid'],
  ['', 'missing', 'missing'],
  [undefined, 'missing', 'missing'],
  [42, 'missing', 'missing'],
  [`https://example.com/${'a'.repeat(2048)}`, 'tooLong', 'tooLong'],
]

describe('describeUnsafeWebhookUrl', () => {
  it.each([...ALWAYS_REFUSED, ...REFUSED_UNLESS_ALLOWED, ...ALLOWED, ...MALFORMED])(
    'should judge %s as %s, and as %s with allowPrivateNetworks',
    (url, strict, lenient) => {
      const strictResult = describeUnsafeWebhookUrl(url, STRICT)
      const lenientResult = describeUnsafeWebhookUrl(url, LENIENT)
      expect(strictResult?.code).toBe(strict)
      expect(lenientResult?.code).toBe(lenient)
      for (const result of [strictResult, lenientResult]) {
        if (result) {
          expect(result.message).toMatch(/^The webhook URL.*\.$/)
        }
      }
    },
  )

  it('should name the normalised address and why it is refused', () => {
    expect(describeUnsafeWebhookUrl('http://0xA9FEA9FE/', LENIENT)?.message).toBe(
      'The webhook URL points to 169.254.169.254, a link-local address (where cloud metadata services answer), which is never allowed.',
    )
    expect(describeUnsafeWebhookUrl('http://[::ffff:127.0.0.1]/', STRICT)?.message).toContain(
      'a loopback address (IPv4-mapped), which is allowed only with webhooks.allowPrivateNetworks',
    )
  })

  it('should accept a URL of exactly 2048 characters and refuse one longer', () => {
    const base = 'https://example.com/'
    expect(describeUnsafeWebhookUrl(base + 'a'.repeat(2048 - base.length), STRICT)).toBeUndefined()
    expect(describeUnsafeWebhookUrl(base + 'a'.repeat(2049 - base.length), STRICT)?.code).toBe('tooLong')
  })

  it('should not repeat the URL, whose query may carry a token, in its message', () => {
    const message = describeUnsafeWebhookUrl('https://user:pw@example.com/?token=s3cret', STRICT)?.message
    expect(message).not.toContain('s3cret')
    expect(message).not.toContain('pw')
  })
})

describe('isAllowedAddress', () => {
  it.each([
    ['93.184.216.34', true, true],
    ['2606:2800:220:1:248:1893:25c8:1946', true, true],
    ['127.0.0.1', false, true],
    ['::1', false, true],
    ['::ffff:127.0.0.1', false, true],
    ['0:0:0:0:0:ffff:7f00:1', false, true],
    ['::ffff:0:127.0.0.1', false, true],
    ['10.1.2.3', false, true],
    ['fd00::1', false, true],
    ['fe80::1%eth0', false, false],
    ['169.254.169.254', false, false],
    ['::ffff:169.254.169.254', false, false],
    ['64:ff9b::a9fe:a9fe', false, false],
    ['fd00:ec2::254', false, false],
    ['255.255.255.255', false, false],
    ['localhost', false, false],
    ['not an ip', false, false],
  ])('should judge %s: allowed %s, with allowPrivateNetworks %s', (ip, strict, lenient) => {
    expect(isAllowedAddress(ip, STRICT)).toBe(strict)
    expect(isAllowedAddress(ip, LENIENT)).toBe(lenient)
  })
})

describe('checkWebhookUrl', () => {
  it('should refuse what describeUnsafeWebhookUrl refuses, without asking DNS', async () => {
    expect((await checkWebhookUrl('http://2852039166/', LENIENT))?.code).toBe('private')
    expect((await checkWebhookUrl('ftp://example.com/', LENIENT))?.code).toBe('scheme')
    expect((await checkWebhookUrl('https://93.184.216.34/', STRICT))?.code).toBeUndefined()
  })

  it('should refuse http://localhost/ without allowPrivateNetworks and allow it with the option', async () => {
    expect((await checkWebhookUrl('http://localhost/', STRICT))?.code).toBe('private')
    expect(await checkWebhookUrl('http://localhost/', LENIENT)).toBeUndefined()
  })

  it('should call a host that does not resolve unresolvable', async () => {
    const result = await checkWebhookUrl('http://no-such-host.invalid/', LENIENT)
    expect(result?.code).toBe('unresolvable')
    expect(result?.message).toContain('no-such-host.invalid')
  })
})

describe('guardedLookup', () => {
  const lookupWith = (options: typeof STRICT, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      guardedLookup(options)('localhost', { all }, (error, address) => resolve({ error, address })),
    )

  it('should fail the lookup of a name that resolves to loopback, naming the address', async () => {
    for (const all of [false, true]) {
      const { error } = await lookupWith(STRICT, all)
      expect(error).toBeInstanceOf(RefusedAddressError)
      expect(error?.message).toMatch(/The webhook URL's host localhost resolves to (127\.0\.0\.1|::1), a loopback/)
    }
  })

  it('should resolve like dns.lookup when the addresses are allowed', async () => {
    const single = await lookupWith(LENIENT, false)
    expect(single.error).toBeNull()
    expect(isAllowedAddress(single.address as string, LENIENT)).toBe(true)
    const all = await lookupWith(LENIENT, true)
    expect(all.error).toBeNull()
    expect(Array.isArray(all.address) && all.address.length).toBeGreaterThan(0)
  })

  it('should stop a node:http connection to a name resolving to loopback before it reaches the server', async () => {
    const server = await startServer((_req, res) => res.end('ok'))
    try {
      const attempt = (options: typeof STRICT) =>
        new Promise<{ status?: number; error?: Error }>((resolve) => {
          const req = request(
            { host: 'localhost', port: server.port, family: 4, method: 'POST', lookup: guardedLookup(options) },
            (res) => {
              res.resume()
              res.on('end', () => resolve({ status: res.statusCode }))
            },
          )
          req.on('error', (error) => resolve({ error }))
          req.end()
        })
      const refused = await attempt(STRICT)
      expect(refused.error).toBeInstanceOf(RefusedAddressError)
      expect(refused.error?.message).toContain('127.0.0.1')
      expect(server.received).toHaveLength(0)
      expect((await attempt(LENIENT)).status).toBe(200)
      expect(server.received).toHaveLength(1)
    } finally {
      await server.close()
    }
  })
})

describe('signWebhook', () => {
  const headersFor = (signature: string, id: string, timestamp: number) => ({
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
  })

  it("should match the Standard Webhooks spec's example signature", () => {
    expect(
      signWebhook({
        secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
        id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        timestamp: 1614265330,
        body: '{"test": 2432232314}',
      }),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  })

  it('should generate whsec_ secrets of 32 random bytes and msg_ ids', () => {
    const secret = generateWebhookSecret()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32)
    expect(generateWebhookSecret()).not.toBe(secret)
    const id = newWebhookId()
    expect(id).toMatch(/^msg_[A-Za-z0-9_-]{16,}$/)
    expect(newWebhookId()).not.toBe(id)
  })

  it('should verify with the standardwebhooks library for one secret, and fail for a tampered body', () => {
    const secret = generateWebhookSecret()
    const id = newWebhookId()
    const timestamp = Math.floor(Date.now() / 1000)
    const body = JSON.stringify({ type: 'review.published', data: { id: 7, title: 'Dune: Part Two — Zimmer' } })
    const signature = signWebhook({ secrets: [secret], id, timestamp, body })
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/)
    expect(new Webhook(secret).verify(body, headersFor(signature, id, timestamp))).toEqual(JSON.parse(body))
    expect(() => new Webhook(secret).verify(body.replace('7', '8'), headersFor(signature, id, timestamp))).toThrow()
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headersFor(signature, id, timestamp))).toThrow()
  })

  it('should sign with every secret during a rotation, each secret alone verifying the header', () => {
    const [previous, next] = [generateWebhookSecret(), generateWebhookSecret()]
    const id = newWebhookId()
    const timestamp = Math.floor(Date.now() / 1000)
    const body = '{"type":"ping"}'
    const signature = signWebhook({ secrets: [previous, next], id, timestamp, body })
    expect(signature.split(' ')).toHaveLength(2)
    for (const secret of [previous, next]) {
      expect(new Webhook(secret).verify(body, headersFor(signature, id, timestamp))).toEqual({ type: 'ping' })
      expect(() => new Webhook(secret).verify(`${body} `, headersFor(signature, id, timestamp))).toThrow()
    }
  })

  it('should refuse to sign without a secret or with a fractional timestamp', () => {
    expect(() => signWebhook({ secrets: [], id: 'msg_1', timestamp: 1, body: '{}' })).toThrow(/at least one secret/)
    expect(() => signWebhook({ secrets: [generateWebhookSecret()], id: 'msg_1', timestamp: 1.5, body: '{}' })).toThrow(
      /whole unix seconds/,
    )
  })
})

describe('postWebhook', () => {
  it('should POST the body with its headers and capture a 200 answer', async () => {
    const server = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks'))
    try {
      const result = await post(`${server.url}/hooks?x=1`, {
        headers: { 'webhook-id': 'msg_abc', 'webhook-signature': 'v1,xyz' },
        body: '{"type":"review.published"}',
      })
      expect(result).toMatchObject({ ok: true, statusCode: 200, responseBody: 'thanks' })
      expect(result.error).toBeUndefined()
      expect(result.retryAfterSeconds).toBeUndefined()
      expect(result.durationMs).toBeGreaterThanOrEqual(0)
      expect(server.received).toHaveLength(1)
      const [seen] = server.received
      expect(seen).toMatchObject({ method: 'POST', url: '/hooks?x=1', body: '{"type":"review.published"}' })
      expect(seen?.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': 'payload-soundtrack-reviews-webhooks',
        'webhook-id': 'msg_abc',
        'webhook-signature': 'v1,xyz',
        'content-length': '27',
      })
    } finally {
      await server.close()
    }
  })

  it('should fail a 503 and read Retry-After in seconds, as an HTTP date, capped at 24 hours', async () => {
    let retryAfter = '7'
    const server = await startServer((_req, res) => res.writeHead(503, { 'retry-after': retryAfter }).end('busy'))
    try {
      const seconds = await post(server.url)
      expect(seconds).toMatchObject({ ok: false, statusCode: 503, retryAfterSeconds: 7, responseBody: 'busy' })
      expect(seconds.error).toBe('The receiver answered 503 Service Unavailable.')

      retryAfter = new Date(Date.now() + 120_000).toUTCString()
      const date = await post(server.url)
      expect(date.retryAfterSeconds).toBeGreaterThanOrEqual(115)
      expect(date.retryAfterSeconds).toBeLessThanOrEqual(120)

      retryAfter = '9999999'
      expect((await post(server.url)).retryAfterSeconds).toBe(86_400)
      retryAfter = new Date(Date.now() - 60_000).toUTCString()
      expect((await post(server.url)).retryAfterSeconds).toBe(0)
      retryAfter = 'soon'
      expect((await post(server.url)).retryAfterSeconds).toBeUndefined()
    } finally {
      await server.close()
    }
  })

  it('should not follow a redirect and name its Location', async () => {
    const target = await startServer((_req, res) => res.end('followed'))
    const redirecting = await startServer((_req, res) =>
      res.writeHead(302, { location: `${target.url}/elsewhere` }).end(),
    )
    try {
      const result = await post(redirecting.url)
      expect(result).toMatchObject({ ok: false, statusCode: 302 })
      expect(result.error).toBe(
        `The receiver answered 302 Found with a redirect to ${target.url}/elsewhere, which was not followed.`,
      )
      expect(redirecting.received).toHaveLength(1)
      expect(target.received).toHaveLength(0)
    } finally {
      await Promise.all([target.close(), redirecting.close()])
    }
  })

  it('should give up on a receiver that never answers after timeoutMs', async () => {
    const server = await startSilentServer()
    try {
      const result = await post(server.url, { timeoutMs: 300 })
      expect(result.ok).toBe(false)
      expect(result.statusCode).toBeUndefined()
      expect(result.error).toMatch(/did not answer within the 300 ms timeout/)
      expect(result.durationMs).toBeGreaterThanOrEqual(250)
      expect(result.durationMs).toBeLessThan(2_000)
      expect(server.connections()).toBe(1)
    } finally {
      await server.close()
    }
  })

  it('should keep at most 64 KB of a 5 MB answer and return', async () => {
    const server = await startServer((_req, res) => {
      res.on('error', () => undefined)
      res.writeHead(200, { 'content-type': 'text/plain' }).end('é'.repeat(2.5 * 1024 * 1024))
    })
    try {
      const result = await post(server.url)
      expect(result.ok).toBe(true)
      expect(result.responseBody?.length).toBeGreaterThan(0)
      expect(Buffer.byteLength(result.responseBody ?? '')).toBeLessThanOrEqual(65_536)
      expect(result.responseBody).toMatch(/^é+$/)
    } finally {
      await server.close()
    }
  })

  it('should stop reading an endless answer and time out a body that stalls', async () => {
    const endless = await startServer((_req, res) => {
      res.on('error', () => undefined)
      res.writeHead(200)
      const timer = setInterval(() => res.write('x'.repeat(4096)), 1)
      res.on('close', () => clearInterval(timer))
    })
    const stalling = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' })
      res.write('partial')
    })
    try {
      const endlessResult = await post(endless.url, { timeoutMs: 10_000 })
      expect(endlessResult.ok).toBe(true)
      expect(endlessResult.responseBody?.length).toBeLessThanOrEqual(65_536)
      expect(endlessResult.durationMs).toBeLessThan(5_000)

      const stalled = await post(stalling.url, { timeoutMs: 300 })
      expect(stalled).toMatchObject({ ok: false, statusCode: 200, responseBody: 'partial' })
      expect(stalled.error).toMatch(/not complete within the 300 ms timeout/)
    } finally {
      await Promise.all([endless.close(), stalling.close()])
    }
  })

  it('should refuse a private address without allowPrivateNetworks before connecting', async () => {
    const server = await startServer((_req, res) => res.end('ok'))
    try {
      const result = await post(server.url, { allowPrivateNetworks: false })
      expect(result.ok).toBe(false)
      expect(result.statusCode).toBeUndefined()
      expect(result.error).toContain('127.0.0.1, a loopback address')
      expect(server.received).toHaveLength(0)
    } finally {
      await server.close()
    }
  })

  it('should refuse localhost at send time without allowPrivateNetworks and deliver to it with the option', async () => {
    const server = await startServer((_req, res) => res.end('ok'))
    try {
      const refused = await post(`http://localhost:${server.port}/`, { allowPrivateNetworks: false })
      expect(refused.ok).toBe(false)
      expect(refused.error).toContain('localhost')
      expect(server.received).toHaveLength(0)
      const delivered = await post(`http://localhost:${server.port}/`, { allowPrivateNetworks: true })
      expect(delivered).toMatchObject({ ok: true, statusCode: 200, responseBody: 'ok' })
      expect(server.received).toHaveLength(1)
    } finally {
      await server.close()
    }
  })

  it('should report a refused connection and a host that does not resolve, never throwing', async () => {
    const server = await startServer((_req, res) => res.end())
    const { url } = server
    await server.close()
    const refused = await post(url)
    expect(refused).toMatchObject({ ok: false })
    expect(refused.error).toBe(`The connection to 127.0.0.1 was refused.`)

    const unresolved = await post('http://no-such-host.invalid/')
    expect(unresolved.ok).toBe(false)
    expect(unresolved.error).toBe('The host no-such-host.invalid could not be resolved.')

    const invalid = await post('javascript:alert(1)')
    expect(invalid.ok).toBe(false)
    expect(invalid.error).toContain('javascript:')

    const badHeader = await post(url, { headers: { 'x-bad': 'a\r\nb' } })
    expect(badHeader.ok).toBe(false)
    expect(badHeader.error).toMatch(/^The request to 127\.0\.0\.1 failed: /)
  })
})
