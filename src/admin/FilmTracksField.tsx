'use client'

import type { JoinFieldClientComponent } from 'payload'

import { JoinField } from '@payloadcms/ui'
import React, { useMemo, useState } from 'react'

import { useTracksChanged } from './trackEvents.js'

/** An album fits on one page; the table reads `defaultLimit: 0` ("all" on the server) as "use the default 10". */
const ALL_TRACKS_PAGE = 200

/**
 * The film's track table (Payload's join field), reloaded after a bulk import: the table keeps its
 * own rows, so it is remounted rather than patched.
 */
export const FilmTracksField: JoinFieldClientComponent = (props) => {
  const [generation, setGeneration] = useState(0)
  useTracksChanged(props.field.collection as string, (change) => {
    if (change.kind === 'imported') {
      setGeneration((current) => current + 1)
    }
  })
  const field = useMemo(
    () => ({ ...props.field, defaultLimit: props.field.defaultLimit || ALL_TRACKS_PAGE }),
    [props.field],
  )
  return <JoinField key={generation} {...props} field={field} />
}
