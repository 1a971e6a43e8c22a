/*
 * The admin works at one origin, Payload's `serverURL` (SERVER_URL): its client calls the API at
 * that absolute URL, and Payload counts the session cookie only on requests whose `Origin` is in the
 * CSRF allow-list. Opened at any other host it signs in, then every form request is anonymous: the
 * film's join tables stay empty and Payload logs "There was an error building form state".
 */

import { extractHeaderLanguage } from '@payloadcms/translations'

export type AdminOriginAnswer =
  | { kind: 'redirect'; location: string }
  | { kind: 'misdirected'; status: 421; html: string; language: string }
  | undefined

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/** `host[:port]` as a URL reads it (lower case, the protocol's default port dropped); null when it is not one. */
const hostOf = (value: string | undefined, protocol: string): null | URL => {
  try {
    return value ? new URL(`${protocol}//${value.trim()}`) : null
  } catch {
    return null
  }
}

const escapeHTML = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )

type Language = 'de' | 'en' | 'fr'

/** The page's sentences in the admin's three languages; `url` and `host` arrive escaped. */
const MESSAGES: Record<
  Language,
  Record<'body' | 'heading' | 'link' | 'operator' | 'title', (url: string, host: string) => string>
> = {
  en: {
    title: (url) => `Open the admin at ${url}`,
    heading: () => 'This admin is served at another address',
    body: (url, host) =>
      `You opened it at <code>${host}</code>. This server’s admin is at <a href="${url}">${url}</a> (its <code>SERVER_URL</code>): signing in elsewhere would seem to work, but the admin would not load or save your documents there.`,
    link: (url) => `Open the admin at ${url}`,
    operator: () =>
      'Running it yourself? Set <code>SERVER_URL</code> to the address people type. Behind a proxy, pass the original <code>Host</code> header on (or <code>X-Forwarded-Host</code>).',
  },
  de: {
    title: (url) => `Den Admin unter ${url} öffnen`,
    heading: () => 'Dieser Admin ist unter einer anderen Adresse erreichbar',
    body: (url, host) =>
      `Sie haben ihn unter <code>${host}</code> geöffnet. Der Admin dieses Servers liegt unter <a href="${url}">${url}</a> (seine <code>SERVER_URL</code>): Die Anmeldung schiene anderswo zu gelingen, aber der Admin könnte Ihre Dokumente dort weder laden noch speichern.`,
    link: (url) => `Admin unter ${url} öffnen`,
    operator: () =>
      'Sie betreiben ihn selbst? Setzen Sie <code>SERVER_URL</code> auf die Adresse, die man eintippt. Hinter einem Proxy reichen Sie den ursprünglichen <code>Host</code>-Header weiter (oder <code>X-Forwarded-Host</code>).',
  },
  fr: {
    title: (url) => `Ouvrir l’administration à ${url}`,
    heading: () => 'Cette administration est servie à une autre adresse',
    body: (url, host) =>
      `Vous l’avez ouverte à <code>${host}</code>. L’administration de ce serveur se trouve à <a href="${url}">${url}</a> (son <code>SERVER_URL</code>) : ailleurs, la connexion semblerait fonctionner, mais l’administration ne pourrait ni charger ni enregistrer vos documents.`,
    link: (url) => `Ouvrir l’administration à ${url}`,
    operator: () =>
      'Vous l’hébergez vous-même ? Donnez à <code>SERVER_URL</code> l’adresse que l’on tape. Derrière un proxy, transmettez l’en-tête <code>Host</code> d’origine (ou <code>X-Forwarded-Host</code>).',
  },
}

/** The reader's language by `Accept-Language`, as Payload picks it; English when it is none of ours. */
const languageOf = (acceptLanguage: string | undefined): Language => {
  const language = acceptLanguage ? extractHeaderLanguage(acceptLanguage) : undefined
  return language === 'de' || language === 'fr' ? language : 'en'
}

const misdirectedPage = (expected: string, openedAt: string, language: Language): string => {
  const url = escapeHTML(expected)
  const host = escapeHTML(openedAt)
  const say = MESSAGES[language]
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${say.title(url, host)}</title>
<style>body{font:1.05rem/1.6 system-ui,sans-serif;max-width:38rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}a{color:#0b5cad}code{font-size:.95em}</style></head>
<body>
<main>
<h1>${say.heading(url, host)}</h1>
<p>${say.body(url, host)}</p>
<p><a href="${url}">${say.link(url, host)}</a></p>
<p>${say.operator(url, host)}</p>
</main>
</body>
</html>
`
}

/**
 * Where an admin request may go on, from the host the browser used (`X-Forwarded-Host`, else `Host`:
 * what Next itself compares a server action's `Origin` with). The server's own host: on. Another
 * loopback alias of the same port while `serverURL` is itself loopback (`npm start` outside
 * production, localhost ↔ 127.0.0.1 ↔ [::1]): redirected there, it is the same server. Any other:
 * 421 with a page naming the admin's address, instead of an admin that half works.
 */
export const adminOriginAnswer = ({
  serverURL,
  host,
  forwardedHost,
  acceptLanguage,
  path,
}: {
  serverURL: string
  host?: string
  forwardedHost?: string
  /** The page's language: English, German or French, as the admin speaks them. */
  acceptLanguage?: string
  /** The request's path and query, kept on a redirect. */
  path: string
}): AdminOriginAnswer => {
  if (!serverURL) {
    return undefined
  }
  const server = new URL(serverURL)
  const browserHost = forwardedHost?.split(',')[0] || host
  const opened = hostOf(browserHost, server.protocol)
  if (opened?.host === server.host) {
    return undefined
  }
  const isLoopbackAlias =
    opened !== null &&
    LOOPBACK_HOSTNAMES.has(opened.hostname) &&
    LOOPBACK_HOSTNAMES.has(server.hostname) &&
    opened.port === server.port
  if (isLoopbackAlias) {
    return { kind: 'redirect', location: `${server.origin}${path}` }
  }
  const adminURL = `${server.origin}${path.split('?')[0]}`
  const language = languageOf(acceptLanguage)
  return {
    kind: 'misdirected',
    status: 421,
    html: misdirectedPage(adminURL, browserHost ?? '(no Host header)', language),
    language,
  }
}
