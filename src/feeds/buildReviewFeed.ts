import type { Item } from 'feed'

import type { ResolvedOptions } from '../types.js'
import type { FeedReview } from './findFeedReviews.js'

import { Feed } from 'feed'

import { reviewURL } from '../reviewURL.js'

export type FeedFormat = 'atom' | 'json' | 'rss'

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1'

export type BuildReviewFeedArgs = {
  format: FeedFormat
  reviews: FeedReview[]
  options: Pick<ResolvedOptions, 'publisher' | 'ratingScale' | 'reviewUrl' | 'siteUrl'>
  /** Absolute URLs of the three feeds (this page), for the self links. */
  feedURLs: Record<FeedFormat, string>
  /** Absolute URL of the next page, when there is one (JSON Feed's `next_url`). */
  nextURL?: string
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text into HTML; also keeps `]]>` out of the XML formats' CDATA sections. */
const escapeHTML = (text: string): string => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char])

/** Whether XML 1.0 can carry the character at all, even escaped. */
const isXMLChar = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code !== 0xfffe && code !== 0xffff)
}

const stripXMLInvalid = (text: string): string => Array.from(text).filter(isXMLChar).join('')

const filmOf = (review: FeedReview): { title: string; releaseYear?: null | number } | null =>
  review.film && typeof review.film === 'object' ? review.film : null

/** The item body: film title and year, the excerpt, the rating when there is one, a link. */
const contentHTML = (review: FeedReview, link: string, ratingScale: number): string => {
  const film = filmOf(review)
  const year = typeof film?.releaseYear === 'number' ? ` (${film.releaseYear})` : ''
  return [
    film ? `<p>Film: <cite>${escapeHTML(film.title)}</cite>${year}</p>` : '',
    review.excerpt ? `<p>${escapeHTML(review.excerpt)}</p>` : '',
    typeof review.rating === 'number' ? `<p>Rating: ${review.rating}/${ratingScale}</p>` : '',
    `<p><a href="${escapeHTML(link)}">Read the review</a></p>`,
  ].join('')
}

/** When the newest review on the page last changed: the feed's `updated` and `Last-Modified`. */
export const lastModifiedOf = (reviews: FeedReview[]): Date | null =>
  reviews.reduce<Date | null>((newest, review) => {
    const updated = new Date(review.updatedAt)
    return Number.isNaN(updated.getTime()) || (newest && newest >= updated) ? newest : updated
  }, null)

/**
 * RSS 2.0, Atom 1.0 or JSON Feed 1.1 of published reviews through `feed`. The output depends only on
 * the reviews (no "now" in it), so equal content gives an equal body and ETag.
 */
export const buildReviewFeed = ({ format, reviews, options, feedURLs, nextURL }: BuildReviewFeedArgs): string => {
  const isXML = format !== 'json'
  // Atom titles and summaries are `type="html"` and RSS readers treat them as HTML; JSON Feed's are plain text.
  const asText = (value: string): string => (isXML ? escapeHTML(stripXMLInvalid(value)) : value)
  const home = `${options.siteUrl}/reviews`
  const title = `${options.publisher.name}: soundtrack reviews`
  const feed = new Feed({
    id: home,
    title: isXML ? stripXMLInvalid(title) : title,
    description: 'Soundtrack reviews, newest first.',
    link: home,
    updated: lastModifiedOf(reviews) ?? new Date(0),
    generator: 'payload-soundtrack-reviews',
    feedLinks: feedURLs,
    author: { name: options.publisher.name, ...(options.publisher.url ? { link: options.publisher.url } : {}) },
  })
  for (const review of reviews) {
    const link = reviewURL(options.reviewUrl, review)
    const published = review.publishedAt ? new Date(review.publishedAt) : new Date(review.updatedAt)
    const content = contentHTML(review, link, options.ratingScale)
    const item: Item = {
      id: link,
      link,
      title: asText(review.title),
      date: new Date(review.updatedAt),
      published,
      content: isXML ? stripXMLInvalid(content) : content,
      ...(review.excerpt ? { description: asText(review.excerpt) } : {}),
    }
    feed.addItem(item)
  }
  switch (format) {
    case 'rss':
      return feed.rss2()
    case 'atom':
      return feed.atom1()
    case 'json':
      return toJSONFeed11(feed.json1(), nextURL)
  }
}

/** `feed` writes JSON Feed 1.0; 1.1 renames `author` to `authors` and adds paging via `next_url`. */
const toJSONFeed11 = (json: string, nextURL?: string): string => {
  const { author, items, ...rest } = JSON.parse(json) as Record<string, unknown>
  return JSON.stringify(
    {
      ...rest,
      version: JSON_FEED_VERSION,
      ...(author ? { authors: [author] } : {}),
      ...(nextURL ? { next_url: nextURL } : {}),
      items,
    },
    null,
    2,
  )
}
