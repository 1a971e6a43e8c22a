import type { PluginSlugs, PreviewBreakpoint, ResolvedOptions, SoundtrackReviewsOptions } from './types.js'

/** The contract's slugs: the defaults when no override names another. */
export const defaultSlugs: PluginSlugs = {
  films: 'films',
  composers: 'composers',
  tracks: 'tracks',
  reviews: 'reviews',
  schedule: 'publication-schedule',
}

export const defaultOptions: ResolvedOptions = {
  disabled: false,
  usersCollection: 'users',
  schedule: { queue: 'soundtrack-reviews', cron: '* * * * *', runInProcess: true },
  ratingScale: 10,
  siteUrl: 'http://localhost:3000',
  reviewUrl: 'http://localhost:3000/reviews/{slug}',
  headingOffset: 1,
  publisher: { name: 'Exploring Soundtracks' },
  previewBreakpoints: [
    { name: 'mobile', label: 'Mobile', width: 375, height: 667 },
    { name: 'tablet', label: 'Tablet', width: 768, height: 1024 },
    { name: 'desktop', label: 'Desktop', width: 1440, height: 900 },
  ],
  trackListMaxLines: 500,
  cache: { maxBytes: 64 * 1024 * 1024, maxEntryBytes: 2 * 1024 * 1024 },
  webhooks: {
    retrySeconds: [5, 300, 1_800, 7_200, 18_000, 36_000, 50_400, 72_000, 86_400],
    allowPrivateNetworks: false,
    maxConsecutiveFailures: 20,
    timeoutMs: 10_000,
    keepDays: 30,
  },
  overrides: {},
  slugs: defaultSlugs,
}

export const resolveOptions = (options: SoundtrackReviewsOptions = {}): ResolvedOptions => {
  const siteUrl = (options.siteUrl ?? defaultOptions.siteUrl).replace(/\/+$/, '')
  const resolved: ResolvedOptions = {
    ...defaultOptions,
    ...options,
    schedule: { ...defaultOptions.schedule, ...options.schedule },
    publisher: { ...defaultOptions.publisher, ...options.publisher },
    cache: { ...defaultOptions.cache, ...options.cache },
    webhooks: { ...defaultOptions.webhooks, ...options.webhooks },
    siteUrl,
    reviewUrl: options.reviewUrl ?? `${siteUrl}/reviews/{slug}`,
    headingOffset: options.headingOffset ?? defaultOptions.headingOffset,
    previewBreakpoints: options.previewBreakpoints ?? defaultOptions.previewBreakpoints,
    overrides: { ...options.overrides },
    slugs: {
      films: options.overrides?.films?.slug ?? defaultSlugs.films,
      composers: options.overrides?.composers?.slug ?? defaultSlugs.composers,
      tracks: options.overrides?.tracks?.slug ?? defaultSlugs.tracks,
      reviews: options.overrides?.reviews?.slug ?? defaultSlugs.reviews,
      schedule: defaultSlugs.schedule,
    },
  }
  if (!Number.isFinite(resolved.ratingScale) || resolved.ratingScale <= 0) {
    throw new Error(`soundtrackReviews: ratingScale must be a positive number, got ${options.ratingScale}`)
  }
  if (!/^https?:\/\/[^/]/.test(resolved.reviewUrl) || !/\{(slug|id)\}/.test(resolved.reviewUrl)) {
    throw new Error(
      `soundtrackReviews: reviewUrl must be an absolute http(s) URL with {slug} or {id} in it, got "${resolved.reviewUrl}"`,
    )
  }
  if (!Number.isInteger(resolved.headingOffset) || resolved.headingOffset < 0 || resolved.headingOffset > 5) {
    throw new Error(`soundtrackReviews: headingOffset must be a whole number from 0 to 5, got ${options.headingOffset}`)
  }
  if (!Number.isInteger(resolved.trackListMaxLines) || resolved.trackListMaxLines < 1) {
    throw new Error(
      `soundtrackReviews: trackListMaxLines must be a whole number from 1, got ${options.trackListMaxLines}`,
    )
  }
  const isBreakpoint = (breakpoint: null | PreviewBreakpoint) =>
    typeof breakpoint === 'object' &&
    breakpoint !== null &&
    [breakpoint.name, breakpoint.label].every((text) => typeof text === 'string' && text.trim() !== '') &&
    [breakpoint.width, breakpoint.height].every((pixels) => Number.isInteger(pixels) && pixels > 0)
  if (!Array.isArray(resolved.previewBreakpoints) || !resolved.previewBreakpoints.every(isBreakpoint)) {
    throw new Error(
      `soundtrackReviews: previewBreakpoints must be a list of { name, label, width, height } with sizes in whole pixels, got ${JSON.stringify(options.previewBreakpoints)}`,
    )
  }
  for (const name of ['maxBytes', 'maxEntryBytes'] as const) {
    if (!Number.isSafeInteger(resolved.cache[name]) || resolved.cache[name] < 0) {
      throw new Error(`soundtrackReviews: cache.${name} must be a whole number of bytes, got ${options.cache?.[name]}`)
    }
  }
  const { retrySeconds, maxConsecutiveFailures, timeoutMs, keepDays } = resolved.webhooks
  if (
    !Array.isArray(retrySeconds) ||
    retrySeconds.length === 0 ||
    !retrySeconds.every((seconds) => Number.isFinite(seconds) && seconds >= 0)
  ) {
    throw new Error(
      `soundtrackReviews: webhooks.retrySeconds must be a non-empty list of seconds, got ${JSON.stringify(retrySeconds)}`,
    )
  }
  if (!Number.isInteger(maxConsecutiveFailures) || maxConsecutiveFailures < 1) {
    throw new Error(
      `soundtrackReviews: webhooks.maxConsecutiveFailures must be a whole number from 1, got ${maxConsecutiveFailures}`,
    )
  }
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new Error(`soundtrackReviews: webhooks.timeoutMs must be a whole number of milliseconds, got ${timeoutMs}`)
  }
  if (!(Number.isFinite(keepDays) && keepDays > 0)) {
    throw new Error(`soundtrackReviews: webhooks.keepDays must be a number of days above 0, got ${keepDays}`)
  }
  if (resolved.revalidate !== undefined && typeof resolved.revalidate !== 'function') {
    throw new Error('soundtrackReviews: revalidate must be a function ({ tags, urls, event, data, payload }) => …')
  }
  return resolved
}
