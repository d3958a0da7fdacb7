#!/usr/bin/env node
// Re-derives everything the metadata service knows from its raw event log,
// e.g. after a fix to how events are interpreted. The service does the work
// (POST /api/data-platform/v1/admin/replay); this asks it to, with a token
// allowed the data-platform.admin permission.
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
const response = await fetch(`${baseUrl}/api/data-platform/v1/admin/replay`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${token}` },
});
const body = await response.text();
if (!response.ok) {
  console.error(`Replay failed: ${response.status} ${body}`);
  process.exit(1);
}
console.log(`Replayed ${JSON.parse(body).replayed} raw events.`);
