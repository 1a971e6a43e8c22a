import type { UIField } from 'payload'

import { componentPath } from './componentPath.js'

/**
 * The sidebar's live track count and runtime: it refetches the film's totals when its track list
 * changes. `filmPath` names the field holding the film (a review's `film`); unset, the document is
 * the film.
 */
export const runtimeSync = ({
  slugs,
  filmPath,
}: {
  slugs: { films: string; tracks: string }
  filmPath?: string
}): UIField => ({
  name: 'runtimeSync',
  type: 'ui',
  admin: {
    position: 'sidebar',
    disableListColumn: true,
    components: {
      Field: {
        path: componentPath('RuntimeSync'),
        clientProps: { filmPath, filmsSlug: slugs.films, tracksSlug: slugs.tracks },
      },
    },
  },
})
