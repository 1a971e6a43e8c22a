/* The reader site's root layout: plain server-rendered HTML, no client components. */
import type { ReactNode } from 'react'

import React from 'react'

import { siteOptions } from '../../site/options'
import './site.css'

const FEEDS = [
  { type: 'application/rss+xml', format: 'rss', label: 'RSS' },
  { type: 'application/atom+xml', format: 'atom', label: 'Atom' },
  { type: 'application/feed+json', format: 'json', label: 'JSON Feed' },
] as const

const feedPath = (format: string) => `/api/feeds/reviews.${format}`

const SiteLayout = ({ children }: { children: ReactNode }) => {
  const siteName = siteOptions.publisher.name
  return (
    <html lang="en">
      <head>
        {FEEDS.map(({ type, format, label }) => (
          <link key={format} rel="alternate" type={type} title={`${siteName} (${label})`} href={feedPath(format)} />
        ))}
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to the content
        </a>
        <header className="masthead">
          <div className="wrap masthead__inner">
            <p className="masthead__name">
              <a href="/">{siteName}</a>
            </p>
            <nav aria-label="Site">
              <ul>
                <li>
                  <a href="/reviews">All reviews</a>
                </li>
                <li>
                  <a href={feedPath('rss')}>RSS</a>
                </li>
              </ul>
            </nav>
            <form role="search" aria-label="Site" action="/search" method="get" className="masthead__search">
              <label htmlFor="masthead-q" className="visually-hidden">
                Search the column
              </label>
              <input id="masthead-q" type="search" name="q" autoComplete="off" />
              <button type="submit">Search</button>
            </form>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="wrap">
          {children}
        </main>
        <footer className="colophon">
          <div className="wrap">
            <p>
              {siteName}: a weekly column on film music. Follow it by{' '}
              {FEEDS.map(({ format, label }, index) => (
                <React.Fragment key={format}>
                  {index > 0 ? (index === FEEDS.length - 1 ? ' or ' : ', ') : null}
                  <a href={feedPath(format)}>{label}</a>
                </React.Fragment>
              ))}
              .
            </p>
          </div>
        </footer>
      </body>
    </html>
  )
}

export default SiteLayout
