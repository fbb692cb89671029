import { portalViteConfig } from '@lena/portal-kit/vite';

export default portalViteConfig({ port: 5173 });
