import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { App } from './app/App';
import { ClientContext } from './app/hooks';
import { actions, createStore } from './app/store';
import { initI18n } from './i18n';
import { connect } from './transport/connect';
import './styles/app.css';

const store = createStore();
const client = connect((state) => store.dispatch(actions.linkChanged(state)));

void initI18n('lv').then(() => {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <Provider store={store}>
        <ClientContext.Provider value={client}>
          <App />
        </ClientContext.Provider>
      </Provider>
    </StrictMode>,
  );
});
