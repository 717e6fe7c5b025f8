// Starts the demo server: reads the environment, builds the app, listens, prints the URL.
import { readConfig } from './config.ts';
import { createApp } from './app.ts';

const config = readConfig();
const { app, close, setPublicUrl } = await createApp(config);
const server = app.listen(config.port, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // PORT=0 without PUBLIC_URL: the public address is known only now; state-changing requests wait for it.
  if (config.publicUrl === null) setPublicUrl(`http://localhost:${port}`);
  console.log(`${config.appName} listening on port ${port}, public URL ${config.publicUrl ?? `http://localhost:${port}`} (data in ${config.dataDir})`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => { close(); process.exit(0); }));
}
