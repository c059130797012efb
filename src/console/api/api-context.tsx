/**
 * Hands the API clients to every screen. main.tsx builds them on the browser's fetch; tests
 * build them on a fake fetch, so no screen reaches the network by itself.
 *
 * Example: <ApiProvider apis={createApis(fetch)}><App /></ApiProvider>; const { identity } = useApis();
 */
import { createContext, type ReactNode, useContext } from 'react';
import { type AppApi, createAppApi } from './app-api.ts';
import { createHttp, type Fetch } from './http.ts';
import { createIdentityApi, type IdentityApi } from './identity-api.ts';
import { createProvisioningApi, type ProvisioningApi } from './provisioning-api.ts';

export interface Apis {
  app: AppApi;
  identity: IdentityApi;
  provisioning: ProvisioningApi;
}

export function createApis(fetchFn: Fetch): Apis {
  const http = createHttp(fetchFn);
  return {
    app: createAppApi(http),
    identity: createIdentityApi(http),
    provisioning: createProvisioningApi(http),
  };
}

const ApiContext = createContext<Apis | null>(null);

export function ApiProvider({ apis, children }: { apis: Apis; children: ReactNode }) {
  return <ApiContext value={apis}>{children}</ApiContext>;
}

export function useApis(): Apis {
  const apis = useContext(ApiContext);
  if (!apis) throw new Error('useApis needs an <ApiProvider> above it');
  return apis;
}
