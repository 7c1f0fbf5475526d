import { readFileSync } from 'node:fs';
import { GraphQLScalarType, Kind, type GraphQLError, type ValidationRule, type ValueNode } from 'graphql';
import { createGraphQLError, createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createLogin, refreshSession } from './auth/login';
import type { Tokens } from './auth/tokens';
import { auditQueries } from './audit/queries';
import { caseQueries } from './cases/queries';
import { clientQueries } from './clients/queries';
import { kbQueries } from './kb/queries';
import { queueQueries } from './queue/queries';
import { liveQueries } from './stats/live';
import { statisticsQueries } from './stats/report';
import { clamp, need, type Context } from './access';
import type { Sql } from './db/sql';
import { platformError } from './errors';
import { logIncident, silentLog, type Log } from './log';
import type { MutationInput, Resolvers, Service } from './generated/graphql';
import { pull } from './sync/pull';
import { push } from './sync/push';

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return node.values.map(literal);
    default:
      return null;
  }
}

const JSONScalar = new GraphQLScalarType({ name: 'JSON', serialize: (v) => v, parseValue: (v) => v, parseLiteral: literal });

/** Production hides the schema: a desk's operations are known, an attacker's map need not be. */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(createGraphQLError('Shēmas izpēte ražošanas režīmā ir izslēgta.', { nodes: [node] }));
    }
  },
});

const LIMITS = { maxDepth: 8, maxAliases: 15, maxTokens: 2000, maxCost: 5000, maxDirectives: 20 };

export interface GraphqlOptions {
  sql: Sql;
  tokens: Tokens;
  production: boolean;
  onChanged(): void;
  log?: Log;
  /** The time mutations and live figures see: the wall clock unless a test controls it. */
  clock?: () => Date;
}

/**
 * What a desk sees of an unexpected failure: a Latvian message and an incident id the operator finds
 * in the log, never the error itself (its message may carry personal data or internals). Errors the
 * code raised on purpose (platformError, validation) pass through unchanged.
 */
function maskUnexpected(log: Log) {
  // By name, not instanceof: yoga and this module may hold different copies of graphql's classes.
  const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof Error && e.name === 'GraphQLError';
  return (error: unknown): Error => {
    const original = isGraphQLError(error) ? error.originalError : error;
    if (isGraphQLError(error) && (!original || isGraphQLError(original))) return error;
    const path = isGraphQLError(error) ? error.path?.join('.') : undefined;
    const incident = logIncident(log, 'graphql.unexpected', original, path ? { path } : {});
    return createGraphQLError(`Platformā radās neparedzēta kļūda (incidents ${incident}). Nekas netika zaudēts; mēģiniet vēlreiz, un, ja kļūda atkārtojas, nosauciet incidenta numuru IT atbalstam.`, {
      ...(isGraphQLError(error) ? { nodes: error.nodes, path: error.path } : {}),
      extensions: { code: 'INTERNAL', incident },
    });
  };
}

export function createGraphql({ sql, tokens, production, onChanged, log = silentLog, clock = () => new Date() }: GraphqlOptions) {
  const login = createLogin(sql, tokens);
  const cases = caseQueries(sql);
  const resolvers: Resolvers<Context> = {
    JSON: JSONScalar,
    Query: {
      async me(_: unknown, __: unknown, ctx: Context) {
        const p = need(ctx);
        const [u] = await sql.query<{ id: string; username: string; display_name: string; roles: string[]; centre_id: string | null; institution_code: string | null; desk_id: string | null }>(
          `SELECT id, username, display_name, roles, centre_id, institution_code, desk_id FROM users WHERE id = $1`,
          [p.userId],
        );
        if (!u) throw platformError('UNAUTHENTICATED', 'Lietotājs vairs nav aktīvs.');
        return { id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, centreId: u.centre_id, institutionCode: u.institution_code, deskId: u.desk_id };
      },
      async institutions(_: unknown, __: unknown, ctx: Context) {
        need(ctx);
        return (await sql.query<{ code: string; name: string; name_en: string; kind: string }>(`SELECT code, name, name_en, kind FROM institutions ORDER BY code`)).map((r) => ({ ...r, nameEn: r.name_en }));
      },
      async centres(_: unknown, __: unknown, ctx: Context) {
        need(ctx);
        return sql.query<{ id: string; name: string; municipality: string; address: string; kind: string }>(`SELECT id, name, municipality, address, kind FROM centres ORDER BY id`);
      },
      async desks(_: unknown, args: { centreId?: string | null }, ctx: Context) {
        need(ctx);
        return (await sql.query<{ id: string; centre_id: string; name: string }>(`SELECT id, centre_id, name FROM desks WHERE $1::text IS NULL OR centre_id = $1 ORDER BY id`, [args.centreId ?? null])).map((d) => ({
          id: d.id,
          centreId: d.centre_id,
          name: d.name,
        }));
      },
      async services(_: unknown, args: { ownerCode?: string | null; first: number }, ctx: Context) {
        need(ctx);
        const rows = await sql.query<{ data: Service }>(
          `SELECT data FROM sync_rows WHERE entity = 'service' AND NOT deleted AND ($1::text IS NULL OR owner_code = $1) ORDER BY id LIMIT $2`,
          [args.ownerCode ?? null, clamp(args.first, 500)],
        );
        return rows.map((r) => r.data);
      },
      ...clientQueries(sql),
      ...cases.Query,
      ...queueQueries(sql),
      ...liveQueries(sql, clock),
      ...statisticsQueries(sql, clock),
      ...kbQueries(sql),
      ...auditQueries(sql),
      pull(_: unknown, args: { checkpoint: number; limit: number; clientId?: string | null }, ctx: Context) {
        const p = need(ctx);
        return pull(sql, p, Math.max(0, args.checkpoint), clamp(args.limit, 1000, 500), args.clientId ?? null);
      },
    },
    Mutation: {
      login: (_: unknown, args: { username: string; password: string }) => login(args.username, args.password),
      refresh: (_: unknown, args: { refreshToken: string }) => refreshSession(sql, tokens, args.refreshToken),
      async push(_: unknown, args: { clientId: string; mutations: MutationInput[] }, ctx: Context) {
        const p = need(ctx);
        if (args.mutations.length > 200) throw platformError('BAD_REQUEST', 'Pārāk daudz izmaiņu vienā pieprasījumā (ne vairāk kā 200).');
        const { results, changed } = await push(sql, p, args.clientId, args.mutations, clock);
        if (changed) onChanged();
        return { results };
      },
      ...cases.Mutation,
    },
    Case: cases.Case,
  };

  const plugins: Plugin[] = [
    EnvelopArmorPlugin({
      maxDepth: { n: LIMITS.maxDepth },
      maxAliases: { n: LIMITS.maxAliases },
      maxTokens: { n: LIMITS.maxTokens },
      costLimit: { maxCost: LIMITS.maxCost },
      maxDirectives: { n: LIMITS.maxDirectives },
    }) as Plugin,
  ];
  if (production) plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(noIntrospection) });

  return createYoga({
    schema: createSchema<Context>({ typeDefs, resolvers }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !production,
    maskedErrors: { maskError: maskUnexpected(log) },
    // Yoga's own logger would print an error's message, values and all; ours logs an incident instead.
    logging: false,
    plugins,
    context: async ({ request }) => {
      const header = request.headers.get('authorization') ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7) : null;
      return { principal: token ? await tokens.verify(token) : null };
    },
  });
}
