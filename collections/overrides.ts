import type { CollectionConfig, Field } from 'payload'

import type { CollectionOverride } from '../src/types.js'

type Hooks = NonNullable<CollectionConfig['hooks']>

/** The plugin's hooks first, then the site owner's: theirs are appended, never replacing ours. */
const mergeHooks = (ours: Hooks = {}, theirs: Hooks = {}): Hooks => {
  const merged: Record<string, unknown[]> = {}
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    merged[key] = [
      ...((ours as Record<string, unknown[]>)[key] ?? []),
      ...((theirs as Record<string, unknown[]>)[key] ?? []),
    ]
  }
  return merged as Hooks
}

/**
 * Applies a site owner's per-collection override to one of our collections. The slug is already
 * the resolved one (options.slugs), so relationships and joins elsewhere follow it.
 */
export const applyOverride = (
  collection: CollectionConfig & { fields: Field[] },
  override: CollectionOverride | undefined,
): CollectionConfig => ({
  ...collection,
  labels: override?.labels ?? collection.labels,
  admin: { ...collection.admin, ...override?.admin },
  access: { ...collection.access, ...override?.access },
  fields: override?.fields ? override.fields({ defaultFields: collection.fields }) : collection.fields,
  hooks: mergeHooks(collection.hooks, override?.hooks),
})
