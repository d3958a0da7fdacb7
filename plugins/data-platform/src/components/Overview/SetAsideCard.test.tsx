import {
  DataPlatformApi,
  FailedDerivation,
} from '@data-platform/plugin-data-platform-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockDataPlatformApi,
  workflowSummary,
} from '../../__testUtils__/mockDataPlatformApi';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { SetAsideCard } from './SetAsideCard';

const RUN_ID = '0190b5c2-aaaa-7bbb-8ccc-111111111111';

function failed(overrides: Partial<FailedDerivation> = {}): FailedDerivation {
  return {
    rawEventId: '17',
    receivedAt: '2026-11-25T01:00:00.000Z',
    eventKind: 'run',
    eventType: 'COMPLETE',
    eventTime: '2026-11-25T01:00:00.000Z',
    runId: RUN_ID,
    job: { namespace: 'airflow', name: 'load_orders' },
    error: 'TypeError: cannot read properties of undefined (reading "fields")',
    failedAt: '2026-11-25T01:00:05.000Z',
    ...overrides,
  };
}

/** An API that knows the one workflow `airflow/load_orders`. */
function apiWith(
  pages: Record<string, FailedDerivation[] | Error>,
): jest.Mocked<DataPlatformApi> {
  const api = mockDataPlatformApi();
  api.listFailedDerivations.mockImplementation(async filters => {
    const key = filters?.cursor ?? 'first';
    const items = pages[key];
    if (items instanceof Error) throw items;
    const next = `after-${key}`;
    return { items, ...(pages[next] && { nextCursor: next }) };
  });
  api.listWorkflows.mockImplementation(async filters =>
    filters?.namespace === 'airflow' && filters.name === 'load_orders'
      ? { items: [workflowSummary()] }
      : { items: [] },
  );
  return api;
}

function renderWith(api: DataPlatformApi, count = 1) {
  return renderWithApi(api, <SetAsideCard count={count} />);
}

describe('SetAsideCard', () => {
  it('lists the events with their errors, workflows and runs', async () => {
    await renderWith(
      apiWith({
        first: [
          failed(),
          failed({
            rawEventId: '16',
            eventType: undefined,
            eventKind: 'job',
            runId: undefined,
            job: { namespace: 'dbt', name: 'never_derived' },
            error: 'first line\nsecond line',
          }),
        ],
      }),
      2,
    );

    const list = await screen.findByRole('list', { name: 'Set-aside events' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(
      within(first).getByRole('link', { name: 'airflow/load_orders' }),
    ).toHaveAttribute('href', '/data/workflows/wf-load');
    expect(
      within(first).getByRole('link', { name: `Run ${RUN_ID}` }),
    ).toHaveAttribute('href', `/data/workflows/wf-load/runs/${RUN_ID}`);
    expect(within(first).getByText('COMPLETE')).toBeInTheDocument();
    expect(
      within(first).getByText(/cannot read properties of undefined/),
    ).toBeInTheDocument();
    expect(
      within(first)
        .getByText(/Failed/)
        .querySelector('time'),
    ).toHaveAttribute('dateTime', '2026-11-25T01:00:05.000Z');

    // A job with no workflow yet is named, not linked.
    expect(within(second).queryByRole('link')).not.toBeInTheDocument();
    expect(within(second).getByText('dbt/never_derived')).toBeInTheDocument();
    expect(within(second).getByText('job')).toBeInTheDocument();
    expect(
      within(second).getByText((_, element) =>
        Boolean(
          element?.tagName === 'PRE' &&
            element.textContent === 'first line\nsecond line',
        ),
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^2 accepted events could not/),
    ).toBeInTheDocument();
  });

  it('says so when the list has emptied since the counters were read', async () => {
    await renderWith(apiWith({ first: [] }));

    expect(
      await screen.findByText(/No events are set aside now/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('shows the error and retries on request', async () => {
    const api = apiWith({ first: new Error('connection refused') });
    await renderWith(api);

    expect(
      await screen.findByText(/The set-aside events did not load/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/connection refused/).length).toBeGreaterThan(0);

    api.listFailedDerivations.mockResolvedValue({ items: [failed()] });
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('link', { name: 'airflow/load_orders' }),
    ).toBeInTheDocument();
  });

  it('walks to the next page with the cursor', async () => {
    const api = apiWith({
      first: [failed()],
      'after-first': [
        failed({
          rawEventId: '3',
          error: 'an older failure',
        }),
      ],
    });
    await renderWith(api, 2);

    expect(
      await screen.findByText(/cannot read properties/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByText('an older failure')).toBeInTheDocument();
    expect(
      screen.queryByText(/cannot read properties/),
    ).not.toBeInTheDocument();
    expect(api.listFailedDerivations).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'after-first' }),
    );
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });
});
