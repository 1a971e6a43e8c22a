import type { Page } from 'playwright-core'

import type { RunningServer } from '../../cms/server'
import type { BrowserSession } from './harness'

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { lastRunKey, recordLastRun } from '../../src/jobs/lastRun'
import { formatSlotLabel } from '../../src/schedule/format'
import { nextSlots } from '../../src/schedule/slots'
import {
  apiGet,
  createFirstAdmin,
  login,
  openBrowser,
  pickOption,
  saveAndWait,
  screenshotDir,
  startAdminServer,
} from './harness'

const FALLOUT = readFileSync(new URL('../fixtures/fallout-tracklist.txt', import.meta.url), 'utf8')

const admin = { email: 'admin@example.test', password: 'e2e-Admin-password-1' }
const filmTitle = 'Mission: Impossible – Fallout'
const reviewTitle = 'Exploring Soundtracks: Fallout'

let server: RunningServer
let session: BrowserSession
let page: Page
let filmURL = ''
const shots = screenshotDir()
const gravatarRequests: string[] = []

const inputValue = (selector: string) => page.locator(selector).inputValue()

const findID = async (collection: string, query: string): Promise<number | string> => {
  const { docs } = await apiGet<{ docs: { id: number | string }[] }>(
    page,
    `/api/${collection}?${query}&depth=0&draft=true&limit=1`,
  )
  expect(docs, `${collection}?${query}`).toHaveLength(1)
  return docs[0].id
}

describe('admin (browser)', () => {
  beforeAll(async () => {
    server = await startAdminServer({ name: 'e2e_admin' })
    session = await openBrowser(server.url)
    page = session.page
    page.on('request', (request) => {
      if (request.url().includes('gravatar.com')) {
        gravatarRequests.push(request.url())
      }
    })
  })

  afterAll(async () => {
    await session?.close()
    await server?.close()
  })

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const file = path.join(shots, `${task.name.replace(/[^a-z0-9]+/gi, '-')}.png`)
      await page?.screenshot({ path: file, fullPage: true }).catch(() => undefined)
      console.error(`Screenshot of the failure: ${file}`)
    })
  })

  it('should create the first admin on the first-user screen', async () => {
    await createFirstAdmin(page, admin)
    const me = await apiGet<{ user?: { roles?: string[] } }>(page, '/api/users/me')
    expect(me.user?.roles).toEqual(['admin'])
  })

  it("should show Payload's default avatar and never ask Gravatar", async () => {
    await page.goto('/admin')
    await page.locator('svg.graphic-account').first().waitFor()
    expect(await page.locator('img.gravatar-account').count()).toBe(0)
    expect(gravatarRequests).toEqual([])
  })

  it('should import the Fallout track list into a new film and show 26 tracks and 1:35:45', async () => {
    await page.goto('/admin/collections/films/create')
    await page.locator('.tracklist-import__hint', { hasText: 'Save the film first' }).waitFor()
    await page.locator('#field-title').fill(filmTitle)
    await saveAndWait(page)
    await page.waitForURL(/\/admin\/collections\/films\/\d+/)
    filmURL = new URL(page.url()).pathname

    await page.locator('textarea[name="tracklistText"]').fill(FALLOUT)
    await expect.poll(() => page.locator('.tracklist-import__summary').textContent()).toBe('26 tracks, 1:35:45 in all.')
    await expect.poll(() => page.locator('.tracklist-import__preview tbody tr').count()).toBe(26)
    await page.getByRole('button', { name: 'Import 26 tracks' }).click()

    await expect.poll(() => inputValue('#field-totalRuntime'), { timeout: 30_000 }).toBe('1:35:45')
    expect(await inputValue('#field-trackCount')).toBe('26')
    await expect.poll(() => page.locator('#field-tracks tbody tr').count(), { timeout: 30_000 }).toBe(26)
    await expect.poll(() => page.locator('#field-tracks tbody tr').first().textContent()).toContain('A Storm Is Coming')
    // A reload reads what was stored, not what the form was told.
    await page.reload()
    expect(await inputValue('#field-totalRuntime')).toBe('1:35:45')
  })

  it('should refuse a clashing import line by line and write nothing', async () => {
    await page.getByRole('button', { name: 'Paste a track list…' }).click()
    await page.locator('textarea[name="tracklistText"]').fill('1. A Storm Is Coming (1:12)\n2. Your Mission (2:1)')
    await expect.poll(() => page.locator('.tracklist-import__row--error').textContent()).toContain('2:1')
    await page.locator('textarea[name="tracklistText"]').fill('1. A Storm Is Coming (1:12)')
    await page.getByRole('button', { name: 'Import 1 track' }).click()
    await expect
      .poll(() => page.locator('.tracklist-import__row--error').textContent())
      .toContain('Track 1 on disc 1 already exists')
    expect(await inputValue('#field-trackCount')).toBe('26')
    await page.getByRole('button', { name: 'Hide' }).click()
  })

  it('should normalise and validate a typed duration and move the film total by one second', async () => {
    const trackID = await findID('tracks', `where[title][equals]=${encodeURIComponent('Good Evening, Mr. Hunt')}`)
    await page.goto(`/admin/collections/tracks/${trackID}`)
    const duration = page.locator('#field-duration')
    expect(await duration.inputValue()).toBe('4:19')
    expect(await page.locator('#field-durationSeconds').count()).toBe(0)

    await duration.fill('')
    await duration.blur()
    await page.locator('#action-save').click()
    await expect
      .poll(() => page.locator('.clock-field__error').textContent())
      .toBe('Duration is required: type it as m:ss, e.g. 4:19.')

    await duration.fill('4:75')
    await duration.blur()
    await expect
      .poll(() => page.locator('.clock-field__error').textContent())
      .toBe('Duration: “4:75” has 75 seconds; seconds go up to 59.')

    await duration.fill('04:20')
    await duration.blur()
    await expect.poll(() => duration.inputValue()).toBe('4:20')
    await expect.poll(() => page.locator('.clock-field__error').count()).toBe(0)
    await saveAndWait(page)

    const stored = await apiGet<Record<string, unknown>>(page, `/api/tracks/${trackID}?depth=0`)
    expect(stored).toMatchObject({ duration: '4:20', durationSeconds: 260 })
    await page.goto(filmURL)
    await expect.poll(() => inputValue('#field-totalRuntime')).toBe('1:35:46')
  })

  it('should refresh the film total when a track is saved in the drawer of its track table', async () => {
    await page
      .locator('#field-tracks tbody tr', { hasText: 'No Hard Feelings' })
      .locator('.drawer-link__doc-drawer-toggler')
      .click()
    const drawer = page.locator('.drawer--is-open')
    const duration = drawer.locator('#field-duration')
    expect(await duration.inputValue()).toBe('4:20')
    await duration.fill('4:21')
    await duration.blur()
    await drawer.locator('#action-save').click()
    await expect.poll(() => inputValue('#field-totalRuntime'), { timeout: 30_000 }).toBe('1:35:47')
    await page.keyboard.press('Escape')
    await expect
      .poll(() => page.locator('#field-tracks tbody tr', { hasText: 'No Hard Feelings' }).textContent())
      .toContain('4:21')
  })

  it('should refresh the film total when a track is deleted from its track table, without a reload', async () => {
    await page
      .locator('#field-tracks tbody tr', { hasText: 'Mission: Accomplished' })
      .locator('.drawer-link__doc-drawer-toggler')
      .click()
    const drawer = page.locator('.drawer--is-open')
    expect(await drawer.locator('#field-duration').inputValue()).toBe('1:15')
    await drawer.locator('.doc-controls__dots').click()
    // The popup menu is rendered outside the drawer; the film's own (closed) menu has a Delete too.
    await page.locator('#action-delete').filter({ visible: true }).click()
    await page.locator('.confirmation-modal', { hasText: 'Mission: Accomplished' }).locator('#confirm-action').click()
    await expect.poll(() => inputValue('#field-totalRuntime'), { timeout: 30_000 }).toBe('1:34:32')
    expect(await inputValue('#field-trackCount')).toBe('25')
    await expect.poll(() => page.locator('#field-tracks tbody tr').count()).toBe(25)
    expect(await page.locator('#field-tracks tbody tr', { hasText: 'Mission: Accomplished' }).count()).toBe(0)
  })

  it('should write a review with a cue and save it as a draft', async () => {
    await page.goto('/admin/collections/reviews/create')
    await page.locator('#field-title').fill(reviewTitle)
    await pickOption(page, '#field-film', 'Fallout')
    // The sidebar shows the picked film's runtime before anything is saved.
    await expect.poll(() => inputValue('#field-totalRuntime')).toBe('1:34:32')

    await page.locator('#field-cues button', { hasText: 'Add Cue' }).first().click()
    await page.locator('#field-cues__0__label').fill('The bathroom fight')
    const timecode = page.locator('#field-cues__0__filmTimecode')
    await timecode.fill('25:0')
    await timecode.blur()
    await expect
      .poll(() => page.locator('#field-cues .clock-field__error').textContent())
      .toContain('“25:0” is not a time like')
    await timecode.fill('90:00')
    await timecode.blur()
    await expect.poll(() => timecode.inputValue()).toBe('1:30:00')
    await timecode.fill('25:00')
    await timecode.blur()
    await expect.poll(() => timecode.inputValue()).toBe('25:00')
    await pickOption(page, '#field-cues__0__track', 'Good Evening')
    await expect
      .poll(() => page.locator('#field-cues .cue-row-label').first().textContent())
      .toBe('25:00 · The bathroom fight')

    await saveAndWait(page, '#action-save-draft')
    await page.waitForURL(/\/admin\/collections\/reviews\/\d+/)
    await expect
      .poll(() => page.locator('.schedule-slot-description').textContent())
      .toMatch(/^Not queued: an admin adds/)
    const id = new URL(page.url()).pathname.split('/').pop()
    const stored = await apiGet<{
      _status: string
      cues: { filmTimecode: string; filmTimeSeconds: number; track: { title: string } }[]
    }>(page, `/api/reviews/${id}?depth=1&draft=true`)
    expect(stored._status).toBe('draft')
    expect(stored.cues[0]).toMatchObject({
      filmTimecode: '25:00',
      filmTimeSeconds: 1500,
      track: { title: 'Good Evening, Mr. Hunt' },
    })
  })

  it('should queue the draft on Fridays 09:00 Europe/London and show its slot in the coming weeks', async () => {
    await page.goto('/admin/globals/publication-schedule')
    await page.locator('.schedule-overview__weeks').waitFor()
    await page.locator('#field-enabled').check()
    expect(await inputValue('#field-time')).toBe('09:00')
    expect(await inputValue('#field-timezone')).toBe('Europe/London')
    await pickOption(page, '#field-queue', reviewTitle)
    await saveAndWait(page)

    const [slot] = nextSlots({
      after: new Date(),
      cadence: { weekday: 'friday', time: '09:00', timezone: 'Europe/London' },
      count: 1,
    })
    const label = formatSlotLabel(slot, 'Europe/London')
    const week = page.locator('.schedule-overview__week--review', { hasText: reviewTitle })
    await expect.poll(() => week.locator('.schedule-overview__slot').textContent(), { timeout: 30_000 }).toBe(label)
    expect(label).toMatch(/^Fri \d{1,2} [A-Z][a-z]{2} \d{4}, 09:00 (GMT|BST)$/)
  })

  it('should show unsaved cadence edits in the coming weeks before saving', async () => {
    await pickOption(page, '#field-weekday', 'Monday')
    await page.locator('#field-time').fill('18:30')
    const [monday] = nextSlots({
      after: new Date(),
      cadence: { weekday: 'monday', time: '18:30', timezone: 'Europe/London' },
      count: 1,
    })
    const week = page.locator('.schedule-overview__week--review', { hasText: reviewTitle })
    await expect
      .poll(() => week.locator('.schedule-overview__slot').textContent())
      .toBe(formatSlotLabel(monday, 'Europe/London'))
    expect(await page.locator('.schedule-overview__cadence').textContent()).toContain('Every Monday at 18:30')
    await page.locator('.schedule-overview__unsaved').waitFor()

    // Back to the saved cadence: the overview follows, and the stored schedule never changed.
    await pickOption(page, '#field-weekday', 'Friday')
    await page.locator('#field-time').fill('09:00')
    const [friday] = nextSlots({
      after: new Date(),
      cadence: { weekday: 'friday', time: '09:00', timezone: 'Europe/London' },
      count: 1,
    })
    await expect
      .poll(() => week.locator('.schedule-overview__slot').textContent())
      .toBe(formatSlotLabel(friday, 'Europe/London'))
    const stored = await apiGet<Record<string, unknown>>(page, '/api/globals/publication-schedule?depth=0')
    expect(stored).toMatchObject({ weekday: 'friday', time: '09:00' })
  })

  it('should show the last publishing error once, as a banner with its run time', async () => {
    const message = 'Review 999 could not be published: the database was locked.'
    await recordLastRun(server.payload, { lastError: message, lastRunAt: new Date().toISOString() })
    try {
      await page.goto('/admin/globals/publication-schedule')
      await page.locator('.schedule-overview__weeks').waitFor()
      await expect.poll(() => page.getByText(message).count()).toBe(1)
      expect(await page.locator('.schedule-overview__error').textContent()).toMatch(
        /^The last publishing run failed \(\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} (GMT|BST)\): /,
      )
    } finally {
      await server.payload.kv.delete(lastRunKey(server.payload))
    }
  })

  it("should show a queued review's slot in the schedule's zone, in the list and on the review, not the browser's", async () => {
    const id = await findID('reviews', `where[title][equals]=${encodeURIComponent(reviewTitle)}`)
    const stored = await apiGet<{ publishAt: string }>(page, `/api/reviews/${id}?depth=0&draft=true`)
    const label = formatSlotLabel(new Date(stored.publishAt), 'Europe/London')
    // A browser on the other side of the world from the schedule's zone.
    const context = await session.browser.newContext({
      baseURL: server.url,
      timezoneId: 'Pacific/Auckland',
      storageState: await session.context.storageState(),
    })
    try {
      const farAway = await context.newPage()
      await farAway.goto('/admin/collections/reviews')
      const cell = farAway.locator('tr', { hasText: reviewTitle }).locator('.cell-publishAt')
      await expect.poll(() => cell.textContent(), { timeout: 30_000 }).toBe(label)
      await farAway.goto(`/admin/collections/reviews/${id}`)
      const description = farAway.locator('.schedule-slot-description')
      await expect
        .poll(() => description.textContent(), { timeout: 30_000 })
        .toBe(`Queued for ${label}, the schedule's time; the job publishes it then.`)
    } finally {
      await context.close()
    }
  })

  it("should save the schedule again from the same form, and refuse a second tab's stale save with a 409 the admin sees", async () => {
    await page.goto('/admin/globals/publication-schedule')
    await page.locator('#field-time').fill('10:00')
    await saveAndWait(page)
    await page.locator('#field-time').fill('09:00')
    await saveAndWait(page)

    const stale = await session.context.newPage()
    try {
      await stale.goto('/admin/globals/publication-schedule')
      await stale.locator('#field-time').waitFor()
      await page.locator('#field-time').fill('10:00')
      await saveAndWait(page)
      await stale.locator('#field-time').fill('11:00')
      await stale.locator('#action-save').click()
      const error = stale.locator('.payload-toast-container .toast-error').first()
      await error.waitFor()
      expect(await error.textContent()).toMatch(/saved at .* reload the schedule/)
    } finally {
      await stale.close()
    }
    await page.reload()
    expect(await inputValue('#field-time')).toBe('10:00')
    await page.locator('#field-time').fill('09:00')
    await saveAndWait(page)
  })

  it('should show an editor Save Draft but no Publish, Unpublish or Delete on a review that is not theirs', async () => {
    const editor = { email: 'editor@example.test', password: 'e2e-Editor-password-1' }
    await server.payload.create({ collection: 'users', data: { ...editor, roles: ['editor'] }, depth: 0 })
    const id = await findID('reviews', `where[title][equals]=${encodeURIComponent(reviewTitle)}`)
    const editorSession = await openBrowser(server.url)
    try {
      await login(editorSession.page, editor)
      await editorSession.page.goto(`/admin/collections/reviews/${id}`)
      await editorSession.page.locator('#action-save-draft').waitFor()
      expect(await editorSession.page.locator('#action-save').count()).toBe(0)
      expect(await editorSession.page.getByRole('button', { name: /unpublish/i }).count()).toBe(0)
      // Not the editor's own draft: the document menu offers no Delete.
      await editorSession.page.locator('.doc-controls__dots').click()
      await editorSession.page.locator('#action-create').waitFor()
      expect(await editorSession.page.locator('#action-delete').count()).toBe(0)
    } finally {
      await editorSession.close()
    }
    // The admin still has both, and Delete.
    await page.goto(`/admin/collections/reviews/${id}`)
    await page.locator('#action-save').waitFor()
    await page.locator('.doc-controls__dots').click()
    await page.locator('#action-delete').waitFor()
  })

  it('should say on a published review which slot it was given, or that it had none', async () => {
    const film = await findID('films', `where[title][like]=Fallout`)
    const slot = '2026-11-06T09:00:00.000Z'
    const cases = [
      {
        publishAt: slot,
        text: `Published; it was given the weekly slot ${formatSlotLabel(new Date(slot), 'Europe/London')}.`,
      },
      { publishAt: null, text: 'Published: the review holds no weekly slot.' },
    ]
    for (const { publishAt, text } of cases) {
      const { id } = await server.payload.create({
        collection: 'reviews',
        data: { title: `Already out ${publishAt ?? 'unslotted'}`, film, _status: 'published', publishAt },
        depth: 0,
        overrideAccess: true,
      })
      await page.goto(`/admin/collections/reviews/${id}`)
      // The sentence follows the schedule's fetch, which a loaded machine may answer after poll's default second.
      await expect.poll(() => page.locator('.schedule-slot-description').textContent(), { timeout: 10_000 }).toBe(text)
    }
  })
})
