// Setup for the SQLite project: the embedded default, whatever the shell exported.
process.env.RECTIFY_TEST_DATABASE = 'sqlite';
delete process.env.DATABASE_URL;
