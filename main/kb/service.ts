import { AppError, type ArticleDraft, type FileContent, type KbArticle, type KbArticleSummary, type KbScript, type KbSubscription, type KbTopic, type ScriptDraft, type Session } from '../../preload/contract';
import { scriptProblems } from '../../shared/script-graph';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { PlatformClient } from '../sync/platform-client';
import type { LocalStore } from '../sync/store';
import type { Attachments } from '../documents/attachments';
import type { createKnowledgeFiles } from './files';

type KnowledgeFiles = ReturnType<typeof createKnowledgeFiles>;
import { createKbSearch } from './search';

interface ArticleRow {
  id: string;
  title: string;
  topic: string;
  body: string;
  tags: string;
  service_codes: string;
  legislation: string;
  audience: KbArticle['audience'];
  owner_code: string | null;
  template: KbArticle['template'];
  status: KbArticle['status'];
  version: number;
  updated_at: string;
  updated_by_name: string | null;
  source: string | null;
  read_version: number | null;
  pending: number;
}

interface SummaryRow {
  id: string;
  title: string;
  topic: string;
  status: KbArticle['status'];
  version: number;
  updated_at: string;
  read_version: number | null;
}

interface ScriptRow {
  id: string;
  title: string;
  service_codes: string;
  version: number;
  updated_at: string;
  data: string;
  pending: number;
}

const attachableTypes = ['application/pdf', 'image/png', 'image/jpeg'];
const collator = new Intl.Collator('lv', { sensitivity: 'base', numeric: true });
const notFound = () => new AppError('NOT_FOUND', 'Raksts zināšanu bāzē nav atrasts; iespējams, tas ir dzēsts.');

function summary(row: SummaryRow): KbArticleSummary {
  return {
    id: row.id,
    title: row.title,
    topic: row.topic,
    status: row.status,
    version: row.version,
    updatedAt: row.updated_at,
    changed: row.read_version !== null && row.read_version < row.version,
  };
}

export interface KnowledgeDeps {
  clock: Clock;
  store: LocalStore;
  attachments: Attachments;
  files: KnowledgeFiles;
  /** The platform while it is reachable, for the editors' full version history. */
  remote: () => Pick<PlatformClient, 'articleVersions'> | null;
  onChanged: () => void;
}

/**
 * The knowledge base on this desk: search, reading with "changed since you last read" markers,
 * subscriptions to services and topics, suggestions from what the clerk is doing, and the editors'
 * publishing, which goes through the outbox like every other change.
 */
export function createKnowledgeService(db: Db, deps: KnowledgeDeps) {
  const search = createKbSearch(db);
  const readVersion = `(SELECT r.version FROM kb_reads r WHERE r.user_id = @userId AND r.article_id = a.id)`;
  const summaryColumns = `a.id, a.title, a.topic, a.status, a.version, a.updated_at, ${readVersion} AS read_version`;
  const byId = db.prepare<{ id: string; userId: string }, ArticleRow>(
    `SELECT a.id, a.title, a.topic, a.body, a.tags, a.service_codes, a.legislation, a.audience, a.owner_code, a.template, a.status,
            a.version, a.updated_at, u.display_name AS updated_by_name, a.source, ${readVersion} AS read_version,
            EXISTS (SELECT 1 FROM local_rows l WHERE l.entity = 'article' AND l.id = a.id) AS pending
       FROM kb_articles a LEFT JOIN users u ON u.id = a.updated_by
      WHERE a.id = @id`,
  );
  const markRead = db.prepare(
    `INSERT INTO kb_reads (user_id, article_id, version, read_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, article_id) DO UPDATE SET version = excluded.version, read_at = excluded.read_at`,
  );
  const readVersions = db.prepare<[string], { article_id: string; version: number }>(`SELECT article_id, version FROM kb_reads WHERE user_id = ?`);
  const forService = db.prepare<{ userId: string; code: string; limit: number }, SummaryRow>(
    `SELECT ${summaryColumns} FROM kb_article_services s JOIN kb_articles a ON a.id = s.article_id
      WHERE s.service_code = @code ORDER BY a.status = 'outdated', a.template <> 'procedure', a.title LIMIT @limit`,
  );
  const summariesByIds = (ids: string[], userId: string) => {
    if (ids.length === 0) return [];
    const rows = db
      .prepare<Record<string, unknown>, SummaryRow>(`SELECT ${summaryColumns} FROM kb_articles a WHERE a.id IN (${ids.map((_, i) => `@id${i}`).join(', ')})`)
      .all(Object.fromEntries([['userId', userId], ...ids.map((id, i) => [`id${i}`, id])]));
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  };
  const topicCounts = db.prepare<{ userId: string }, { topic: string; articles: number; changed: number }>(
    `SELECT a.topic, count(*) AS articles, sum(coalesce(${readVersion} < a.version, 0)) AS changed FROM kb_articles a GROUP BY a.topic`,
  );
  const inTopic = db.prepare<{ userId: string; topic: string }, SummaryRow>(
    `SELECT ${summaryColumns} FROM kb_articles a WHERE a.topic = @topic OR a.topic LIKE @topic || ' / %' ESCAPE '\\'`,
  );
  const subscriptionsOf = db.prepare<[string], { kind: 'service' | 'topic'; key: string; created_at: string; service_name: string | null }>(
    `SELECT s.kind, s.key, s.created_at, c.name AS service_name FROM kb_subscriptions s
       LEFT JOIN services c ON s.kind = 'service' AND c.code = s.key
      WHERE s.user_id = ? ORDER BY s.kind, s.key`,
  );
  const subscribe = db.prepare(`INSERT OR IGNORE INTO kb_subscriptions (user_id, kind, key, created_at) VALUES (?, ?, ?, ?)`);
  const unsubscribe = db.prepare(`DELETE FROM kb_subscriptions WHERE user_id = ? AND kind = ? AND key = ?`);
  // New or changed since last read, in what the user follows: an article never read counts once it
  // was published after the subscription began, so following a topic does not flag its whole past.
  const changedFollowed = db.prepare<{ userId: string }, SummaryRow>(
    `SELECT DISTINCT ${summaryColumns}
       FROM kb_subscriptions s
       JOIN kb_articles a ON (s.kind = 'topic' AND (a.topic = s.key OR a.topic LIKE s.key || ' / %'))
                          OR (s.kind = 'service' AND a.id IN (SELECT article_id FROM kb_article_services WHERE service_code = s.key))
      WHERE s.user_id = @userId AND a.status = 'current'
        AND coalesce(${readVersion} < a.version, a.updated_at > s.created_at)
      ORDER BY a.updated_at DESC LIMIT 100`,
  );
  const localHistory = db.prepare<[string], { version: number; title: string; status: string; updated_at: string; updated_by_name: string | null }>(
    `SELECT v.version, v.title, v.status, v.updated_at, u.display_name AS updated_by_name
       FROM kb_article_versions v LEFT JOIN users u ON u.id = v.updated_by WHERE v.article_id = ? ORDER BY v.version DESC`,
  );
  const userName = db.prepare<[string], string>(`SELECT display_name FROM users WHERE id = ?`).pluck();
  const institutionOf = db.prepare<[string], string | null>(`SELECT institution_code FROM users WHERE id = ?`).pluck();
  const serviceKnown = db.prepare<[string], string>(`SELECT code FROM services WHERE code = ?`).pluck();
  const scriptList = db.prepare<[], { id: string; title: string; service_codes: string; version: number }>(`SELECT id, title, service_codes, version FROM kb_scripts`);
  const scriptById = db.prepare<[string], ScriptRow>(
    `SELECT id, title, service_codes, version, updated_at, data, EXISTS (SELECT 1 FROM local_rows l WHERE l.entity = 'script' AND l.id = s.id) AS pending
       FROM kb_scripts s WHERE id = ?`,
  );

  function article(id: string, userId: string): ArticleRow {
    const row = byId.get({ id, userId });
    if (!row) throw notFound();
    return row;
  }

  function toArticle(row: ArticleRow): KbArticle {
    return {
      id: row.id,
      title: row.title,
      topic: row.topic,
      body: row.body,
      tags: JSON.parse(row.tags) as string[],
      serviceCodes: JSON.parse(row.service_codes) as string[],
      legislation: JSON.parse(row.legislation) as KbArticle['legislation'],
      audience: row.audience,
      ownerCode: row.owner_code,
      template: row.template,
      status: row.status,
      version: row.version,
      updatedAt: row.updated_at,
      updatedByName: row.updated_by_name,
      source: row.source,
      lastReadVersion: row.read_version,
      pending: row.pending === 1,
      files: deps.files.forArticle(row.id),
    };
  }

  function subscriptions(userId: string): KbSubscription[] {
    return subscriptionsOf.all(userId).map((s) => ({ kind: s.kind, key: s.key, label: s.kind === 'service' ? `${s.key} ${s.service_name ?? ''}`.trim() : s.key }));
  }

  function script(id: string): KbScript {
    const row = scriptById.get(id);
    if (!row) throw new AppError('NOT_FOUND', 'Sarunas skripts nav atrasts; iespējams, tas vēl nav sinhronizēts uz šo darba vietu.');
    const { start, steps } = JSON.parse(row.data) as Pick<KbScript, 'start' | 'steps'>;
    return { id: row.id, title: row.title, serviceCodes: JSON.parse(row.service_codes) as string[], version: row.version, updatedAt: row.updated_at, start, steps, pending: row.pending === 1 };
  }

  function unknownServices(codes: string[]) {
    const unknown = codes.filter((c) => !serviceKnown.get(c));
    if (unknown.length > 0) {
      throw new AppError('INVALID_INPUT', `Pakalpojums ${unknown.join(', ')} katalogā nav atrasts.`, { issues: [{ path: 'serviceCodes', message: 'not found' }] });
    }
  }

  const publish = db.transaction((session: Session, draft: ArticleDraft) => {
    const existing = byId.get({ id: draft.id, userId: session.user.id });
    if (existing && existing.version !== draft.baseVersion) {
      throw new AppError('CONFLICT', `Kamēr jūs labojāt, kāds publicēja ${existing.version}. versiju. Atveriet rakstu no jauna un pārnesiet savus labojumus.`);
    }
    deps.store.mutate({ name: 'article.publish', args: { ...draft, source: existing?.source ?? null }, userId: session.user.id, at: deps.clock.now() });
  });

  return {
    search(userId: string, query: string, limit: number) {
      const hits = search.search(query, limit);
      const read = new Map(readVersions.all(userId).map((r) => [r.article_id, r.version]));
      const versions = new Map(summariesByIds(hits.map((h) => h.id), userId).map((s) => [s.id, s.version]));
      return { items: hits.map((h) => ({ ...h, changed: (read.get(h.id) ?? Infinity) < (versions.get(h.id) ?? 0) })) };
    },

    get(userId: string, id: string): KbArticle {
      const shown = toArticle(article(id, userId));
      markRead.run(userId, id, shown.version, deps.clock.now().toISOString());
      return shown;
    },

    /** The service's own articles first (procedures before the rest), then what the text is about. */
    suggest(userId: string, input: { serviceCode: string | null; text: string; limit: number }) {
      const linked = input.serviceCode ? forService.all({ userId, code: input.serviceCode, limit: input.limit }) : [];
      const seen = new Set(linked.map((r) => r.id));
      const found = search.related(input.text, input.limit * 2).filter((id) => !seen.has(id));
      const more = summariesByIds(found, userId);
      return { items: [...linked, ...more].slice(0, input.limit).map(summary) };
    },

    topics(userId: string): { items: KbTopic[] } {
      return { items: topicCounts.all({ userId }).map((t) => ({ path: t.topic, articles: t.articles, changed: t.changed })).sort((a, b) => collator.compare(a.path, b.path)) };
    },

    browse(userId: string, topic: string) {
      const escaped = topic.replace(/[\\%_]/gu, (c) => `\\${c}`);
      const rows = inTopic.all({ userId, topic: escaped }).filter((r) => r.topic === topic || r.topic.startsWith(`${topic} / `));
      return { items: rows.sort((a, b) => Number(a.status === 'outdated') - Number(b.status === 'outdated') || collator.compare(a.title, b.title)).map(summary) };
    },

    changes(userId: string) {
      return { items: changedFollowed.all({ userId }).map((r) => ({ ...summary(r), changed: true })), subscriptions: subscriptions(userId) };
    },

    subscribe(userId: string, input: { kind: 'service' | 'topic'; key: string; subscribed: boolean }) {
      if (input.subscribed) {
        if (input.kind === 'service') unknownServices([input.key]);
        subscribe.run(userId, input.kind, input.key, deps.clock.now().toISOString());
      } else {
        unsubscribe.run(userId, input.kind, input.key);
      }
      return { subscriptions: subscriptions(userId) };
    },

    /** Every version from the platform while it is reachable; offline, the versions this desk has seen. */
    async history(userId: string, id: string) {
      article(id, userId);
      const remote = deps.remote();
      if (remote) {
        try {
          const versions = await remote.articleVersions(id);
          return {
            complete: true,
            items: versions.map((v) => ({ version: v.version, title: v.title, status: v.status, updatedAt: v.updatedAt, updatedByName: userName.get(v.updatedBy) ?? null })),
          };
        } catch {
          // The platform went away mid-request: what this desk saw is still worth showing.
        }
      }
      return { complete: false, items: localHistory.all(id).map((v) => ({ version: v.version, title: v.title, status: v.status, updatedAt: v.updated_at, updatedByName: v.updated_by_name })) };
    },

    publish(session: Session, draft: ArticleDraft): KbArticle {
      unknownServices(draft.serviceCodes);
      if (draft.audience === 'owners' && !institutionOf.get(session.user.id)) {
        throw new AppError('INVALID_INPUT', 'Rakstu tikai iestādes darbiniekiem var publicēt iestādes redaktors; izvēlieties „visiem pakalpojumu sniedzējiem”.', {
          issues: [{ path: 'audience', message: 'no institution' }],
        });
      }
      publish(session, draft);
      deps.onChanged();
      return toArticle(article(draft.id, session.user.id));
    },

    retire(session: Session, id: string): KbArticle {
      article(id, session.user.id);
      deps.store.mutate({ name: 'article.retire', args: { id }, userId: session.user.id, at: deps.clock.now() });
      deps.onChanged();
      return toArticle(article(id, session.user.id));
    },

    /** An editor adds a file to an article: kept here at once, sent with the article's other changes. */
    attach(session: Session, articleId: string, file: FileContent): KbArticle {
      const bytes = Buffer.from(file.contentBase64, 'base64');
      if (bytes.length === 0) throw new AppError('INVALID_INPUT', 'Fails ir tukšs: izvēlieties citu failu.', { issues: [{ path: 'file', message: 'empty' }] });
      if (!attachableTypes.includes(file.mediaType)) {
        throw new AppError('INVALID_INPUT', 'Rakstam var pievienot PDF, PNG vai JPEG failu.', { issues: [{ path: 'file.mediaType', message: 'unsupported' }] });
      }
      article(articleId, session.user.id);
      deps.attachments.attachToArticle({ articleId, name: file.name, mediaType: file.mediaType, bytes }, session.user.id);
      deps.onChanged();
      return toArticle(article(articleId, session.user.id));
    },

    file: (id: string) => deps.files.read(id),

    scripts() {
      const items = scriptList.all().map((s) => ({ id: s.id, title: s.title, serviceCodes: JSON.parse(s.service_codes) as string[], version: s.version }));
      return { items: items.sort((a, b) => collator.compare(a.title, b.title)) };
    },

    script,

    publishScript(session: Session, draft: ScriptDraft): KbScript {
      unknownServices(draft.serviceCodes);
      const problems = scriptProblems(draft.start, draft.steps);
      if (problems.length > 0) throw new AppError('INVALID_INPUT', `Skriptu nevar publicēt: ${problems.join(' ')}`, { issues: [{ path: 'steps', message: 'graph' }] });
      const existing = scriptById.get(draft.id);
      if (existing && existing.version !== draft.baseVersion) {
        throw new AppError('CONFLICT', `Kamēr jūs labojāt, kāds publicēja skripta ${existing.version}. versiju. Atveriet to no jauna.`);
      }
      deps.store.mutate({ name: 'script.publish', args: draft, userId: session.user.id, at: deps.clock.now() });
      deps.onChanged();
      return script(draft.id);
    },
  };
}
