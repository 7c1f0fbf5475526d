import { createGraphQLError } from 'graphql-yoga';

export type PlatformErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_CREDENTIALS' | 'TOO_MANY_ATTEMPTS' | 'BAD_REQUEST' | 'UPDATE_REQUIRED';

/**
 * A GraphQL error a desk can act on: a machine code in `extensions.code`, a Latvian message for people.
 * Made through graphql-yoga so it is the same GraphQLError class yoga recognises and does not mask.
 */
export function platformError(code: PlatformErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return createGraphQLError(message, { extensions: { code, ...extra } });
}
