import stopServices from '@lena/test-services/jest-global-teardown';

export default async function globalTeardown(): Promise<void> {
  await stopServices();
}
