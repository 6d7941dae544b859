// Setup for the PostgreSQL project: the server the global setup was given.
process.env.RECTIFY_TEST_DATABASE = 'postgres';
process.env.DATABASE_URL = process.env.RECTIFY_TEST_POSTGRES_URL;
