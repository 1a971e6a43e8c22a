import type { CollectionConfig, Field } from 'payload'

import type { CollectionOverride } from '../src/options'

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

/** Applies a site owner's per-collection override to one of our collections. */
export const applyOverride = (
  collection: CollectionConfig & { fields: Field[] },
  override: CollectionOverride | undefined,
): CollectionConfig => ({
  ...collection,
  fields: override?.fields ? override.fields({ defaultFields: collection.fields }) : collection.fields,
  hooks: mergeHooks(collection.hooks, override?.hooks),
})
