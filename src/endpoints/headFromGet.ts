/**
 * A `HEAD` handler from a `GET` one: Payload's router matches endpoints by method, so a HEAD
 * request is answered by running GET and sending its status and headers without the body.
 */
export const headFromGet =
  <Args extends unknown[]>(get: (request: Request, ...args: Args) => Promise<Response>) =>
  async (request: Request, ...args: Args): Promise<Response> => {
    const response = await get(new Request(request, { method: 'GET' }), ...args)
    await response.body?.cancel()
    return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers })
  }
