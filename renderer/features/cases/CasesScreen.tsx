import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/hooks';
import { CaseView } from './CaseView';
import { Inbox, type InboxScope } from './Inbox';
import { NewApplication } from './NewApplication';

/**
 * The cases area: a case open (from the inbox, a client's profile or a new application), a new
 * application being started, or the inbox. The inbox's tab and the last case opened are kept here,
 * so coming back from a case lands where the clerk left the list.
 */
export function CasesScreen() {
  const { t } = useTranslation();
  const openCaseId = useApp((s) => s.openCaseId);
  const applicationFor = useApp((s) => s.applicationFor);
  const [scope, setScope] = useState<InboxScope>('mine');
  const [lastOpened, setLastOpened] = useState<string | null>(null);
  if (openCaseId && openCaseId !== lastOpened) setLastOpened(openCaseId);

  return (
    <div className="case-screen">
      <h1>{t('caseWork.title')}</h1>
      {openCaseId ? (
        <CaseView key={openCaseId} id={openCaseId} />
      ) : applicationFor ? (
        <NewApplication clientId={applicationFor.clientId} clientName={applicationFor.clientName} />
      ) : (
        <Inbox scope={scope} onScope={setScope} focusCaseId={lastOpened} />
      )}
    </div>
  );
}
