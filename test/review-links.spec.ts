import { describe, expect, it } from 'vitest'

import { heading, paragraph, richText } from '../cms/seed/richText'
import { buildReviewFeed } from '../src/feeds/buildReviewFeed'
import { buildReviewJsonLd } from '../src/jsonLd/buildReviewJsonLd'
import { resolveOptions } from '../src/options'
import { richTextHTML } from '../src/reviewPage/richTextHTML'
import { fillReviewTemplate, reviewURL } from '../src/reviewURL'

const review = { id: 7, title: 'A review', slug: 'a-review', updatedAt: '2026-11-20T09:00:00.000Z' }

describe('the reviewUrl option', () => {
  it('should default to siteUrl + /reviews/{slug}', () => {
    expect(resolveOptions({ siteUrl: 'https://soundtracks.example/' }).reviewUrl).toBe(
      'https://soundtracks.example/reviews/{slug}',
    )
  })

  it('should refuse a template that is not absolute or names neither {slug} nor {id}', () => {
    expect(() => resolveOptions({ reviewUrl: '/reviews/{slug}' })).toThrow(
      /reviewUrl must be an absolute http\(s\) URL/,
    )
    expect(() => resolveOptions({ reviewUrl: 'https://example.com/reviews' })).toThrow(/with \{slug\} or \{id\}/)
  })

  it('should fill {slug} and {id}, encoded, and fall back to the id when there is no slug', () => {
    expect(fillReviewTemplate('https://x.example/{id}/{slug}?p={slug}', { id: 3, slug: 'a b' })).toBe(
      'https://x.example/3/a%20b?p=a%20b',
    )
    expect(reviewURL('https://x.example/r/{slug}', { id: 3, slug: null })).toBe('https://x.example/r/3')
  })

  it('should be the url of JSON-LD and of every feed item', () => {
    const options = resolveOptions({ siteUrl: 'https://cms.example', reviewUrl: 'https://www.example/scores/{slug}' })
    const jsonLd = buildReviewJsonLd({ review, film: { title: 'Film' }, tracks: [], composers: [], options })
    expect(jsonLd.url).toBe('https://www.example/scores/a-review')
    const feed = JSON.parse(
      buildReviewFeed({
        format: 'json',
        reviews: [review],
        options,
        feedURLs: {
          rss: 'https://cms.example/rss',
          atom: 'https://cms.example/atom',
          json: 'https://cms.example/json',
        },
      }),
    )
    expect(feed.items.map((item: { url: string }) => item.url)).toEqual(['https://www.example/scores/a-review'])
  })
})

describe('rich text as HTML', () => {
  it('should move headings down by headingOffset, at most to h6, and escape text', () => {
    const body = richText(heading('h2', 'Cue <one>'), heading('h3', 'Deeper'), paragraph('Brass & drums.'))
    expect(richTextHTML(body, 1)).toBe('<h3>Cue &lt;one&gt;</h3><h4>Deeper</h4><p>Brass &amp; drums.</p>')
    expect(richTextHTML(body, 4)).toBe('<h6>Cue &lt;one&gt;</h6><h6>Deeper</h6><p>Brass &amp; drums.</p>')
    expect(richTextHTML(body, 0)).toMatch(/^<h2>/)
  })

  it('should give null for a missing body and refuse an offset outside 0 … 5', () => {
    expect(richTextHTML(null, 1)).toBeNull()
    expect(() => resolveOptions({ headingOffset: 6 })).toThrow(/headingOffset must be a whole number from 0 to 5/)
  })
})
