'use client'

import type { NumberFieldClientComponent } from 'payload'

/** The stored seconds of a clock value: derived from the typed text, so there is nothing to edit. */
export const ClockSecondsField: NumberFieldClientComponent = () => null
