// The database tests run on SQLite and on PostgreSQL: the server named by
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, or else the local
// PostgreSQL the root README asks for; never a container.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??=
  'postgresql://postgres@127.0.0.1:5432';
process.env.BACKSTAGE_TEST_DISABLE_DOCKER ??= '1';
