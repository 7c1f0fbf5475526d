import { AppError, type Institution, type ServiceDetail, type ServiceSummary } from '../../preload/contract';
import type { Db } from '../db/connection';
import { fold, latvianCollator, words } from '../text/fold';
import { catalogueQueries, toServiceDetail, type ServiceRow } from './queries';

export interface CatalogueSearch {
  query: string;
  ownerCode: string | null;
  limit: number;
}

/** An FTS5 query where every word must match as a prefix: `bezdarb stat` → `"bezdarb"* "stat"*`. */
export function prefixMatch(query: string): string | null {
  const terms = words(query);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replaceAll('"', '""')}"*`).join(' ');
}

/** The synonym that explains a hit, when the name alone does not. */
function explainingSynonym(row: ServiceRow, terms: string[]): string | null {
  const hits = (text: string) => {
    const ws = words(text);
    return terms.every((t) => ws.some((w) => w.startsWith(t)));
  };
  if (hits(row.name) || terms.every((t) => fold(row.code).startsWith(t))) return null;
  return (JSON.parse(row.synonyms) as string[]).find(hits) ?? null;
}

function summary(row: ServiceRow, matchedSynonym: string | null): ServiceSummary {
  const { description: _d, synonyms: _s, requiredDocuments: _r, typicalDurationDays: _t, slaDays: _l, ...rest } =
    toServiceDetail(row, matchedSynonym);
  return rest;
}

export function createCatalogueService(db: Db) {
  const q = catalogueQueries(db);
  return {
    search({ query, ownerCode, limit }: CatalogueSearch): { items: ServiceSummary[]; total: number } {
      const owner = ownerCode;
      const match = prefixMatch(query);
      if (!match) {
        const rows = q.all.all({ owner }).sort((a, b) => latvianCollator.compare(a.name, b.name));
        return { items: rows.slice(0, limit).map((r) => summary(r, null)), total: rows.length };
      }
      // A code typed at the desk (`P.02`, `1042`) is what the clerk means, whatever the text index says.
      const typed = query.trim().toUpperCase();
      const looksLikeCode = /\d/u.test(typed) && !/\s/u.test(typed);
      const byCode = looksLikeCode ? q.codePrefix.all({ prefix: typed, owner }) : [];
      const byText = q.fullText.all({ match, owner, limit });
      const seen = new Set<string>();
      const rows = [...byCode, ...byText].filter((r) => !seen.has(r.code) && seen.add(r.code));
      const terms = words(query);
      // Codes are indexed too, so a code hit is nearly always among the text hits already.
      const textTotal = q.fullTextCount.get({ match, owner })?.n ?? 0;
      return {
        items: rows.slice(0, limit).map((r) => summary(r, explainingSynonym(r, terms))),
        total: Math.max(textTotal, rows.length),
      };
    },

    get(code: string): ServiceDetail {
      const row = q.byCode.get(code);
      if (!row) throw new AppError('NOT_FOUND', `Pakalpojums ${code} katalogā nav atrasts.`);
      return toServiceDetail(row);
    },

    owners(): Institution[] {
      return q.owners.all().sort((a, b) => latvianCollator.compare(a.name, b.name));
    },
  };
}
