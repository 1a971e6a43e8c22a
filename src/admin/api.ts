'use client'

import { useConfig } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import { useCallback } from 'react'

/** Builds `/api/...` URLs the way the admin itself does (serverURL, routes.api, basePath). */
export const useApiURL = (): ((path: `/${string}`) => string) => {
  const {
    config: { routes, serverURL },
  } = useConfig()
  return useCallback((path) => formatAdminURL({ apiRoute: routes.api, serverURL, path }), [routes.api, serverURL])
}

/** Same-origin JSON with the admin's cookie; never served from the HTTP cache. */
export const fetchJSON = async <T>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
  const response = await fetch(url, {
    credentials: 'include',
    cache: 'no-store',
    ...init,
    headers: {
      Accept: 'application/json',
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
  })
  const body = (await response.json().catch(() => ({}))) as T
  return { status: response.status, body }
}
