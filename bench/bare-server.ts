// The baseline: a bare Fastify route, no database, no plugins, measured in the same run.
import Fastify from 'fastify';

const app = Fastify();
app.get('/bare', async () => ({ status: 'ok' }));
const address = await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
console.log(`listening ${address}`);
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0));
});
