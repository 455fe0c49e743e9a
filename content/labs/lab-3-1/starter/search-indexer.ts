// Extra step: a third group, added later, backfills the whole history.
import { Kafka } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
const kafka = new Kafka({ clientId: 'lab-3-1-search', brokers });

const ordersByUser = new Map<string, number>();

const indexer = kafka.consumer({ groupId: 'search-indexer' });
await indexer.connect();
// TODO: this group is new and has no committed offsets. Where does it start reading?
await indexer.subscribe({ topics: ['orders'] });
await indexer.run({
  eachMessage: async ({ message }) => {
    const userId = message.key?.toString() ?? 'unknown';
    ordersByUser.set(userId, (ordersByUser.get(userId) ?? 0) + 1);
    console.log(`search-indexer: indexed offset ${message.offset} for ${userId} (${ordersByUser.get(userId)} so far)`);
  },
});
