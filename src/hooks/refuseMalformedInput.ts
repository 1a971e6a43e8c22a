import type {
  AfterErrorHook,
  CollectionBeforeOperationHook,
  CollectionSlug,
  Field,
  FlattenedField,
  GlobalBeforeOperationHook,
  PayloadRequest,
} from 'payload'

import type { SoundtrackT } from '../translations/index.js'

import { APIError, buildVersionCollectionFields, getLocalizedPaths, NotFound, ValidationError } from 'payload'
import { validOperators } from 'payload/shared'

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

/**
 * `{ root: { type: 'root', children: [...] } }` whose every node has a `type` and, if any, a list of
 * children, and whose text nodes hold text: what Lexical's own validation walks without crashing and
 * its HTML renders. Walked without recursion, so no nesting depth overflows the stack.
 */
const isLexicalDocument = (value: unknown): boolean => {
  if (!isPlainObject(value) || !isPlainObject(value.root) || value.root.type !== 'root') {
    return false
  }
  const nodes: unknown[] = [value.root]
  while (nodes.length > 0) {
    const node = nodes.pop()
    if (!isPlainObject(node) || typeof node.type !== 'string' || !Array.isArray(node.children ?? [])) {
      return false
    }
    if (node.type === 'text' && typeof node.text !== 'string') {
      return false
    }
    for (const child of (node.children as unknown[] | undefined) ?? []) {
      nodes.push(child)
    }
  }
  return Array.isArray(value.root.children)
}

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
    if (field.type === 'checkbox' && value === null) {
      // Stored as neither true nor false: a webhook endpoint so set was neither sent to nor listed as off.
      errors.push({ path, message: t('soundtrackReviews:validation.checkbox', { path }) })
      continue
    }
    if (value === undefined || value === null || value === '') {
      continue
    }
    if (field.type === 'relationship' || field.type === 'upload') {
      const isPolymorphic = Array.isArray(field.relationTo)
      if (field.hasMany) {
        const invalid = Array.isArray(value)
          ? value.filter((item) => !isReference(item, isPolymorphic, hasNumericIDs))
          : undefined
        if (!invalid) {
          errors.push({
            path,
            message: t('soundtrackReviews:validation.ids', { path, given: describeGiven(t, value) }),
          })
        } else if (invalid.length > 0) {
          // Name the items that cannot be ids, as the field's own check does for ids of nothing.
          const ids = invalid
            .map((item) =>
              t('soundtrackReviews:quoted', { text: typeof item === 'string' ? item : JSON.stringify(item) }),
            )
            .join(', ')
          errors.push({ path, message: t('soundtrackReviews:validation.idsInvalid', { path, ids }) })
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
    } else if (field.type === 'select' && field.hasMany && !Array.isArray(value)) {
      // Payload would store a lone value given for a list as an empty list, silently.
      errors.push({ path, message: t('soundtrackReviews:validation.list', { path, given: describeGiven(t, value) }) })
    } else if (field.type === 'select' || field.type === 'radio') {
      // Payload's own check lets a number (stored as "7.0"), a list for one value (a 500) and any
      // `_status` through: every value must be one of the options, as text.
      const allowed = field.options.map((option) => (typeof option === 'string' ? option : option.value))
      const given = 'hasMany' in field && field.hasMany ? (value as unknown[]) : [value]
      const odd = given.find((item) => typeof item !== 'string' || !allowed.includes(item))
      if (odd !== undefined) {
        errors.push({
          path,
          message: t('soundtrackReviews:validation.option', {
            path,
            options: allowed.join(', '),
            given:
              typeof odd === 'string'
                ? t('soundtrackReviews:quoted', { text: odd.length > 40 ? `${odd.slice(0, 40)}…` : odd })
                : describeGiven(t, odd),
          }),
        })
      }
    } else if (field.type === 'date') {
      if (!isDate(value)) {
        errors.push({ path, message: t('soundtrackReviews:validation.date', { path, given: describeGiven(t, value) }) })
      }
    } else if (field.type === 'richText' && !isLexicalDocument(value)) {
      errors.push({ path, message: t('soundtrackReviews:validation.richText', { path }) })
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

type Operator = (typeof validOperators)[number]

const LIST_OPERATORS = new Set(['all', 'in', 'not_in'])
const EQUALITY: Operator[] = ['equals', 'not_equals', 'in', 'not_in', 'all', 'exists']
const ORDERED: Operator[] = [...EQUALITY, 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal']
const TEXTUAL: Operator[] = [...ORDERED, 'like', 'not_like', 'contains']
const GEO_OPERATORS = new Set<string>(['intersects', 'near', 'within'])

/** What each field type can be asked (of Payload's `validOperators`, as its admin's filter offers); other types are left to Payload. */
const OPERATORS_BY_TYPE = {
  array: ['exists'],
  blocks: ['exists'],
  checkbox: EQUALITY,
  code: TEXTUAL,
  date: ORDERED,
  email: TEXTUAL,
  group: ['exists'],
  join: ['equals', 'not_equals', 'exists'],
  json: ['exists'],
  number: ORDERED,
  point: validOperators,
  radio: EQUALITY,
  relationship: EQUALITY,
  richText: ['exists'],
  select: EQUALITY,
  text: TEXTUAL,
  textarea: TEXTUAL,
  upload: EQUALITY,
} satisfies Partial<Record<FlattenedField['type'], readonly Operator[]>>

type WhereType = keyof typeof OPERATORS_BY_TYPE

/** The SQL adapters list the operators they build (`all` is missing there); geo ones they handle apart, for points. */
const hasOperator = (req: PayloadRequest, operator: Operator): boolean => {
  const { operators } = req.payload.db as { operators?: Record<string, unknown> }
  return !operators || operator in operators || GEO_OPERATORS.has(operator)
}

const isScalar = (value: unknown): boolean => value === null || ['boolean', 'number', 'string'].includes(typeof value)

const isWholeNumberID = (value: unknown): boolean =>
  (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^\d{1,15}$/.test(value))

const isFiniteNumber = (value: unknown): boolean =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))

/** Staff read every document; a related collection read only in part (users, for an editor) may be compared by id alone. */
const canReadAll = async (req: PayloadRequest, slug: string): Promise<boolean> =>
  (await req.payload.collections[slug as CollectionSlug]?.config.access.read?.({ req })) === true

type WhereChecks = Checks & { fieldSets: FlattenedField[][]; req: PayloadRequest }

/**
 * A query's operands are values, never operator objects (`where[film][equals][$ne]=null`), that the
 * field's type can compare (dates, finite numbers, ids of the database's shape) with an operator the
 * type and the database know; a path through a relationship reads only what the caller may read.
 * Refused with a 400 naming the condition, not a database 500.
 */
const checkWhere = async (where: unknown, prefix: string, checks: WhereChecks): Promise<void> => {
  const { errors, fieldSets, hasNumericIDs, req, t } = checks
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
      for (const [index, clause] of clauses.entries()) {
        await checkWhere(clause, `${path}.${index}`, checks)
      }
      continue
    }
    if (!isPlainObject(condition)) {
      errors.push({ path, message: t('soundtrackReviews:validation.whereOperator', { path }) })
      continue
    }
    // Payload's own resolution of `film.title` into a field per collection; an unknown path is its 400.
    const resolved = fieldSets.map((fields) =>
      getLocalizedPaths({ fields, incomingPath: key, locale: req.locale ?? undefined, payload: req.payload }),
    )
    const known = resolved.find((segments) => segments.every((segment) => !segment.invalid && segment.field))
    const segments = known ?? []
    const hops = segments.map((segment, index) => ({ segment, index })).slice(1)
    let unreadable: string | undefined
    for (const { segment, index } of hops) {
      if (!unreadable && segment.path !== 'id' && !(await canReadAll(req, segment.collectionSlug!))) {
        unreadable = segments
          .slice(0, index)
          .map((before) => before.path)
          .join('.')
      }
    }
    if (unreadable) {
      errors.push({
        path,
        message: t('soundtrackReviews:validation.whereUnreadable', { path: key, relation: unreadable }),
      })
      continue
    }
    const field = segments.at(-1)?.field
    // A path into a rich text or JSON document (`plotRecap.root.children`) is Payload's JSON query.
    const type =
      field && key.split('.').at(-1) === field.name && field.type in OPERATORS_BY_TYPE
        ? (field.type as WhereType)
        : undefined
    const allowed = type && OPERATORS_BY_TYPE[type].filter((operator) => hasOperator(req, operator))
    // PostgreSQL stores a select as an enum, which refuses any other value with an error.
    const options =
      field?.type === 'select' || field?.type === 'radio'
        ? field.options.map((option) => (typeof option === 'string' ? option : option.value))
        : undefined
    const isOption = (item: unknown): boolean => options?.includes(String(item)) ?? true
    const isIDPath = field?.name === 'id' || ['join', 'relationship', 'upload'].includes(field?.type ?? '')
    for (const [operator, operand] of Object.entries(condition)) {
      if (allowed && !allowed.includes(operator as Operator)) {
        errors.push({
          path: `${path}.${operator}`,
          message: t('soundtrackReviews:validation.whereOperatorForType', {
            path: key,
            operator,
            type: t(`soundtrackReviews:fieldType.${type!}`),
            operators: allowed.join(', '),
          }),
        })
        continue
      }
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
      const odd = (isValid: (item: unknown) => boolean): unknown =>
        operator === 'exists' ? undefined : items.find((item) => item !== null && !isValid(item))
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
        odd((item) => (item === '' && field?.name !== 'id') || isWholeNumberID(item)) !== undefined
      ) {
        errors.push({
          path: `${path}.${operator}`,
          message: t('soundtrackReviews:validation.operandIDs', { path, operator }),
        })
      } else if (!isIDPath && field?.type === 'date' && odd(isDate) !== undefined) {
        const value = String(odd(isDate))
        errors.push({
          path: `${path}.${operator}`,
          message: t('soundtrackReviews:validation.whereDate', { path: key, operator, value }),
        })
      } else if (!isIDPath && field?.type === 'number' && odd(isFiniteNumber) !== undefined) {
        const value = String(odd(isFiniteNumber))
        errors.push({
          path: `${path}.${operator}`,
          message: t('soundtrackReviews:validation.whereNumber', { path: key, operator, value }),
        })
      } else if (options && odd(isOption) !== undefined) {
        const value = String(odd(isOption))
        errors.push({
          path: `${path}.${operator}`,
          message: t('soundtrackReviews:validation.whereOption', { path: key, value, options: options.join(', ') }),
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
export const refuseMalformedInput: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  // Our own hooks' Local API calls are trusted; what comes over REST and GraphQL is not.
  if (req.payloadAPI === 'local') {
    return args
  }
  const { data, id, limit, page, where } = args as {
    data?: unknown
    id?: unknown
    limit?: unknown
    page?: unknown
    where?: unknown
  }
  if (id !== undefined && id !== null && hasNumericIDs(req) && !isWholeNumberID(id)) {
    throw new NotFound(req.t)
  }
  const t = soundtrackT(req.t)
  const errors: FieldError[] = []
  // Numbers as Payload parsed them (the database met -1 as a negative OFFSET, a 500); other text it ignores.
  if (typeof limit === 'number' && !(Number.isSafeInteger(limit) && limit >= 0)) {
    errors.push({ path: 'limit', message: t('soundtrackReviews:validation.limit', { value: String(limit) }) })
  }
  if (typeof page === 'number' && !(Number.isSafeInteger(page) && page >= 1)) {
    errors.push({ path: 'page', message: t('soundtrackReviews:validation.page', { value: String(page) }) })
  }
  if (where !== undefined && where !== null) {
    // A read of versions (`/versions`, which reaches this hook as `read` too) asks about `version.title`, `parent`.
    const fieldSets = [
      collection.flattenedFields,
      ...(collection.versions ? [buildVersionCollectionFields(req.payload.config, collection, true)] : []),
    ]
    await checkWhere(where, '', { errors, fieldSets, hasNumericIDs: hasNumericIDs(req), req, t })
  }
  if (errors.length > 0) {
    throw new APIError(errors.map((error) => error.message).join(' '), 400, { errors }, true)
  }
  if ((operation === 'create' || operation === 'update') && data !== undefined) {
    if (!isPlainObject(data)) {
      throw new ValidationError(
        {
          collection: collection.slug,
          errors: [
            { path: 'data', message: t('soundtrackReviews:validation.body', { given: describeGiven(t, data) }) },
          ],
          req,
        },
        req.t,
      )
    }
    checkFields(collection.fields, data, '', { errors, hasNumericIDs: hasNumericIDs(req), t })
  }
  if (errors.length > 0) {
    throw new ValidationError({ collection: collection.slug, errors, req }, req.t)
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
    throw new ValidationError(
      {
        global: global.slug,
        errors: [{ path: 'data', message: t('soundtrackReviews:validation.body', { given: describeGiven(t, data) }) }],
        req,
      },
      req.t,
    )
  }
  const errors: FieldError[] = []
  checkFields(global.fields, data, '', { errors, hasNumericIDs: hasNumericIDs(req), t })
  if (errors.length > 0) {
    throw new ValidationError({ global: global.slug, errors, req }, req.t)
  }
  return args
}

/**
 * `?where=` that is not JSON (`?where=x`): Payload's parser throws before any hook, answered 500.
 * Answered 400 naming `where`, as a `where` of the wrong shape is.
 */
export const answerMalformedWhere: AfterErrorHook = ({ error, req }) => {
  const where = (req.query as Record<string, unknown> | undefined)?.where
  if (!(error instanceof SyntaxError) || typeof where !== 'string' || isJSON(where)) {
    return undefined
  }
  const message = soundtrackT(req.t)('soundtrackReviews:validation.whereJSON', { path: 'where' })
  return { status: 400, response: { errors: [{ message, data: { errors: [{ path: 'where', message }] } }] } }
}

const isJSON = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
