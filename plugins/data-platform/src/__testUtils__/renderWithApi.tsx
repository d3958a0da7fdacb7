// Test support only: how the legacy system's page tests render the plugin.
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { DataPlatformApi } from '@data-platform/plugin-data-platform-common';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { dataPlatformApiRef } from '../api';
import { mountedRoutes } from './catalogRoutes';

/**
 * Renders `element` in the legacy system's test app, answering the data
 * platform API with `api`, at `url` (`/` without one).
 */
export function renderWithApi(
  api: DataPlatformApi,
  element: ReactElement,
  url?: string,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[dataPlatformApiRef, api]]}>
      {element}
    </TestApiProvider>,
    { routeEntries: url ? [url] : undefined, mountedRoutes },
  );
}

/**
 * Renders route elements by path, as an app mounts them
 * (`{ '/data/endpoints/*': <EndpointRoutes /> }`), at `url`.
 */
export function renderRoutes(
  api: DataPlatformApi,
  routes: Record<string, ReactElement>,
  url: string,
) {
  return renderWithApi(
    api,
    <Routes>
      {Object.entries(routes).map(([path, element]) => (
        <Route key={path} path={path} element={element} />
      ))}
    </Routes>,
    url,
  );
}
