// The ceiling for request rate: a bare Fastify hello-world with nothing else.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/health/ready', async () => ({ status: 'ok' }));
const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`listo ${address}`);
