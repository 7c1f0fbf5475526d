import { configureStore, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Locale, Session, SyncStatus } from '../../preload/contract';
import type { LinkState } from '../transport/ws-client';

export const areas = ['desk', 'clients', 'cases', 'knowledge', 'queue', 'supervisor', 'devices'] as const;
export type Area = (typeof areas)[number];

interface AppState {
  session: Session | null;
  /** False until the core has said whether someone is signed in, so no sign-in form flashes. */
  ready: boolean;
  link: LinkState;
  status: SyncStatus | null;
  locale: Locale;
  area: Area;
  helpOpen: boolean;
  outboxOpen: boolean;
  /** What the polite live region says next (saved, errors). */
  announcement: string;
  /** Bumped to ask the desk's search box for focus once the desk is on screen. */
  searchFocus: number;
  /** The case open in the cases area, from its inbox, a client's profile or a new application. */
  openCaseId: string | null;
  /** A new application being filled in, for a client (from their profile) or none yet. */
  applicationFor: { clientId: string | null; clientName: string | null } | null;
  /** The quick consultation dialog (Alt+K from anywhere, or from a client's profile for that client). */
  quickConsultation: { client: { id: string; name: string } | null } | null;
  /** An article another screen asked the knowledge area to open (a case's related articles). */
  openArticleId: string | null;
}

const initialState: AppState = {
  session: null,
  ready: false,
  link: 'connecting',
  status: null,
  locale: 'lv',
  area: 'desk',
  helpOpen: false,
  outboxOpen: false,
  announcement: '',
  searchFocus: 0,
  openCaseId: null,
  applicationFor: null,
  quickConsultation: null,
  openArticleId: null,
};

export const appSlice = createSlice({
  name: 'app',
  initialState,
  reducers: {
    ready(state, action: PayloadAction<{ session: Session | null; locale: Locale }>) {
      state.ready = true;
      state.session = action.payload.session;
      state.locale = action.payload.locale;
    },
    signedIn(state, action: PayloadAction<Session>) {
      state.session = action.payload;
      state.area = 'desk';
    },
    signedOut(state) {
      state.session = null;
      state.openCaseId = null;
      state.applicationFor = null;
      state.quickConsultation = null;
      state.status = null;
      state.helpOpen = false;
      state.outboxOpen = false;
    },
    linkChanged(state, action: PayloadAction<LinkState>) {
      state.link = action.payload;
    },
    statusChanged(state, action: PayloadAction<SyncStatus>) {
      state.status = action.payload;
    },
    localeChanged(state, action: PayloadAction<Locale>) {
      state.locale = action.payload;
    },
    areaChosen(state, action: PayloadAction<Area>) {
      state.area = action.payload;
      state.helpOpen = false;
    },
    searchRequested(state) {
      state.area = 'desk';
      state.helpOpen = false;
      state.searchFocus += 1;
    },
    outboxToggled(state, action: PayloadAction<boolean>) {
      state.outboxOpen = action.payload;
      if (action.payload) state.helpOpen = false;
    },
    helpToggled(state, action: PayloadAction<boolean>) {
      state.helpOpen = action.payload;
    },
    caseOpened(state, action: PayloadAction<string | null>) {
      state.openCaseId = action.payload;
      state.applicationFor = null;
      if (action.payload) state.area = 'cases';
    },
    applicationStarted(state, action: PayloadAction<{ clientId: string | null; clientName: string | null } | null>) {
      state.applicationFor = action.payload;
      state.openCaseId = null;
      if (action.payload) state.area = 'cases';
    },
    quickConsultationOpened(state, action: PayloadAction<{ client: { id: string; name: string } | null }>) {
      state.quickConsultation = action.payload;
      state.helpOpen = false;
    },
    quickConsultationClosed(state) {
      state.quickConsultation = null;
    },
    articleOpened(state, action: PayloadAction<string | null>) {
      state.openArticleId = action.payload;
      if (action.payload) state.area = 'knowledge';
    },
    announced(state, action: PayloadAction<string>) {
      state.announcement = action.payload;
    },
  },
});

export const actions = appSlice.actions;

export function visibleAreas(session: Session | null): Area[] {
  const roles = session?.user.roles ?? [];
  const supervises = roles.includes('supervisor') || roles.includes('admin');
  return areas.filter((a) => a !== 'supervisor' || supervises);
}

export function createStore() {
  return configureStore({ reducer: { app: appSlice.reducer } });
}

export type Store = ReturnType<typeof createStore>;
export type RootState = ReturnType<Store['getState']>;
export type Dispatch = Store['dispatch'];
