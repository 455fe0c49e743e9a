// Extra step: billing that charges each order once, even when an order is delivered twice.
// Run it as two processes (two terminals) in the billing group.
import { Kafka } from 'kafkajs';
import { charge } from './ledger.ts';

const brokers = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
const kafka = new Kafka({ clientId: 'lab-3-1-billing', brokers });
// On a real machine, CRASH_AFTER=5 kills this process after its fifth order, before the commit.
// (In the browser the lab injects that crash itself.)
const crashAfter = Number(process.env.CRASH_AFTER ?? 0);
let handled = 0;

interface Order {
  orderId: string;
  userId: string;
  amount: number;
}

const consumer = kafka.consumer({ groupId: 'billing', sessionTimeout: 10_000 });
await consumer.connect();
await consumer.subscribe({ topics: ['orders'], fromBeginning: true });
await consumer.run({
  autoCommit: false,
  eachMessage: async ({ topic, partition, message }) => {
    const order = JSON.parse(message.value?.toString() ?? '{}') as Order;
    // TODO: an order delivered twice is charged twice. Use wasCharged from './ledger.ts'.
    charge(order.orderId, order.amount);
    console.log(`billing: charged ${order.orderId}`);
    handled++;
    if (handled === crashAfter) {
      console.log('billing: crashing before the commit');
      process.exit(1);
    }
    await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
  },
});
