/** The package's named fields, without the catch-all `[k: string]: unknown`. */
type KnownFields<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/**
 * What the local platform answers for a Heroku type: every field the type names is present (null where
 * the API says null), except the listed ones, which the API leaves out when they do not apply. Building
 * responses against this keeps the server's shapes and the client's types one definition.
 */
export type Shape<T, Optional extends keyof KnownFields<T> = never> = {
  [K in Exclude<keyof KnownFields<T>, Optional>]-?: KnownFields<T>[K];
} & { [K in Optional]?: KnownFields<T>[K] };
