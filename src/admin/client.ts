'use client'
/* The plugin's admin components, imported by a site's import map as `payload-soundtrack-reviews/client#Name`. */
export { ClockField } from './ClockField'
export { ClockSecondsField } from './ClockSecondsField'
export { CueRowLabel } from './CueRowLabel'
export { FilmTracksField } from './FilmTracksField'
export { RuntimeSync } from './RuntimeSync'
export { ScheduleOverview } from './ScheduleOverview'
export { TrackListImport } from './TrackListImport'
