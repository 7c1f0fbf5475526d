import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CasesScreen } from '../features/cases/CasesScreen';
import { ClientsScreen } from '../features/clients/ClientsScreen';
import { DeskScreen } from '../features/desk/DeskScreen';
import { DevicesScreen } from '../features/devices/DevicesScreen';
import { QuickConsultationDialog } from '../features/desk/QuickConsultationDialog';
import { KnowledgeScreen } from '../features/knowledge/KnowledgeScreen';
import { Placeholder } from '../features/placeholder/Placeholder';
import { SupervisorScreen } from '../features/supervisor/SupervisorScreen';
import { QueueBar } from '../features/queue/QueueBar';
import { QueueScreen } from '../features/queue/QueueScreen';
import { HelpDialog } from './HelpDialog';
import { OutboxDialog } from './OutboxDialog';
import { useApp, useAppDispatch, useClient } from './hooks';
import { LanguageSwitch } from './LanguageSwitch';
import { switchLocale } from './locale';
import { areaAt, shortcutFor } from './shortcuts';
import { StatusBar } from './StatusBar';
import { actions, visibleAreas } from './store';

export const SEARCH_INPUT_ID = 'service-search';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function Shell() {
  const { t } = useTranslation();
  const client = useClient();
  const dispatch = useAppDispatch();
  const session = useApp((s) => s.session);
  const area = useApp((s) => s.area);
  const helpOpen = useApp((s) => s.helpOpen);
  const outboxOpen = useApp((s) => s.outboxOpen);
  const quickConsultation = useApp((s) => s.quickConsultation);
  const locale = useApp((s) => s.locale);
  const announcement = useApp((s) => s.announcement);
  const main = useRef<HTMLElement>(null);
  const visible = visibleAreas(session);
  const firstRender = useRef(true);

  // A new area gets focus on its main region, so a screen reader starts reading the new screen,
  // unless the screen already put focus somewhere inside itself (the search box after `/`).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (!main.current?.contains(document.activeElement)) main.current?.focus();
  }, [area]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const action = shortcutFor({ key: e.key, code: e.code, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, typing: isTyping(e.target) });
      if (!action || ((helpOpen || outboxOpen) && action.kind !== 'help' && action.kind !== 'outbox')) return;
      // A screen's own dialog (correcting a consultation) keeps the keyboard until it closes.
      if (!helpOpen && !outboxOpen && e.target instanceof Element && e.target.closest('[role="dialog"]')) return;
      e.preventDefault();
      if (action.kind === 'area') {
        const next = areaAt(visible, action.index);
        if (next) dispatch(actions.areaChosen(next));
      } else if (action.kind === 'language') {
        void switchLocale(client, dispatch, locale === 'lv' ? 'en' : 'lv');
      } else if (action.kind === 'help') {
        dispatch(actions.helpToggled(!helpOpen));
      } else if (action.kind === 'outbox') {
        dispatch(actions.outboxToggled(!outboxOpen));
      } else if (action.kind === 'consultation') {
        if (!quickConsultation) dispatch(actions.quickConsultationOpened({ client: null }));
      } else {
        dispatch(actions.searchRequested());
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [client, dispatch, helpOpen, outboxOpen, quickConsultation, locale, visible]);

  if (!session) return null;
  async function signOut() {
    await client.invoke('session.signOut', {});
    dispatch(actions.signedOut());
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#saturs">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {visible.map((a, i) => (
              <li key={a}>
                <button type="button" aria-current={a === area ? 'page' : undefined} onClick={() => dispatch(actions.areaChosen(a))}>
                  {t(`nav.${a}`)}
                  <kbd aria-hidden="true">Alt+{i + 1}</kbd>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>{session.user.displayName}</span>
          <span className="muted">
            {session.desk ? t('header.desk', { desk: session.desk.name, centre: session.desk.centreName }) : t('header.noDesk')}
          </span>
          <LanguageSwitch />
          <button type="button" className="link-button" onClick={() => void signOut()}>
            {t('header.signOut')}
          </button>
        </div>
      </header>
      {session.desk && session.user.roles.some((r) => r === 'clerk' || r === 'agent') && <QueueBar />}
      <main id="saturs" ref={main} tabIndex={-1}>
        {area === 'desk' ? (
          <DeskScreen />
        ) : area === 'knowledge' ? (
          <KnowledgeScreen />
        ) : area === 'clients' ? (
          <ClientsScreen />
        ) : area === 'cases' ? (
          <CasesScreen />
        ) : area === 'devices' ? (
          <DevicesScreen />
        ) : area === 'queue' ? (
          <QueueScreen />
        ) : area === 'supervisor' ? (
          <SupervisorScreen />
        ) : (
          <Placeholder area={area} />
        )}
      </main>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <StatusBar />
      {helpOpen && <HelpDialog onClose={() => dispatch(actions.helpToggled(false))} />}
      {outboxOpen && <OutboxDialog onClose={() => dispatch(actions.outboxToggled(false))} />}
      {quickConsultation && <QuickConsultationDialog forClient={quickConsultation.client} onClose={() => dispatch(actions.quickConsultationClosed())} />}
    </div>
  );
}
