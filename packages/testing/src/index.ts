export { eventually } from './eventually.ts';
export { multipartBody } from './multipart.ts';
export { createTestApp, type TestApp, TestClock } from './test-app.ts';
export { TestClient, type TestResponse } from './test-client.ts';
export { createTestDatabase, type TestDatabase } from './test-database.ts';
