// Runs before each integration test file; the database itself is shared per worker (test-database.ts).
process.env.TZ = 'UTC';
