// Step 2: produce orders, each keyed by the id of the user who placed it.
import { Kafka, Partitioners } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
const kafka = new Kafka({ clientId: 'lab-3-1-producer', brokers });
// KafkaJS 2's default partitioner hashes the key with murmur2, as Kafka's Java client does,
// so a key lands in the same partition whichever client wrote it.
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });

interface Order {
  orderId: string;
  userId: string;
  amount: number;
}

// 60 orders from 6 users, interleaved, as a shop would see them.
function makeOrder(n: number): Order {
  return {
    orderId: `o-${n}`,
    userId: `u-${((n * 7) % 6) + 1}`,
    amount: 5 + ((n * 13) % 40),
  };
}

await producer.connect();
for (let n = 1; n <= 60; n++) {
  const order = makeOrder(n);
  const [meta] = await producer.send({
    topic: 'orders',
    messages: [{ key: order.userId, value: JSON.stringify(order) }],
  });
  console.log(`${order.orderId} for ${order.userId} -> partition ${meta?.partition} offset ${meta?.baseOffset}`);
}
await producer.disconnect();
