import type { CollectionBeforeOperationHook, Field, FlattenedField, PayloadRequest } from 'payload'

import { APIError, NotFound, ValidationError } from 'payload'

type FieldError = { path: string; message: string }

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isID = (value: unknown): boolean =>
  (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string'

/** One related document: its id, or (as a populated read sends it back) a document with that id. */
const isReference = (value: unknown, isPolymorphic: boolean): boolean =>
  isPolymorphic
    ? isPlainObject(value) && typeof value.relationTo === 'string' && isReference(value.value, false)
    : isID(value) || (isPlainObject(value) && isID(value.id))

/** NUL cannot be stored by PostgreSQL and never belongs in a title or note. */
const NUL = '\u0000'

/** Whitespace and the zero-width characters that render as nothing. */
const INVISIBLE = /^[\s\u200B-\u200D\u2060\uFEFF]*$/

const describe = (value: unknown): string =>
  Array.isArray(value) ? 'a list' : value === null ? 'null' : isPlainObject(value) ? 'an object' : `a ${typeof value}`

const checkFields = (fields: Field[], data: Record<string, unknown>, prefix: string, errors: FieldError[]): void => {
  for (const field of fields) {
    if (!('name' in field) || !field.name) {
      if ('fields' in field) {
        checkFields(field.fields, data, prefix, errors)
      } else if (field.type === 'tabs') {
        for (const tab of field.tabs) {
          const nested = 'name' in tab && tab.name ? data[tab.name] : data
          if (isPlainObject(nested)) {
            checkFields(tab.fields, nested, 'name' in tab && tab.name ? `${prefix}${tab.name}.` : prefix, errors)
          }
        }
      }
      continue
    }
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    if (value === undefined || value === null || value === '') {
      continue
    }
    if (field.type === 'relationship' || field.type === 'upload') {
      const isPolymorphic = Array.isArray(field.relationTo)
      if (field.hasMany) {
        const isValid = Array.isArray(value) && value.every((item) => isReference(item, isPolymorphic))
        if (!isValid) {
          errors.push({ path, message: `${path} must be a list of ids, got ${describe(value)}.` })
        }
      } else if (!isReference(value, isPolymorphic)) {
        errors.push({ path, message: `${path} must be one id, got ${describe(value)}.` })
      }
    } else if (field.type === 'text' || field.type === 'textarea') {
      const isText =
        'hasMany' in field && field.hasMany
          ? Array.isArray(value) && value.every((item) => typeof item === 'string')
          : typeof value === 'string'
      if (!isText) {
        errors.push({ path, message: `${path} must be text, got ${describe(value)}.` })
      } else if (([] as unknown[]).concat(value).some((item) => String(item).includes(NUL))) {
        errors.push({ path, message: `${path} must not contain NUL (\\u0000) characters.` })
      } else if (field.required && typeof value === 'string' && INVISIBLE.test(value)) {
        errors.push({ path, message: `${path} is empty: only spaces or invisible characters were sent.` })
      }
    } else if (field.type === 'array' && Array.isArray(value)) {
      value.forEach((row, index) => {
        if (isPlainObject(row)) {
          checkFields(field.fields, row, `${path}.${index}.`, errors)
        }
      })
    } else if (field.type === 'group' && isPlainObject(value)) {
      checkFields(field.fields, value, `${path}.`, errors)
    }
  }
}

const LIST_OPERATORS = new Set(['all', 'in', 'not_in'])
const ID_OPERATORS = new Set(['all', 'equals', 'in', 'not_equals', 'not_in'])
const GEO_OPERATORS = new Set(['intersects', 'near', 'within'])

const isScalar = (value: unknown): boolean => value === null || ['boolean', 'number', 'string'].includes(typeof value)

const isWholeNumberID = (value: unknown): boolean =>
  (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^\d{1,15}$/.test(value))

const fieldAt = (fields: FlattenedField[], path: string): FlattenedField | undefined => {
  let level: FlattenedField[] | undefined = fields
  let found: FlattenedField | undefined
  for (const segment of path.split('.')) {
    found = level?.find((field) => field.name === segment)
    level = found && 'flattenedFields' in found ? found.flattenedFields : undefined
  }
  return found
}

/**
 * A query's operands are values, never operator objects (`where[film][equals][$ne]=null`); on SQL
 * databases an id is a whole number. Refused with a 400 naming the condition, not a database 500.
 */
const checkWhere = (
  where: unknown,
  fields: FlattenedField[],
  hasNumericIDs: boolean,
  prefix: string,
  errors: FieldError[],
): void => {
  if (!isPlainObject(where)) {
    errors.push({ path: prefix || 'where', message: `${prefix || 'where'} must be an object of conditions.` })
    return
  }
  for (const [key, condition] of Object.entries(where)) {
    const path = prefix ? `${prefix}.${key}` : `where.${key}`
    if (key === 'and' || key === 'or') {
      const clauses = Array.isArray(condition) ? condition : isPlainObject(condition) ? Object.values(condition) : null
      if (!clauses) {
        errors.push({ path, message: `${path} must be a list of conditions.` })
        continue
      }
      clauses.forEach((clause, index) => checkWhere(clause, fields, hasNumericIDs, `${path}.${index}`, errors))
      continue
    }
    if (!isPlainObject(condition)) {
      errors.push({ path, message: `${path} needs an operator, e.g. ${path}[equals]=…` })
      continue
    }
    const field = key === 'id' ? undefined : fieldAt(fields, key)
    const isIDPath = key === 'id' || field?.type === 'relationship' || field?.type === 'upload'
    for (const [operator, operand] of Object.entries(condition)) {
      if (GEO_OPERATORS.has(operator)) {
        continue
      }
      const items = LIST_OPERATORS.has(operator)
        ? Array.isArray(operand)
          ? operand
          : typeof operand === 'string'
            ? operand.split(',')
            : [operand]
        : [operand]
      if (items.some((item) => typeof item === 'string' && item.includes(NUL))) {
        errors.push({ path: `${path}.${operator}`, message: `${path}[${operator}] must not contain NUL (\\u0000).` })
      } else if (!items.every(isScalar)) {
        errors.push({
          path: `${path}.${operator}`,
          message: `${path}[${operator}] takes plain values, got ${describe(operand)}.`,
        })
      } else if (
        hasNumericIDs &&
        isIDPath &&
        ID_OPERATORS.has(operator) &&
        !items.every((item) => item === null || item === '' || isWholeNumberID(item))
      ) {
        errors.push({
          path: `${path}.${operator}`,
          message: `${path}[${operator}] takes ids, which are whole numbers here.`,
        })
      }
    }
  }
}

const hasNumericIDs = (req: PayloadRequest): boolean => req.payload.db.defaultIDType === 'number'

/**
 * A relationship takes ids: an operator object (`{"$ne": null}`) or a list where one id belongs is
 * refused with a 400 naming the field before any hook can carry it into a query. Text with NUL, and
 * required text that is only invisible characters, are refused the same way.
 */
export const refuseMalformedInput: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  // Our own hooks' Local API calls are trusted; what comes over REST and GraphQL is not.
  if (req.payloadAPI === 'local') {
    return args
  }
  const { data, id, where } = args as { data?: unknown; id?: unknown; where?: unknown }
  if (id !== undefined && id !== null && hasNumericIDs(req) && !isWholeNumberID(id)) {
    throw new NotFound(req.t)
  }
  const errors: FieldError[] = []
  if (where !== undefined && where !== null) {
    checkWhere(where, collection.flattenedFields, hasNumericIDs(req), '', errors)
  }
  if (errors.length > 0) {
    throw new APIError(errors.map((error) => error.message).join(' '), 400, { errors }, true)
  }
  if ((operation === 'create' || operation === 'update') && data !== undefined) {
    if (!isPlainObject(data)) {
      throw new ValidationError({
        collection: collection.slug,
        errors: [{ path: 'data', message: `The body must be one JSON object, got ${describe(data)}.` }],
        req,
      })
    }
    checkFields(collection.fields, data, '', errors)
  }
  if (errors.length > 0) {
    throw new ValidationError({ collection: collection.slug, errors, req })
  }
  return args
}
