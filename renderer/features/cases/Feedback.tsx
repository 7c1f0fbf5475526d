import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/hooks';
import { ActionError } from './ActionError';
import { useAction } from './hooks';

const ratings = [1, 2, 3, 4, 5] as const;

/** The client's rating of a finished case or of a consultation; the core accepts one for each. */
export function Feedback({ subject, titleId = 'case-feedback-title' }: { subject: { kind: 'case' | 'consultation'; id: string }; titleId?: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [saved, setSaved] = useState(false);
  const action = useAction();

  async function save(e: FormEvent) {
    e.preventDefault();
    if (action.busy) return;
    if (rating === null) {
      setMissing(true);
      return;
    }
    const done = await action.run(
      () => client.invoke('feedback.record', { subject, rating, comment: comment.trim() || null }),
      () => t('caseWork.feedbackSaved'),
    );
    if (done.ok) setSaved(true);
  }

  return (
    <section className="case-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('caseWork.feedbackTitle')}</h3>
      {saved ? (
        <p role="status">{t('caseWork.feedbackSaved')}</p>
      ) : (
        <form onSubmit={(e) => void save(e)} noValidate>
          <fieldset className="case-rating" aria-describedby={missing && rating === null ? 'case-rating-error' : undefined}>
            <legend>{t('caseWork.feedbackTitle')}</legend>
            {ratings.map((r) => (
              <label key={r} className="radio">
                <input type="radio" name={`rating-${subject.id}`} value={r} checked={rating === r} onChange={() => setRating(r)} />
                {t(`caseWork.rating.${r}`)}
              </label>
            ))}
            {missing && rating === null && (
              <p id="case-rating-error" className="error">
                {t('caseWork.chooseRating')}
              </p>
            )}
          </fieldset>
          <div className="field">
            <label htmlFor="case-feedback-comment">{t('caseWork.feedbackComment')}</label>
            <textarea id="case-feedback-comment" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
          <ActionError error={action.error} />
          <button type="submit" disabled={action.busy}>
            {t('caseWork.saveFeedback')}
          </button>
        </form>
      )}
    </section>
  );
}
