'use client'

import { RefreshRouteOnSave } from '@payloadcms/live-preview-react'
import { useRouter } from 'next/navigation'
import React from 'react'

/**
 * In the admin's Live Preview (an iframe on the admin's own origin): renders the page again after
 * each save. Rendered only in an editor's preview, so readers' pages never carry it.
 */
export const LivePreviewListener = () => {
  const router = useRouter()
  // Only its effect runs, in the browser: on the server there is no window and nothing to listen to.
  const origin = typeof window === 'undefined' ? '' : window.location.origin
  return <RefreshRouteOnSave refresh={() => router.refresh()} serverURL={origin} />
}
