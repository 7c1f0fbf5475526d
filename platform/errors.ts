import { GraphQLError } from 'graphql';

export type PlatformErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_CREDENTIALS' | 'TOO_MANY_ATTEMPTS' | 'BAD_REQUEST';

/** A GraphQL error a desk can act on: a machine code in `extensions.code`, a Latvian message for people. */
export function platformError(code: PlatformErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}
