import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbArticleSummary } from '../../../preload/contract';
import { useAppDispatch, useClient } from '../../app/hooks';
import { actions } from '../../app/store';

/** Articles for the service of what the clerk has open: one keypress away from the procedure. */
export function RelatedArticles({ serviceCode }: { serviceCode: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const [items, setItems] = useState<KbArticleSummary[] | null>(null);

  useEffect(() => {
    let live = true;
    void client.invoke('kb.suggest', { serviceCode, text: '', limit: 5 }).then((result) => {
      if (live) setItems(result.ok ? result.data.items : []);
    });
    return () => {
      live = false;
    };
  }, [client, serviceCode]);

  if (items === null) return null;
  return (
    <section aria-labelledby="related-articles" className="kb-suggestions">
      <h3 id="related-articles">{t('knowledge.suggestions')}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('knowledge.noSuggestions')}</p>
      ) : (
        <ul>
          {items.map((a) => (
            <li key={a.id}>
              <button type="button" className="link-button" onClick={() => dispatch(actions.articleOpened(a.id))}>
                {a.title}
              </button>
              {a.status === 'outdated' && <span className="badge">{t('knowledge.outdated')}</span>}
              {a.changed && <span className="badge">{t('knowledge.changed')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
