import type { LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'

import { lookup as dnsLookup, promises as dns } from 'node:dns'
import { isIP } from 'node:net'

export type UnsafeUrlCode =
  'missing' | 'tooLong' | 'characters' | 'invalid' | 'scheme' | 'credentials' | 'port' | 'private' | 'unresolvable'

export type UnsafeUrl = {
  code: UnsafeUrlCode
  /** One English sentence naming the URL's problem (never the URL itself: its query may carry a token). */
  message: string
}

export type UrlSafetyOptions = {
  /** Loopback, private (RFC 1918, ULA), CGNAT and `localhost` receivers; never link-local or metadata. */
  allowPrivateNetworks: boolean
}

const MAX_URL_LENGTH = 2048

/** A save must not wait on a resolver that never answers (getaddrinfo has no timeout of its own). */
const DNS_TIMEOUT_MS = 5_000

type Range = {
  /** Whether `allowPrivateNetworks` cannot open it. */
  isAlwaysRefused: boolean
  label: string
  prefix: bigint
  prefixLength: number
}

type AddressClass = Pick<Range, 'isAlwaysRefused' | 'label'>

const ipv4ToBigInt = (ip: string): bigint =>
  ip.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n)

/** 128 bits of an IPv6 literal (zone dropped), including a dotted IPv4 tail. */
const ipv6ToBigInt = (ip: string): bigint => {
  const address = ip.replace(/%.*$/, '')
  const toHextets = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) {
            return [parseInt(group, 16)]
          }
          const v4 = Number(ipv4ToBigInt(group))
          return [v4 >>> 16, v4 & 0xffff]
        })
  const [head, tail] = address.split('::')
  const headHextets = toHextets(head ?? '')
  const tailHextets = tail === undefined ? [] : toHextets(tail)
  const zeros = new Array<number>(8 - headHextets.length - tailHextets.length).fill(0)
  return [...headHextets, ...zeros, ...tailHextets].reduce((value, hextet) => (value << 16n) | BigInt(hextet), 0n)
}

const range = (cidr: string, label: string, isAlwaysRefused: boolean): Range => {
  const [address = '', length = ''] = cidr.split('/')
  return {
    isAlwaysRefused,
    label,
    prefix: isIP(address) === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address),
    prefixLength: Number(length),
  }
}

const ALWAYS = true
const UNLESS_ALLOWED = false

/** First match wins: a single metadata address sits before the private range around it. */
const IPV4_RANGES: Range[] = [
  range('0.0.0.0/8', 'a "this network" address', ALWAYS),
  range('100.100.100.200/32', 'a cloud metadata address (Alibaba Cloud)', ALWAYS),
  range('168.63.129.16/32', 'a cloud platform address (Azure WireServer)', ALWAYS),
  range('100.64.0.0/10', 'a shared (CGNAT) address', UNLESS_ALLOWED),
  range('10.0.0.0/8', 'a private address', UNLESS_ALLOWED),
  range('127.0.0.0/8', 'a loopback address', UNLESS_ALLOWED),
  range('169.254.0.0/16', 'a link-local address (where cloud metadata services answer)', ALWAYS),
  range('172.16.0.0/12', 'a private address', UNLESS_ALLOWED),
  range('192.0.0.0/24', 'an IETF protocol address (where Oracle Cloud metadata answers)', ALWAYS),
  range('192.0.2.0/24', 'a documentation address', ALWAYS),
  range('192.168.0.0/16', 'a private address', UNLESS_ALLOWED),
  range('198.18.0.0/15', 'a benchmarking address', ALWAYS),
  range('198.51.100.0/24', 'a documentation address', ALWAYS),
  range('203.0.113.0/24', 'a documentation address', ALWAYS),
  range('224.0.0.0/4', 'a multicast address', ALWAYS),
  range('240.0.0.0/4', 'a reserved or broadcast address', ALWAYS),
]

const IPV6_RANGES: Range[] = [
  range('::/128', 'the unspecified address', ALWAYS),
  range('::1/128', 'a loopback address', UNLESS_ALLOWED),
  range('100::/64', 'a discard-only address', ALWAYS),
  // Teredo: the client's IPv4 address is obfuscated in the last 32 bits; a webhook has no use for it.
  range('2001::/32', 'a Teredo tunnel address', ALWAYS),
  range('2001:db8::/32', 'a documentation address', ALWAYS),
  range('fd00:ec2::/32', 'a cloud service address (AWS: metadata, DNS, time)', ALWAYS),
  range('fc00::/7', 'a private (unique local) address', UNLESS_ALLOWED),
  range('fe80::/10', 'a link-local address', ALWAYS),
  range('fec0::/10', 'a site-local address', UNLESS_ALLOWED),
  range('ff00::/8', 'a multicast address', ALWAYS),
]

/** IPv6 prefixes whose last 32 bits are the real (IPv4) destination, judged by IPV4_RANGES; their flag is unused. */
const EMBEDDED_IPV4 = [
  range('::ffff:0:0/96', 'IPv4-mapped', ALWAYS),
  range('::ffff:0:0:0/96', 'IPv4-translated', ALWAYS),
  range('64:ff9b::/96', 'NAT64', ALWAYS),
  range('64:ff9b:1::/48', 'local-use NAT64', ALWAYS),
  range('::/96', 'IPv4-compatible', ALWAYS),
]

const SIX_TO_FOUR = range('2002::/16', '6to4', ALWAYS)

const matches = (value: bigint, bits: number, { prefix, prefixLength }: Range): boolean =>
  value >> BigInt(bits - prefixLength) === prefix >> BigInt(bits - prefixLength)

const classifyIPv4 = (value: bigint): AddressClass | undefined =>
  IPV4_RANGES.find((candidate) => matches(value, 32, candidate))

/** Why an IP literal is not a public address, or undefined for a public one. */
const classifyAddress = (ip: string): AddressClass | undefined => {
  const family = isIP(ip.replace(/%.*$/, ''))
  if (family === 4) {
    return classifyIPv4(ipv4ToBigInt(ip))
  }
  const value = ipv6ToBigInt(ip)
  const listed = IPV6_RANGES.find((candidate) => matches(value, 128, candidate))
  if (listed) {
    return listed
  }
  const embedding = EMBEDDED_IPV4.find((candidate) => matches(value, 128, candidate))
  // 6to4 (2002::/16) carries its IPv4 destination in bits 16–47, not in the last 32.
  const isSixToFour = matches(value, 128, SIX_TO_FOUR)
  if (!embedding && !isSixToFour) {
    return undefined
  }
  const embedded = classifyIPv4(isSixToFour ? (value >> 80n) & 0xffffffffn : value & 0xffffffffn)
  return embedded && { ...embedded, label: `${embedded.label} (${isSixToFour ? '6to4' : embedding!.label})` }
}

/** Whether an IP literal (v4 or v6) may be connected to under these options; anything else may not. */
export const isAllowedAddress = (ip: string, { allowPrivateNetworks }: UrlSafetyOptions): boolean => {
  if (typeof ip !== 'string' || isIP(ip.replace(/%.*$/, '')) === 0) {
    return false
  }
  const found = classifyAddress(ip)
  return !found || (!found.isAlwaysRefused && allowPrivateNetworks)
}

/** "<ip>, <what it is>, which is never allowed", or undefined when the address may be used. */
const refusalOf = (ip: string, options: UrlSafetyOptions): string | undefined => {
  if (isAllowedAddress(ip, options)) {
    return undefined
  }
  const found = classifyAddress(ip)
  if (!found) {
    return `${ip}, which is not an IP address`
  }
  return found.isAlwaysRefused
    ? `${ip}, ${found.label}, which is never allowed`
    : `${ip}, ${found.label}, which is allowed only with webhooks.allowPrivateNetworks`
}

/** The URL's host without IPv6 brackets or a trailing root dot, as a connection would use it. */
export const webhookHost = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '')

const isLocalhostName = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost')

/** Syntax and literal addresses only, no DNS: why the URL is refused, or undefined. */
export const describeUnsafeWebhookUrl = (value: unknown, options: UrlSafetyOptions): UnsafeUrl | undefined => {
  if (typeof value !== 'string' || value.trim() === '') {
    return { code: 'missing', message: 'The webhook URL is missing.' }
  }
  if (value.length > MAX_URL_LENGTH) {
    return {
      code: 'tooLong',
      message: `The webhook URL is ${value.length} characters long, more than the ${MAX_URL_LENGTH} allowed.`,
    }
  }
  // The WHATWG parser would silently drop tabs and line breaks and trim the rest: what is stored must be what is sent.
  if (/\s/.test(value) || [...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return { code: 'characters', message: 'The webhook URL contains spaces or control characters.' }
  }
  let url: URL
  try {
    // The WHATWG parser also turns numeric hosts (2852039166, 0xA9FEA9FE, 0251.0376.0251.0376) into dotted IPv4.
    url = new URL(value)
  } catch {
    return { code: 'invalid', message: 'The webhook URL is not a valid absolute URL.' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      code: 'scheme',
      message: `The webhook URL uses the ${url.protocol} scheme, but only http: and https: are allowed.`,
    }
  }
  if (url.username !== '' || url.password !== '') {
    return {
      code: 'credentials',
      message:
        'The webhook URL carries a user name or password, which is not allowed (send a secret in the signature).',
    }
  }
  if (url.port === '0') {
    return { code: 'port', message: 'The webhook URL names port 0, which cannot receive connections.' }
  }
  const host = webhookHost(url)
  const refusal = isIP(host) === 0 ? undefined : refusalOf(host, options)
  if (refusal) {
    return { code: 'private', message: `The webhook URL points to ${refusal}.` }
  }
  if (isLocalhostName(host) && !options.allowPrivateNetworks) {
    return {
      code: 'private',
      message: `The webhook URL points to ${host}, a loopback name, which is allowed only with webhooks.allowPrivateNetworks.`,
    }
  }
  return undefined
}

/** The sentence refusing `host` when any of its addresses is not allowed: one rule for save time and send time. */
const refusalOfResolved = (
  host: string,
  addresses: LookupAddress[],
  options: UrlSafetyOptions,
): { address: string; message: string } | undefined => {
  for (const { address } of addresses) {
    const refusal = refusalOf(address, options)
    if (refusal) {
      return { address, message: `The webhook URL's host ${host} resolves to ${refusal}.` }
    }
  }
  return undefined
}

const lookupAll = async (host: string): Promise<LookupAddress[]> => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`DNS lookup timed out after ${DNS_TIMEOUT_MS} ms`)), DNS_TIMEOUT_MS)
  })
  try {
    return await Promise.race([dns.lookup(host, { all: true, verbatim: true }), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** describeUnsafeWebhookUrl, then DNS: every address the host resolves to must be allowed. */
export const checkWebhookUrl = async (value: unknown, options: UrlSafetyOptions): Promise<UnsafeUrl | undefined> => {
  const unsafe = describeUnsafeWebhookUrl(value, options)
  if (unsafe) {
    return unsafe
  }
  const host = webhookHost(new URL(value as string))
  if (isIP(host) !== 0) {
    return undefined
  }
  let addresses: LookupAddress[]
  try {
    addresses = await lookupAll(host)
  } catch {
    addresses = []
  }
  if (addresses.length === 0) {
    return { code: 'unresolvable', message: `The webhook URL's host ${host} does not resolve to any address.` }
  }
  const refused = refusalOfResolved(host, addresses, options)
  return refused && { code: 'private', message: refused.message }
}

/** The error a connection fails with when its host resolves to an address that is not allowed. */
export class RefusedAddressError extends Error {
  readonly code = 'ERR_WEBHOOK_ADDRESS_REFUSED'

  constructor(
    readonly host: string,
    readonly address: string,
    message: string,
  ) {
    super(message)
    this.name = 'RefusedAddressError'
  }
}

/**
 * A `lookup` for node:http(s) `request` that resolves like dns.lookup but fails the connection when
 * any address is not allowed: DNS can change between save and send, so the check is pinned to the
 * addresses the socket will use. IP literals never reach a lookup: check them before connecting.
 */
export const guardedLookup =
  (options: UrlSafetyOptions): LookupFunction =>
  (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', undefined)
        return
      }
      const refused = refusalOfResolved(hostname, addresses, options)
      if (refused) {
        callback(new RefusedAddressError(hostname, refused.address, refused.message), '', undefined)
        return
      }
      const [first] = addresses
      if (lookupOptions.all) {
        callback(null, addresses)
      } else if (first) {
        callback(null, first.address, first.family)
      } else {
        const empty = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
        callback(empty, '', undefined)
      }
    })
  }
