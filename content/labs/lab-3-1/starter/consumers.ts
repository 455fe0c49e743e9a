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

// TODO: start an audit consumer that also reads every order, independently of billing.
