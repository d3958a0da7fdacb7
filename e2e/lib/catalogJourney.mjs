// The catalog journey of issue 14 over the seeded platform: search a
// column name, open the endpoint, follow its owner to the Group page, find
// the endpoint on the Group's Data tab, and see the endpoint's producing
// workflow's inputs and outputs in its Component's catalog graph.
import assert from 'node:assert/strict';
import { readApi } from './simulator.mjs';
import { catalogEntities, eventually, searchDataPlatform } from './catalog.mjs';

const ENDPOINT_ID = 'data-platform.io/endpoint-id';
const WORKFLOW_ID = 'data-platform.io/workflow-id';

const entityRef = entity =>
  `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLocaleLowerCase('en-US');

/**
 * Picks, through the metadata service's API, an endpoint owned by a Group
 * with a column no other endpoint has (so the search finds it among few
 * results) and a producing workflow that has inputs and outputs.
 *
 * @param {string} baseUrl @param {string} token
 */
export async function pickJourneyEndpoint(baseUrl, token) {
  const { items } = await readApi(baseUrl, token, '/v1/endpoints?limit=100');
  const details = [];
  for (const item of items) {
    details.push(await readApi(baseUrl, token, `/v1/endpoints/${item.id}`));
  }
  const columnCount = new Map();
  for (const detail of details) {
    for (const name of new Set(detail.schema?.fields.map(f => f.name) ?? [])) {
      columnCount.set(name, (columnCount.get(name) ?? 0) + 1);
    }
  }
  for (const endpoint of details) {
    if (!endpoint.owner?.startsWith('group:default/')) continue;
    const column = endpoint.schema?.fields
      .map(f => f.name)
      .find(name => columnCount.get(name) === 1 && /^[a-z_]{4,}$/i.test(name));
    if (!column) continue;
    for (const producer of endpoint.producers) {
      const workflow = await readApi(
        baseUrl,
        token,
        `/v1/workflows/${producer.id}`,
      );
      if (workflow.inputs.length > 0 && workflow.outputs.length > 0) {
        return {
          endpoint,
          column,
          workflow,
          team: endpoint.owner.slice('group:default/'.length),
        };
      }
    }
  }
  return undefined;
}

/**
 * Waits until search and the catalog have caught up with the seeded
 * platform for this journey: the column finds the endpoint, the owner is
 * a Group, and the workflow's Component relates to the API entity of each
 * of its inputs and outputs. Returns the catalog entities the journey
 * visits.
 *
 * @param {string} baseUrl @param {string} token
 * @param {Awaited<ReturnType<typeof pickJourneyEndpoint>>} picked
 */
export async function waitForCatalogAndSearch(baseUrl, token, picked) {
  const { endpoint, column, workflow, team } = picked;
  await eventually(`search to find ${endpoint.name} by ${column}`, async () =>
    (
      await searchDataPlatform(baseUrl, token, column)
    ).some(r => r.document.id === endpoint.id)
      ? true
      : undefined,
  );
  await eventually(`the Group ${team}`, async () => {
    const [group] = await catalogEntities(
      baseUrl,
      token,
      `kind=group,metadata.name=${team}`,
    );
    return group;
  });
  const apiOf = async id =>
    (
      await catalogEntities(
        baseUrl,
        token,
        `kind=api,metadata.annotations.${ENDPOINT_ID}=${id}`,
      )
    )[0];
  const apis = await eventually('the API entities of its lineage', async () => {
    const found = {};
    for (const e of [endpoint, ...workflow.inputs, ...workflow.outputs]) {
      found[e.id] = await apiOf(e.id);
      if (!found[e.id]) return undefined;
    }
    return found;
  });
  const component = await eventually(
    "the workflow's Component with its relations",
    async () => {
      const [found] = await catalogEntities(
        baseUrl,
        token,
        `kind=component,metadata.annotations.${WORKFLOW_ID}=${workflow.id}`,
      );
      const related = new Set(
        (found?.relations ?? []).map(r => r.targetRef.toLocaleLowerCase()),
      );
      const all = [...workflow.inputs, ...workflow.outputs].every(e =>
        related.has(entityRef(apis[e.id])),
      );
      return all ? found : undefined;
    },
  );
  return { apis, component };
}

/**
 * The journey in the browser, on `page` signed in on /search; screenshots named with
 * `suffix` (the colour scheme).
 *
 * @param {import('playwright-core').Page} page
 * @param {(name: string) => Promise<unknown>} screenshot
 * @param {{ baseUrl: string, suffix: string,
 *   picked: NonNullable<Awaited<ReturnType<typeof pickJourneyEndpoint>>>,
 *   catalog: Awaited<ReturnType<typeof waitForCatalogAndSearch>> }} options
 */
export async function catalogJourney(page, screenshot, options) {
  const { baseUrl, suffix, picked, catalog } = options;
  const { endpoint, column, workflow, team } = picked;

  // 1. Search the column name on the search page (where the journey
  // starts: a reload before the guest sign-in settled would sign out).
  const searchBox = page.getByPlaceholder(/^Search/).first();
  await searchBox.waitFor({ timeout: 60_000 });
  await searchBox.fill(column);
  await searchBox.press('Enter');
  const result = page
    .getByRole('link', { name: endpoint.name, exact: true })
    .first();
  await result.waitFor({ timeout: 60_000 });
  await screenshot(`journey-catalog-search-${suffix}`);

  // 2. Open the endpoint (Enter on the focused link).
  await result.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(
    `${baseUrl}/data/endpoints/${encodeURIComponent(endpoint.id)}`,
    { timeout: 60_000 },
  );
  const about = page.getByLabel('About the endpoint');
  await about.waitFor({ timeout: 60_000 });
  await screenshot(`journey-catalog-endpoint-${suffix}`);

  // 3. Follow its owner to the Group page of the catalog.
  const owner = about
    .locator('dt', { hasText: /^Owner$/ })
    .locator('xpath=following-sibling::dd[1]')
    .getByRole('link');
  assert.equal((await owner.innerText()).trim(), team);
  await owner.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/catalog/default/group/${team}`, {
    timeout: 60_000,
  });

  // 4. The Group's Data tab lists the endpoint.
  // Its overview's relations graph, with what the Group owns.
  const groupGraph = page.locator('svg', {
    has: page.locator('title', {
      hasText: new RegExp(`^group:default/${team}$`, 'i'),
    }),
  });
  await groupGraph.first().waitFor({ timeout: 60_000 });
  await screenshot(`journey-catalog-group-${suffix}`);
  // The entity page's tabs are links; the sidebar has a "Data" link too.
  const dataTab = page.locator(`a[href="/catalog/default/group/${team}/data"]`);
  await dataTab.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/catalog/default/group/${team}/data`);
  await page
    .getByRole('link', { name: endpoint.name, exact: true })
    .first()
    .waitFor({ timeout: 60_000 });
  await screenshot(`journey-catalog-group-data-${suffix}`);

  // 5. Back on the Group's overview, its relations graph leads to the
  // producing workflow's Component, whose own graph shows the API entity
  // of every input and output.
  const componentRef = entityRef(catalog.component);
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  const node = page.locator('svg g', {
    has: page.locator('title', {
      hasText: new RegExp(`^${componentRef}$`, 'i'),
    }),
  });
  await node.last().click({ timeout: 60_000 });
  await page.waitForURL(
    new RegExp(
      `/catalog/default/component/${catalog.component.metadata.name}$`,
      'i',
    ),
    { timeout: 60_000 },
  );
  const graph = page.locator('svg', {
    has: page.locator('title', {
      hasText: new RegExp(`^${componentRef}$`, 'i'),
    }),
  });
  await graph.first().waitFor({ timeout: 60_000 });
  const lineage = [...workflow.inputs, ...workflow.outputs];
  await page.waitForFunction(
    refs => {
      const shown = new Set(
        [...document.querySelectorAll('svg g > title')].map(t =>
          t.textContent.toLowerCase(),
        ),
      );
      return refs.every(ref => shown.has(ref));
    },
    lineage.map(e => entityRef(catalog.apis[e.id])),
    { timeout: 60_000 },
  );
  await screenshot(`journey-catalog-component-graph-${suffix}`);
}
