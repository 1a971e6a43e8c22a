'use client'
import { PublishButton, UnpublishButton, useAuth } from '@payloadcms/ui'
import React from 'react'

import { hasRole } from '../access/roles.js'

/* Editors save drafts; publishing and unpublishing are the admins' (the server refuses editors too). */
const useIsAdmin = (): boolean => hasRole(useAuth().user as Record<string, unknown> | null, 'admin')

export const AdminPublishButton = () => (useIsAdmin() ? <PublishButton /> : null)

export const AdminUnpublishButton = () => (useIsAdmin() ? <UnpublishButton /> : null)
