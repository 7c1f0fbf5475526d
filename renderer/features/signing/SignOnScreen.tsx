import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signableStatuses, type CaseDetail } from '../../../preload/contract';
import { SigningDialog } from './SigningDialog';

/** The case's button for the client's on-screen signature, while the application may still be signed. */
export function SignOnScreen({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!signableStatuses.includes(detail.status)) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {t('signing.action')}
      </button>
      {open && <SigningDialog detail={detail} onClose={() => setOpen(false)} />}
    </>
  );
}
