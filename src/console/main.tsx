// Browser entry: the API clients on the browser's fetch, then the console.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider, createApis } from './api/api-context.tsx';
import { App } from './app.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ApiProvider apis={createApis((input, init) => fetch(input, init))}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
