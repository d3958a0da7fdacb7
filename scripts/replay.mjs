#!/usr/bin/env node
// Re-derives everything the metadata service knows from its raw event log,
// e.g. after a fix to how events are interpreted. The service does the work
// (POST /api/data-platform/v1/admin/replay, with a token allowed the
// data-platform.admin permission): it clears derived state, queues the raw
// log again and answers 202; its derivation worker then derives what was
// queued. This waits for that, following GET /v1/derivation, and says how
// many events were set aside because their derivation failed.
//
//   DATA_PLATFORM_TOKEN=... yarn data-platform:replay [backend base URL]
const baseUrl =
  process.argv[2] ?? process.env.DATA_PLATFORM_URL ?? 'http://localhost:7007';
const token = process.env.DATA_PLATFORM_TOKEN;
if (!token) {
  console.error(
    "Set DATA_PLATFORM_TOKEN to a token allowed data-platform.admin: an operator token from backend.auth.externalAccess (locally local-development-admin-token) or an admin group member's.",
  );
  process.exit(2);
}
const api = `${baseUrl}/api/data-platform/v1`;
const headers = { Authorization: `Bearer ${token}` };

const response = await fetch(`${api}/admin/replay`, {
  method: 'POST',
  headers,
});
const body = await response.text();
if (response.status === 409) {
  console.error(`Another replay is running: ${body}`);
  process.exit(1);
}
if (!response.ok) {
  console.error(`Replay failed: ${response.status} ${body}`);
  process.exit(1);
}
const { queued } = JSON.parse(body);
console.log(`Queued ${queued} raw events; waiting for them to be derived.`);

for (let last = -1; ; ) {
  const status = await fetch(`${api}/derivation`, { headers });
  if (!status.ok) {
    console.error(
      `Could not follow the derivation: ${
        status.status
      } ${await status.text()}`,
    );
    process.exit(1);
  }
  const { replaying, failed } = await status.json();
  if (replaying === 0) {
    console.log(
      failed > 0
        ? `Replayed. ${failed} events are set aside because their derivation failed; GET ${api}/derivation/failed says why.`
        : 'Replayed.',
    );
    break;
  }
  if (replaying !== last) console.log(`${replaying} events left to derive`);
  last = replaying;
  await new Promise(resolve => setTimeout(resolve, 2000));
}
