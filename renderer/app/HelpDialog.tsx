import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { shortcutList } from './shortcuts';

export function HelpDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog titleId="help-title" onClose={onClose}>
      <h2 id="help-title">{t('help.title')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('help.key')}</th>
            <th scope="col">{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcutList.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{t(`help.${s.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary" data-autofocus onClick={onClose}>
        {t('help.close')}
      </button>
    </Dialog>
  );
}
