import type {
  CollectionBeforeOperationHook,
  Field,
  FlattenedField,
  GlobalBeforeOperationHook,
  PayloadRequest,
} from 'payload'

import type { SoundtrackT } from '../translations/index.js'

import { APIError, NotFound, ValidationError } from 'payload'

import { describeGiven } from '../../fields/translate.js'
import { soundtrackT } from '../translations/index.js'

type FieldError = { path: string; message: string }

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** On a database with numeric ids (SQL), an id is a whole number: `1.5` or `1e300` names no row. */
const isID = (value: unknown, hasNumericIDs: boolean): boolean =>
  hasNumericIDs
    ? isWholeNumberID(value)
    : (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string'

/** One related document: its id, or (as a populated read sends it back) a document with that id. */
const isReference = (value: unknown, isPolymorphic: boolean, hasNumericIDs: boolean): boolean =>
  isPolymorphic
    ? isPlainObject(value) && typeof value.relationTo === 'string' && isReference(value.value, false, hasNumericIDs)
    : isID(value, hasNumericIDs) || (isPlainObject(value) && isID(value.id, hasNumericIDs))

const isDate = (value: unknown): boolean =>
  (typeof value === 'string' && !Number.isNaN(Date.parse(value))) ||
  (value instanceof Date && !Number.isNaN(value.getTime()))

/** NUL cannot be stored by PostgreSQL and never belongs in a title or note. */
const NUL = '\u0000'

/** Whitespace and the zero-width characters that render as nothing. */
const INVISIBLE = /^[\s\u200B-\u200D\u2060\uFEFF]*$/

type Checks = { errors: FieldError[]; hasNumericIDs: boolean; t: SoundtrackT }

const checkFields = (fields: Field[], data: Record<string, unknown>, prefix: string, checks: Checks): void => {
  const { errors, hasNumericIDs, t } = checks
  for (const field of fields) {
    if (!('name' in field) || !field.name) {
      if ('fields' in field) {
        checkFields(field.fields, data, prefix, checks)
      } else if (field.type === 'tabs') {
        for (const tab of field.tabs) {
          const nested = 'name' in tab && tab.name ? data[tab.name] : data
          if (isPlainObject(nested)) {
            checkFields(tab.fields, nested, 'name' in tab && tab.name ? `${prefix}${tab.name}.` : prefix, checks)
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
        const isValid = Array.isArray(value) && value.every((item) => isReference(item, isPolymorphic, hasNumericIDs))
        if (!isValid) {
          errors.push({
            path,
            message: t('soundtrackReviews:validation.ids', { path, given: describeGiven(t, value) }),
          })
        }
      } else if (!isReference(value, isPolymorphic, hasNumericIDs)) {
        errors.push({ path, message: t('soundtrackReviews:validation.id', { path, given: describeGiven(t, value) }) })
      }
    } else if (field.type === 'text' || field.type === 'textarea') {
      const isText =
        'hasMany' in field && field.hasMany
          ? Array.isArray(value) && value.every((item) => typeof item === 'string')
          : typeof value === 'string'
      if (!isText) {
        errors.push({ path, message: t('soundtrackReviews:validation.text', { path, given: describeGiven(t, value) }) })
      } else if (([] as unknown[]).concat(value).some((item) => String(item).includes(NUL))) {
        errors.push({ path, message: t('soundtrackReviews:validation.textNul', { path }) })
      } else if (field.required && typeof value === 'string' && INVISIBLE.test(value)) {
        errors.push({ path, message: t('soundtrackReviews:validation.textInvisible', { path }) })
      }
    } else if (field.type === 'date') {
      if (!isDate(value)) {
        errors.push({ path, message: t('soundtrackReviews:validation.date', { path, given: describeGiven(t, value) }) })
      }
    } else if (field.type === 'array' && Array.isArray(value)) {
      value.forEach((row, index) => {
        if (isPlainObject(row)) {
          checkFields(field.fields, row, `${path}.${index}.`, checks)
        }
      })
    } else if (field.type === 'group' && isPlainObject(value)) {
      checkFields(field.fields, value, `${path}.`, checks)
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
  t: SoundtrackT,
): void => {
  if (!isPlainObject(where)) {
    errors.push({
      path: prefix || 'where',
      message: t('soundtrackReviews:validation.where', { path: prefix || 'where' }),
    })
    return
  }
  for (const [key, condition] of Object.entries(where)) {
    const path = prefix ? `${prefix}.${key}` : `where.${key}`
    if (key === 'and' || key === 'or') {
      const clauses = Array.isArray(condition) ? condition : isPlainObject(condition) ? Object.values(condition) : null
      if (!clauses) {
        errors.push({ path, message: t('soundtrackReviews:validation.whereList', { path }) })
        continue
      }
      clauses.forEach((clause, index) => checkWhere(clause, fields, hasNumericIDs, `${path}.${index}`, errors, t))
      continue
    }
    if (!isPlainObject(condition)) {
      errors.push({ path, message: t('soundtrackReviews:validation.whereOperator', { path }) })
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
        errors.push({
          path: `${path}.${operator}`,
          message: t('soundtrackReviews:validation.operandNul', { path, operator }),
        })
      } else if (!items.every(isScalar)) {
        errors.push({
          path: `${path}.${operator}`,
          message: t('soundtrackReviews:validation.operandPlain', { path, operator, given: describeGiven(t, operand) }),
        })
      } else if (
        hasNumericIDs &&
        isIDPath &&
        ID_OPERATORS.has(operator) &&
        !items.every((item) => item === null || item === '' || isWholeNumberID(item))
      ) {
        errors.push({
          path: `${path}.${operator}`,
          message: t('soundtrackReviews:validation.operandIDs', { path, operator }),
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
  const t = soundtrackT(req.t)
  const errors: FieldError[] = []
  if (where !== undefined && where !== null) {
    checkWhere(where, collection.flattenedFields, hasNumericIDs(req), '', errors, t)
  }
  if (errors.length > 0) {
    throw new APIError(errors.map((error) => error.message).join(' '), 400, { errors }, true)
  }
  if ((operation === 'create' || operation === 'update') && data !== undefined) {
    if (!isPlainObject(data)) {
      throw new ValidationError({
        collection: collection.slug,
        errors: [{ path: 'data', message: t('soundtrackReviews:validation.body', { given: describeGiven(t, data) }) }],
        req,
      })
    }
    checkFields(collection.fields, data, '', { errors, hasNumericIDs: hasNumericIDs(req), t })
  }
  if (errors.length > 0) {
    throw new ValidationError({ collection: collection.slug, errors, req })
  }
  return args
}

/** The same checks of what a write sends, for the publication schedule (a global). */
export const refuseMalformedGlobalInput: GlobalBeforeOperationHook = ({ args, global, operation, req }) => {
  const { data } = args as { data?: unknown }
  if (req.payloadAPI === 'local' || operation !== 'update' || data === undefined) {
    return args
  }
  const t = soundtrackT(req.t)
  if (!isPlainObject(data)) {
    throw new ValidationError({
      global: global.slug,
      errors: [{ path: 'data', message: t('soundtrackReviews:validation.body', { given: describeGiven(t, data) }) }],
      req,
    })
  }
  const errors: FieldError[] = []
  checkFields(global.fields, data, '', { errors, hasNumericIDs: hasNumericIDs(req), t })
  if (errors.length > 0) {
    throw new ValidationError({ global: global.slug, errors, req })
  }
  return args
}
