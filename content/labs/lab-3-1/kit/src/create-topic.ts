// Step 1: create the orders topic with several partitions.
import { Kafka } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
const kafka = new Kafka({ clientId: 'lab-3-1-admin', brokers });
const admin = kafka.admin();

await admin.connect();
// Six partitions: room for up to six consumers per group, and keys spread over six logs.
const created = await admin.createTopics({
  topics: [{ topic: 'orders', numPartitions: 6, replicationFactor: 1 }],
});
console.log(created ? 'Created topic orders with 6 partitions' : 'Topic orders already exists');
await admin.disconnect();
