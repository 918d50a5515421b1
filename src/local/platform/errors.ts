/**
 * A refusal the API sends back as Heroku does: an HTTP status and the `{id, message}` body. The platform
 * services throw it; the HTTP layer turns it into the response.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    /** Heroku names the missing resource in a 404 (`add_on`, `add_on attachment`); the CLI's resolvers read it. */
    readonly resource?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 404 with Heroku's wording: `Couldn't find that app.` */
export function notFound(what: string, resource?: string): ApiError {
  return new ApiError(404, 'not_found', `Couldn't find that ${what}.`, resource);
}

/** 422 invalid_params: the request was understood and refused. */
export function invalid(message: string): ApiError {
  return new ApiError(422, 'invalid_params', message);
}
