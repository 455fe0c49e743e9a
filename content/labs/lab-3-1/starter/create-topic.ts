// Step 1: create the orders topic with several partitions.
import { Kafka } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
const kafka = new Kafka({ clientId: 'lab-3-1-admin', brokers });
const admin = kafka.admin();

await admin.connect();
// TODO: this creates orders with the broker's default of 1 partition. Ask for more.
const created = await admin.createTopics({
  topics: [{ topic: 'orders' }],
});
console.log(created ? 'Created topic orders' : 'Topic orders already exists');
await admin.disconnect();
