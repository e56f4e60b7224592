// The yardstick for streaming: the same files served by @fastify/static (Range, ETag, no database).
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';

const [port = '0', root = '.'] = process.argv.slice(2);
const app = Fastify();
await app.register(fastifyStatic, { root, prefix: '/files/' });
app.get('/ready', async () => ({ status: 'ok' }));
const address = await app.listen({ port: Number(port), host: '127.0.0.1' });
console.log(`listening ${address}`);
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0));
});
