import { useTranslation } from 'react-i18next';

/** A checklist to go through with the client; the ticks help at the counter and are not stored. */
export function RequiredDocuments({ documents }: { documents: string[] }) {
  const { t } = useTranslation();
  return (
    <section className="case-section" aria-labelledby="case-documents-title">
      <h3 id="case-documents-title">{t('caseWork.documentsTitle')}</h3>
      {documents.length === 0 ? (
        <p className="muted">{t('caseWork.noDocuments')}</p>
      ) : (
        <>
          <p className="hint">{t('caseWork.documentsHint')}</p>
          <ul className="case-checklist">
            {documents.map((d) => (
              <li key={d}>
                <label className="case-check">
                  <input type="checkbox" />
                  {d}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
