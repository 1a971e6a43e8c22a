/** The webhook collections' slugs, fixed by the contract (no override renames them). */
export const WEBHOOK_ENDPOINTS_SLUG = 'webhook-endpoints'

export const WEBHOOK_DELIVERIES_SLUG = 'webhook-deliveries'
