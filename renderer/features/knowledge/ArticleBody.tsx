import type { ReactNode } from 'react';

/**
 * An article's text as the editors write it: `## ` starts a section, `1. ` and `- ` lines make lists,
 * blank lines separate paragraphs. Imported text wraps lines inside paragraphs, so single line breaks
 * are spaces. Everything is rendered as text: an article can never inject markup.
 */
export function ArticleBody({ body }: { body: string }) {
  const blocks = body.split(/\n{2,}/u);
  const out: ReactNode[] = [];
  blocks.forEach((block, b) => {
    const lines = block.split('\n');
    let paragraph: string[] = [];
    let list: { ordered: boolean; items: string[] } | null = null;
    const flush = (key: string) => {
      if (paragraph.length > 0) out.push(<p key={`p${key}`}>{paragraph.join(' ')}</p>);
      paragraph = [];
      if (list) {
        const items = list.items.map((item, i) => <li key={i}>{item}</li>);
        out.push(list.ordered ? <ol key={`l${key}`}>{items}</ol> : <ul key={`l${key}`}>{items}</ul>);
      }
      list = null;
    };
    lines.forEach((line, l) => {
      const key = `${b}-${l}`;
      const heading = /^#{2,3}\s+(.+)$/u.exec(line);
      const item = /^\s*(?:(\d{1,2})\.|[-•])\s+(.+)$/u.exec(line);
      if (heading?.[1]) {
        flush(key);
        out.push(<h3 key={`h${key}`}>{heading[1]}</h3>);
      } else if (item?.[2]) {
        const ordered = item[1] !== undefined;
        if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush(key);
        list ??= { ordered, items: [] };
        list.items.push(item[2]);
      } else if (line.trim()) {
        if (list) flush(key);
        paragraph.push(line.trim());
      }
    });
    flush(`${b}-end`);
  });
  return <div className="article-body">{out}</div>;
}
