// Step 4: a second billing consumer joins, takes over some partitions, then stops.
import { Kafka } from 'kafkajs';
import { charge } from './ledger.ts';

const brokers = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
const kafka = new Kafka({ clientId: 'lab-3-1-billing-2', brokers });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Order {
  orderId: string;
  userId: string;
  amount: number;
}

const consumer = kafka.consumer({ groupId: 'billing' });
await consumer.connect();
await consumer.subscribe({ topics: ['orders'], fromBeginning: true });
await consumer.run({
  eachMessage: async ({ partition, message }) => {
    const order = JSON.parse(message.value?.toString() ?? '{}') as Order;
    await sleep(50);
    charge(order.orderId, order.amount);
    console.log(`billing-2: charged ${order.orderId}, partition ${partition} offset ${message.offset}`);
  },
});

// TODO: let it work for a second, then stop this consumer cleanly.
