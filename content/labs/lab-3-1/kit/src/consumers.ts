// Step 3: two consumer groups, billing and audit, each reading every order.
import { Kafka } from 'kafkajs';
import { charge } from './ledger.ts';

const brokers = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
const kafka = new Kafka({ clientId: 'lab-3-1-consumers', brokers });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Order {
  orderId: string;
  userId: string;
  amount: number;
}

// Billing is slow on purpose (50 ms per order), so its lag is visible.
const billing = kafka.consumer({ groupId: 'billing' });
await billing.connect();
await billing.subscribe({ topics: ['orders'], fromBeginning: true });
await billing.run({
  eachMessage: async ({ partition, message }) => {
    const order = JSON.parse(message.value?.toString() ?? '{}') as Order;
    await sleep(50);
    charge(order.orderId, order.amount);
    console.log(`billing: charged ${order.orderId} (${order.userId}), partition ${partition} offset ${message.offset}`);
  },
});

// Audit is its own group: it gets every order too, at its own pace, with its own offsets.
const audit = kafka.consumer({ groupId: 'audit' });
await audit.connect();
await audit.subscribe({ topics: ['orders'], fromBeginning: true });
await audit.run({
  eachMessage: async ({ partition, message }) => {
    console.log(`audit: ${message.key?.toString()} partition ${partition} offset ${message.offset}`);
  },
});
