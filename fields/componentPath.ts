/** Where a site's import map finds one of our admin components: the package's `./client` export. */
export const componentPath = (name: string): string => `payload-soundtrack-reviews/client#${name}`
