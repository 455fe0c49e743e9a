import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { contentRoot, loadContentFromDisk } from './load-from-disk';
import type { ContentNode } from './schema';

// What the module teaches about Kafka, pinned to Kafka's own documentation and code (issue #10).
// Each fact names its source, the places that must teach it (`present`), the wrong claims that
// must not come back anywhere in our prose (`absent`), and the sentences we removed (`was`), which
// the `absent` patterns must still catch, so that every check here is shown to be able to fail.
//
// The text searched is what a learner reads: compiled lessons (inline code without backticks),
// glossary definitions, quiz prompts, choices, feedback and explanations, "try this" prompts and
// outcomes, and ARCHITECTURE.md. Keys are files, or `file#id` for one glossary entry, quiz item or
// "try this" item.

interface Fact {
  id: string;
  /** The rule, in one sentence. */
  fact: string;
  /** Kafka config docs (URL and section), KIPs, JIRA issues or Kafka classes. */
  sources: string[];
  /** Where the right claim must be taught. */
  present: { where: string; says: RegExp }[];
  /** Wrong claims banned from all of our prose. */
  absent?: RegExp[];
  /** Sentences this issue removed; each must be caught by one of `absent`. */
  was?: string[];
}

const DOCS = 'https://kafka.apache.org/documentation';

const FACTS: Fact[] = [
  {
    id: 'static-membership-does-not-survive-long-pauses',
    fact: 'A static member (group.instance.id) that misses its session timeout is still removed, so static membership does not fix a storm caused by pauses.',
    sources: [
      'KIP-345: Introduce static membership protocol to reduce consumer rebalances',
      `${DOCS}/#static_membership (design: Static Membership)`,
      `${DOCS}/#consumerconfigs_group.instance.id`,
    ],
    present: [
      { where: 'content/lessons/production-failures.md', says: /static member that sends no heartbeat for longer than session\.timeout\.ms[^.]*is removed like any other member/ },
      { where: 'content/glossary.yaml#static-membership', says: /stays silent for longer than the session timeout is still removed/ },
      { where: 'content/quiz/module.yaml#failures-rebalance-storm', says: /static member whose pause outlasts session\.timeout\.ms is removed/ },
    ],
    absent: [/cheaper with cooperative or static membership/i, /static membership\)?: an instance that comes back within the session timeout/i],
    was: [
      'Loosen the timeouts, keep heartbeat.interval.ms well below the session timeout, and make rebalances cheaper with cooperative or static membership.',
    ],
  },
  {
    id: 'stuck-consumer-stalls-every-partition-it-owns',
    fact: 'A consumer hung in its poll loop stops processing every partition assigned to it, not only the partition holding the bad record.',
    sources: [`${DOCS}/#consumerconfigs_max.poll.interval.ms`, 'org.apache.kafka.clients.consumer.KafkaConsumer (javadoc: "Detecting Consumer Failures")'],
    present: [
      { where: 'content/lessons/production-failures.md', says: /stalls every partition it owns/ },
      { where: 'content/glossary.yaml#stuck-consumer', says: /every partition it owns stalls/ },
      { where: 'content/quiz/module.yaml#failures-stuck-consumer', says: /every partition that consumer owns/ },
    ],
    absent: [/stops making progress on a partition because/i, /signature is a single partition whose committed offset/i, /poison message blocks its partition/i],
    was: [
      'A stuck consumer stops making progress on a partition because of one record.',
      'The signature is a single partition whose committed offset stops moving, its lag climbing in a straight line, while the group\'s other partitions look normal.',
      'A poison message blocks its partition because the consumer retries it forever.',
    ],
  },
  {
    id: 'classic-is-a-group-protocol-not-eager',
    fact: 'Since KIP-848, "classic" names the JoinGroup/SyncGroup protocol (group.protocol=classic), which covers both eager and cooperative rebalancing; it is not a synonym for eager.',
    sources: [
      'KIP-848: The Next Generation of the Consumer Rebalance Protocol',
      'https://kafka.apache.org/40/operations/consumer-rebalance-protocol (Consumer Rebalance Protocol)',
      `${DOCS}/#consumerconfigs_group.protocol (ConsumerConfig.GROUP_PROTOCOL_DOC, default "classic")`,
    ],
    present: [
      { where: 'content/lessons/production-failures.md', says: /classic group protocol \(group\.protocol=classic, still the client default\)/ },
      { where: 'content/lessons/production-failures.md', says: /Everything above is the classic protocol: JoinGroup and SyncGroup, eager or cooperative/ },
      { where: 'content/glossary.yaml#classic-group-protocol', says: /covers both eager and\s+cooperative rebalancing/ },
      { where: 'content/glossary.yaml#eager-rebalancing', says: /rebalance mode of the classic group protocol/ },
    ],
    absent: [/classic \("?eager"?\) protocol/i, /the classic rebalance protocol, in which/i, /the classic Kafka consumer loop/i],
    was: [
      'With the classic ("eager") protocol, every consumer gives up all its partitions',
      'The classic rebalance protocol, in which every consumer in the group gives up all its partitions before the assignment is recomputed, pausing the whole group.',
      'The classic Kafka consumer loop processes records first and commits the offset afterwards.',
    ],
  },
  {
    id: 'partitions-are-exclusive-in-consumer-groups-only',
    fact: 'One reader per partition holds within a consumer group; Kafka 4 share groups (KIP-932, production-ready in 4.2) let several members read one partition.',
    sources: ['KIP-932: Queues for Kafka', 'https://kafka.apache.org/42/getting-started/upgrade/ (Notable changes in 4.2.0)'],
    present: [
      { where: 'content/lessons/kafka-mental-model.md', says: /Within a consumer group, Kafka assigns each partition to exactly one consumer/ },
      { where: 'content/lessons/kafka-mental-model.md', says: /share group \(KIP-932: early access in 4\.0, production-ready since 4\.2\)/ },
      { where: 'content/lessons/common-mistakes.md', says: /within a consumer group a partition has a single reader at a time/ },
      { where: 'content/glossary.yaml#share-group', says: /share the records of the same partitions/ },
      { where: 'content/quiz/self-check.yaml#sc-four-partitions-six-consumers', says: /A consumer group never splits a partition between its members/ },
    ],
    absent: [/a partition is never shared within a group/i, /never split between members of the same group/i],
    was: [
      'It also means at most one consumer in each group can read the topic, because a partition is never shared within a group.',
      'A partition is never split between members of the same group.',
    ],
  },
  {
    id: 'idempotence-default-history',
    fact: 'enable.idempotence=true became the effective default only in 3.0.1, 3.1.1 and 3.2.0 (KAFKA-13598), and it is switched off without an error when conflicting settings are given and idempotence is not set explicitly (KAFKA-13673).',
    sources: [
      'KAFKA-13598 (apache/kafka#11691: enable idempotence producer by default and validate the configs)',
      'KAFKA-13673 (apache/kafka#11788: disable idempotence when config conflicts)',
      `${DOCS}/#producerconfigs_enable.idempotence (ProducerConfig.ENABLE_IDEMPOTENCE_DOC)`,
    ],
    present: [
      { where: 'content/lessons/delivery-guarantees.md', says: /KAFKA-13598/ },
      { where: 'content/lessons/delivery-guarantees.md', says: /from 3\.0\.1, 3\.1\.1 and 3\.2\.0/ },
      { where: 'content/lessons/delivery-guarantees.md', says: /conflicts with it, such as acks=1, retries=0 or more than 5 requests in flight[^.]*\(KAFKA-13673\)/ },
      { where: 'content/glossary.yaml#idempotent-producer', says: /from 3\.0\.1, 3\.1\.1 and 3\.2\.0 \(KAFKA-13598\)[^.]*\(KAFKA-13673\)/ },
    ],
    absent: [/enable\.idempotence(=true)?,? (on by default|the default) since\s+Kafka 3\.0/i],
    was: [
      'idempotent producers (enable.idempotence=true, the default since Kafka 3.0): each producer has an ID',
      'discard duplicates caused by its own retries (enable.idempotence, on by default since Kafka 3.0).',
    ],
  },
  {
    id: 'default-replication-factor-is-1',
    fact: "Kafka's default.replication.factor (for topics created without one) is 1.",
    sources: [`${DOCS}/#brokerconfigs_default.replication.factor`, 'org.apache.kafka.server.config.ReplicationConfigs.REPLICATION_FACTOR_DEFAULT = 1'],
    present: [
      { where: 'ARCHITECTURE.md', says: /Kafka's default\.replication\.factor is 1/ },
      { where: 'content/lessons/kafka-mental-model.md', says: /\(default\.replication\.factor\) is 1/ },
      { where: 'content/lessons/three-properties.md', says: /Kafka's default\.replication\.factor is 1/ },
      { where: 'content/glossary.yaml#replication-factor', says: /\(default\.replication\.factor\) is 1/ },
    ],
    absent: [/min\.insync\.replicas 1, replication factor min\(3, brokers\)/, /default\.replication\.factor\)? (is|of|defaults to) (3|three)\b/i],
    was: [
      'min.insync.replicas 1, replication factor min(3, brokers), retention.ms 7 days, retention.bytes −1.',
    ],
  },
  {
    id: 'protocol-follows-the-assignor-list',
    fact: 'A classic consumer uses the highest rebalance protocol that every assignor in partition.assignment.strategy supports: only cooperative-sticky is cooperative, so the default [range, cooperative-sticky] is eager with range.',
    sources: [
      'KIP-429: Kafka Consumer Incremental Rebalance Protocol',
      'org.apache.kafka.clients.consumer.internals.ConsumerCoordinator (constructor: protocol = highest commonly supported RebalanceProtocol)',
      `${DOCS}/#consumerconfigs_partition.assignment.strategy (ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_DOC)`,
      `${DOCS}/#upgrade_300_notable (default list changed to [RangeAssignor, CooperativeStickyAssignor])`,
    ],
    present: [
      { where: 'content/lessons/production-failures.md', says: /rebalances cooperatively only if every assignor on that list supports it \(KIP-429\)/ },
      { where: 'content/lessons/production-failures.md', says: /\[range, cooperative-sticky\], the default since Kafka 3\.0, still rebalances eagerly and assigns with range/ },
      { where: 'content/lessons/production-failures.md', says: /range, roundrobin and sticky are eager only/ },
      { where: 'content/glossary.yaml#cooperative-rebalancing', says: /only when every assignor in its\s+partition\.assignment\.strategy list supports it/ },
      // ARCHITECTURE.md states the rule and the default list's outcome; the wording is shared with the simulator's notes.
      { where: 'ARCHITECTURE.md', says: /every assignor in (its list|it) supports/ },
      { where: 'ARCHITECTURE.md', says: /\[range, cooperative-sticky\][^.]*eager/ },
      { where: 'content/quiz/module.yaml#failures-assignor-protocol', says: /A consumer uses the highest protocol that every assignor on its list supports, and range supports only eager/ },
    ],
    absent: [/uses range until\s+every member supports cooperative-sticky/i],
    was: ["Kafka 3.x's default list is [range, cooperative-sticky], which uses range until every member supports cooperative-sticky"],
  },
  {
    id: 'cooperative-migration-bounces',
    fact: 'Reaching cooperative-sticky takes one rolling bounce that removes range from [range, cooperative-sticky], and two bounces from an eager assignor alone such as [range].',
    sources: [
      `${DOCS}/#upgrade_240_notable (two rolling bounces: add cooperative-sticky, then remove the old assignor)`,
      `${DOCS}/#consumerconfigs_partition.assignment.strategy (a single rolling bounce that removes the RangeAssignor)`,
    ],
    present: [
      { where: 'content/lessons/production-failures.md', says: /from the default list, one rolling restart that removes range/ },
      { where: 'content/lessons/production-failures.md', says: /such as \[range\], two: the first adds cooperative-sticky next to it on every member, and the second[^.]*removes the eager one/ },
      { where: 'ARCHITECTURE.md', says: /one (rolling )?bounce that removes range/i },
    ],
    absent: [/Moving a running group from an eager assignor to the cooperative one takes two rolling restarts\./],
    was: ['Moving a running group from an eager assignor to the cooperative one takes two rolling restarts.'],
  },
  {
    id: 'cooperative-rebalance-takes-two-rounds',
    fact: 'A cooperative rebalance that moves partitions takes two rounds: the owners revoke them, then a follow-up rebalance assigns them.',
    sources: ['KIP-429', `${DOCS}/#upgrade_240_notable ("Any consumer that has to revoke a partition will trigger a followup rebalance")`],
    present: [
      { where: 'content/lessons/production-failures.md', says: /A rebalance that moves partitions takes two rounds/ },
      { where: 'content/glossary.yaml#cooperative-rebalancing', says: /revoked, in a first round, and handed to their new owners in a second/ },
    ],
  },
  {
    id: 'lag-is-measured-against-the-high-watermark',
    fact: 'Consumers read up to the high watermark, and kafka-consumer-groups.sh measures every group against it (LOG-END-OFFSET), whatever the group\'s isolation level; a read_committed consumer reads, and its own lag metrics count, only up to the last stable offset.',
    sources: [
      `${DOCS}/#design_replicatedlog and #replication ("Only committed messages are ever given out to the consumer")`,
      'kafka.cluster.Partition.fetchOffsetForTimestamp (latest offset = highWatermark for READ_UNCOMMITTED, lastStableOffset for READ_COMMITTED)',
      'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand (LOG-END-OFFSET from OffsetSpec.latest() with a default ListOffsetsOptions, i.e. IsolationLevel.READ_UNCOMMITTED: the high watermark for every group)',
      'org.apache.kafka.clients.consumer.internals.SubscriptionState.partitionLag (READ_COMMITTED counts to lastStableOffset, otherwise highWatermark)',
      `${DOCS}/#consumerconfigs_isolation.level (read_committed reads up to the last stable offset)`,
    ],
    present: [
      { where: 'content/lessons/production-failures.md', says: /it is the partition's high watermark[^.]*minus the group's committed offset/ },
      { where: 'content/lessons/production-failures.md', says: /column headed LOG-END-OFFSET, and it takes the high watermark for every group, whatever isolation level the group's consumers use/ },
      { where: 'content/lessons/production-failures.md', says: /A consumer reading with read_committed cannot go past the last stable offset/ },
      { where: 'content/lessons/three-properties.md', says: /high watermark is the offset up to which every ISR member has copied the log\. Consumers are only served records below it/ },
      { where: 'content/glossary.yaml#high-watermark', says: /Consumers are\s+only given records below it, and consumer lag is measured against it/ },
      { where: 'content/glossary.yaml#last-stable-offset', says: /read_committed consumer reads only below it, and its own lag metrics count up to it; kafka-consumer-groups\.sh still measures lag against the high watermark/ },
      { where: 'content/glossary.yaml#consumer-lag', says: /the high watermark minus the group's committed offset\. kafka-consumer-groups\.sh measures every group this way/ },
      { where: 'content/quiz/module.yaml#failures-lag-value', says: /Lag = high watermark − committed offset/ },
    ],
    absent: [
      /log end offset( \([^)]*\))? minus (the group's )?committed offset/i,
      /Lag = log end offset/i,
      /head of the log that consumer lag is measured against/i,
      // kafka-consumer-groups.sh does not switch to the last stable offset for read_committed groups
      /for a group reading with read_committed the end that counts is the last stable offset/i,
      /high watermark \(the last stable offset for a read_committed group\)/i,
      /read_committed consumer reads only below it, so its lag is measured against it/i,
    ],
    was: [
      '(kafka-consumer-groups.sh prints that end in a column headed LOG-END-OFFSET; for a group reading with read_committed the end that counts is the last stable offset.)',
      'for each partition, the high watermark (the last stable offset for a read_committed group) minus the group\'s committed offset.',
      'A read_committed consumer reads only below it, so its lag is measured against it.',
      'For each partition it is the log end offset (the offset the next new record will get) minus the group\'s committed offset.',
      'Lag per partition is log end offset minus committed offset.',
      'The head of the log that consumer lag is measured against.',
    ],
  },
  {
    id: 'unknown-lag-is-not-zero',
    fact: 'A partition with no committed offset has unknown lag; kafka-consumer-groups.sh prints "-" rather than 0.',
    sources: ['org.apache.kafka.tools.consumer.group.ConsumerGroupCommand.MISSING_COLUMN_VALUE = "-"'],
    present: [
      { where: 'content/lessons/production-failures.md', says: /has unknown lag, which is not the same as zero: kafka-consumer-groups\.sh prints "-" for it/ },
      { where: 'content/glossary.yaml#consumer-lag', says: /the lag is unknown, not zero/ },
      { where: 'content/quiz/module.yaml#failures-lag-metric', says: /unknown, not zero/ },
    ],
  },
  {
    id: 'records-lag-max-is-a-client-metric',
    fact: 'records-lag-max is reported per consumer instance, from its fetch position rather than the committed offset, and it stops updating when the consumer stops fetching.',
    sources: [`${DOCS}/#consumer_fetch_monitoring (records-lag-max: "based on current offset and not committed offset")`, 'org.apache.kafka.clients.consumer.internals.FetchMetricsManager'],
    present: [
      { where: 'content/lessons/production-failures.md', says: /records-lag-max metric for it\. That one is reported by each consumer instance/ },
      { where: 'content/lessons/production-failures.md', says: /it counts from the consumer's fetch position, not from the committed offset; and it stops getting new values when the consumer stops fetching/ },
    ],
    absent: [/reports the same quantity as records-lag-max/i],
    was: ['The exact metric name depends on your exporter; the Java consumer reports the same quantity as records-lag-max.'],
  },
  {
    id: 'retriable-produce-errors-are-retried',
    fact: 'NOT_ENOUGH_REPLICAS, NOT_LEADER_OR_FOLLOWER and a missing leader are retriable: the producer retries until delivery.timeout.ms (120 s) while records wait in buffer.memory (32 MB) and send() blocks up to max.block.ms (60 s) when it is full.',
    sources: [
      `${DOCS}/#producerconfigs_delivery.timeout.ms (120000)`,
      `${DOCS}/#producerconfigs_buffer.memory (33554432)`,
      `${DOCS}/#producerconfigs_max.block.ms (60000)`,
      'org.apache.kafka.common.errors.NotEnoughReplicasException extends RetriableException',
      'org.apache.kafka.common.errors.NotLeaderOrFollowerException / LeaderNotAvailableException (InvalidMetadataException, retriable)',
    ],
    present: [
      { where: 'content/lessons/three-properties.md', says: /The producer treats these errors as retriable: it keeps the records in its buffer \(buffer\.memory, 32 MB by default\) and sends them again until each one's delivery\.timeout\.ms \(two minutes by default\) runs out/ },
      { where: 'content/lessons/three-properties.md', says: /send\(\) blocks for up to max\.block\.ms \(60 seconds by default\), and records fail only when their delivery timeout expires/ },
      { where: 'content/lessons/backpressure.md', says: /Such errors are retriable, so the producer keeps the records and tries again until each one's delivery\.timeout\.ms \(two minutes by default\) runs out/ },
      { where: 'content/quiz/module.yaml#replication-leaders', says: /The producer keeps retrying them until delivery\.timeout\.ms runs out/ },
    ],
  },
  {
    id: 'keyless-records-go-to-partitions-with-a-leader',
    fact: 'For records without a key the built-in partitioner of 3.3+ (KIP-794) picks only partitions that have a leader, as the sticky (2.4, KIP-480) and round-robin partitioners before it did; what KIP-794 added is switching after batch.size and weighting by broker load. Keyed records stay on their hashed partition and are retried.',
    sources: [
      'KIP-794: Strictly Uniform Sticky Partitioner',
      'org.apache.kafka.clients.producer.internals.BuiltInPartitioner.nextPartition (availablePartitionsForTopic; partitions without leader are excluded from the load stats)',
      'org.apache.kafka.clients.producer.internals.StickyPartitionCache.nextPartition (2.4 to 3.2: also availablePartitionsForTopic)',
    ],
    present: [
      { where: 'content/lessons/kafka-mental-model.md', says: /Since Kafka 3\.3 \(KIP-794\) it switches after batch\.size bytes and leans towards partitions whose brokers keep up\. Like the sticky and round-robin partitioners before it, it chooses only among partitions that currently have a leader/ },
      { where: 'content/lessons/kafka-mental-model.md', says: /A keyed record has no such way out: its key fixes its partition/ },
    ],
    // Avoiding partitions without a leader is not new in 3.3: do not present it as part of KIP-794.
    absent: [/leans towards partitions whose brokers keep up, and it picks only partitions that currently have a leader/i],
    was: [
      'Since Kafka 3.3 (KIP-794) it switches after batch.size bytes, leans towards partitions whose brokers keep up, and it picks only partitions that currently have a leader (whenever any do), so keyless records keep flowing when one partition is offline.',
    ],
  },
  {
    id: 'isr-membership-takes-time',
    fact: 'A follower leaves the ISR after replica.lag.time.max.ms (30 s); in KRaft a stopped broker is fenced after broker.session.timeout.ms (9 s) and removed from every ISR, and acks=all writes wait until then.',
    sources: [
      `${DOCS}/#brokerconfigs_replica.lag.time.max.ms (ReplicationConfigs.REPLICA_LAG_TIME_MAX_MS_DEFAULT = 30000)`,
      `${DOCS}/#brokerconfigs_broker.session.timeout.ms (KRaftConfigs.BROKER_SESSION_TIMEOUT_MS_DEFAULT = 9000)`,
      'org.apache.kafka.controller.ReplicationControlManager.handleBrokerFenced (removes the broker from every ISR)',
      `${DOCS}/#replication (design: liveness and the ISR)`,
    ],
    present: [
      { where: 'content/lessons/three-properties.md', says: /for replica\.lag\.time\.max\.ms \(30 seconds by default\), is dropped from the ISR/ },
      { where: 'content/lessons/three-properties.md', says: /broker\.session\.timeout\.ms \(9 seconds by default\) does the controller fence the broker, remove it from every ISR/ },
      { where: 'content/lessons/three-properties.md', says: /acks=all writes to partitions where it was a follower wait as well/ },
      { where: 'content/glossary.yaml#in-sync-replica', says: /replica\.lag\.time\.max\.ms \(30 s\), or when its broker is fenced by the controller/ },
      { where: 'content/glossary.yaml#kraft', says: /broker\.session\.timeout\.ms \(9 s by default\)/ },
      { where: 'content/quiz/module.yaml#replication-follower-crash', says: /the crashed follower stays in it until its broker is fenced/ },
    ],
    absent: [/A replica that is fully caught up with its leader/i],
    was: ['A replica that is fully caught up with its leader. Only in-sync replicas count towards min.insync.replicas'],
  },
  {
    id: 'leader-is-in-the-isr-and-acks-all-waits-for-the-isr',
    fact: 'The leader is a member of the ISR; acks=all waits for every current ISR member, and min.insync.replicas is only the floor below which writes are refused.',
    sources: [
      `${DOCS}/#design_ha ("acknowledgement happens as soon as all the current in-sync replicas have received the message")`,
      `${DOCS}/#topicconfigs_min.insync.replicas (TopicConfig.MIN_IN_SYNC_REPLICAS_DOC)`,
    ],
    present: [
      { where: 'content/lessons/three-properties.md', says: /the leader itself always counts as one of them/ },
      { where: 'content/lessons/three-properties.md', says: /With acks=all, the leader answers the producer only once every replica currently in the ISR has the record/ },
      { where: 'content/lessons/three-properties.md', says: /min\.insync\.replicas \(default 1\) is a floor, not a target/ },
      { where: 'content/glossary.yaml#in-sync-replica', says: /the leader itself is always one/ },
    ],
    absent: [/so a write counts only once at least two in-sync copies hold it/i],
    was: ['min.insync.replicas=2 on the topic or broker, so a write counts only once at least two in-sync copies hold it;'],
  },
  {
    id: 'kraft-only-since-4-0',
    fact: 'Kafka 4.0 runs only in KRaft mode; ZooKeeper mode was removed.',
    sources: ['https://kafka.apache.org/40/getting-started/upgrade ("Apache Kafka 4.0 only supports KRaft mode - ZooKeeper mode has been removed")', 'KIP-833: Mark KRaft as Production Ready'],
    present: [
      { where: 'content/lessons/kafka-mental-model.md', says: /Since Kafka 4\.0 every cluster runs in KRaft mode/ },
      { where: 'content/glossary.yaml#kraft', says: /The only mode since\s+Kafka 4\.0, which removed ZooKeeper/ },
    ],
    absent: [/zookeeper\.connect/i, /ZooKeeper (stores|keeps|holds|manages) the cluster/i],
  },
  {
    id: 'new-group-starts-at-latest-by-default',
    fact: 'A consumer group with no committed offset starts at the end of the log unless auto.offset.reset=earliest.',
    sources: [`${DOCS}/#consumerconfigs_auto.offset.reset (default "latest")`],
    present: [
      { where: 'content/interactives/messaging-models.yaml#stream-late-group', says: /auto\.offset\.reset=earliest/ },
      { where: 'content/interactives/messaging-models.yaml#stream-late-group', says: /With Kafka's default, auto\.offset\.reset=latest, a brand-new group would start at the end/ },
    ],
  },
  {
    id: 'a-crashed-transaction-is-aborted-by-the-next-instance',
    fact: "A producer's open transaction is aborted when a new instance with the same transactional.id initialises, or when it times out; the crash itself aborts nothing.",
    sources: ['org.apache.kafka.clients.producer.KafkaProducer#initTransactions (javadoc)', `${DOCS}/#producerconfigs_transaction.timeout.ms`],
    present: [{ where: 'content/interactives/delivery-guarantees.yaml#eos-kafka-sink', says: /aborted when the restarted instance starts up with the same transactional\.id \(or when the transaction times out\)/ }],
    absent: [/The crash aborts the open transaction/],
    was: ['The crash aborts the open transaction, so its output records are never visible to read-committed readers.'],
  },
  {
    id: 'tiered-storage-is-production-ready-since-3-9',
    fact: 'Kafka tiered storage (KIP-405) is production-ready since 3.9.',
    sources: ['KIP-405: Kafka Tiered Storage', `https://kafka.apache.org/39/documentation/#upgrade_390_notable ("Tiered storage is now a production ready feature")`],
    present: [
      { where: 'content/lessons/alternatives.md', says: /tiered storage for long retention \(production-ready since 3\.9\)/ },
      { where: 'content/lessons/alternatives.md', says: /both Pulsar and, since 3\.9, Kafka can move older data to object storage/ },
    ],
    absent: [/keep years of history cheaply, Pulsar provides geo-replication, multi-tenancy and tiered storage/],
    was: ['If the system must span several regions, serve many isolated tenants, or keep years of history cheaply, Pulsar provides geo-replication, multi-tenancy and tiered storage as core features rather than additions.'],
  },
  {
    id: 'minimum-session-timeout-is-a-broker-setting',
    fact: 'The broker refuses session timeouts below group.min.session.timeout.ms, 6000 ms by default.',
    sources: ['org.apache.kafka.coordinator.group.GroupCoordinatorConfig.GROUP_MIN_SESSION_TIMEOUT_MS_DEFAULT = 6000', `${DOCS}/#brokerconfigs_group.min.session.timeout.ms`],
    present: [{ where: 'content/lessons/production-failures.md', says: /set to 6 seconds \(the lowest a broker accepts unless its group\.min\.session\.timeout\.ms is changed\)/ }],
    absent: [/the lowest most brokers accept/i],
    was: ['If session.timeout.ms is set to 6 seconds (the lowest most brokers accept), a garbage-collection pause'],
  },
  {
    id: 'authorizer-denies-by-default',
    fact: 'With an authorizer (StandardAuthorizer on KRaft) and allow.everyone.if.no.acl.found=false, the default, a resource without ACLs is closed to everyone but super users.',
    sources: [`${DOCS}/#security_authz (7.5 Authorization and ACLs)`, 'org.apache.kafka.metadata.authorizer.StandardAuthorizer'],
    present: [{ where: 'content/lessons/security.md', says: /on a KRaft cluster, StandardAuthorizer; leave allow\.everyone\.if\.no\.acl\.found at its default, false/ }],
  },
  // Issue #11: Kafka 4's consumer group protocol (KIP-848) and share groups (KIP-932).
  {
    id: 'kafka-can-act-as-a-queue',
    fact: 'Since Kafka 4 a share group (KIP-932) lets any number of members take records of the same partitions, each acknowledged on its own, as a queue does; it gives up per-partition order.',
    sources: [
      'KIP-932: Queues for Kafka',
      'https://kafka.apache.org/42/getting-started/upgrade/ (Notable changes in 4.2.0: share groups production-ready)',
    ],
    present: [
      { where: 'content/lessons/messaging-models.md', says: /Kafka as a queue: share groups/ },
      { where: 'content/lessons/messaging-models.md', says: /in a share group, one member per record/ },
      { where: 'content/lessons/messaging-models.md', says: /since Kafka 4 a share group makes a Kafka topic a work queue/ },
      { where: 'content/lessons/kafka-mental-model.md', says: /"One consumer per partition" is a rule of consumer groups/ },
    ],
    absent: [/Every consumer group \(one consumer within each group\)/i, /and Kafka can be used as a work queue\)/i],
    was: [
      '| Who gets a message | One consumer | Every subscriber | Every consumer group (one consumer within each group) |',
      "The models overlap at the edges (RabbitMQ can fan out through exchanges, SQS is often paired with SNS for fan-out, and Kafka can be used as a work queue), but each one's defaults reflect what it was built for.",
    ],
  },
  {
    id: 'partition-count-caps-consumer-groups-only',
    fact: 'The partition count caps the parallelism of a consumer group (and of ordered reading in general), not of a share group.',
    sources: ['KIP-932: Queues for Kafka (share groups: more consumers than partitions)'],
    present: [
      { where: 'content/lessons/alternatives.md', says: /partitions or shards cap the parallelism of ordered reading/ },
      { where: 'content/lessons/lab-3-1.md', says: /Partition count caps a consumer group's parallelism/ },
      { where: 'content/quiz/self-check.yaml#sc-four-partitions-six-consumers', says: /ceiling on a consumer group's parallelism/ },
      { where: 'content/quiz/module.yaml#mistakes-single-partition', says: /Only one consumer in each consumer group can read the topic/ },
      { where: 'content/lessons/self-check.md', says: /the partition count is the ceiling on a consumer group's parallelism/ },
    ],
    absent: [/partitions or shards cap parallelism,/i, /Partition count caps parallelism\./i, /ceiling on a group's parallelism/i, /Only one consumer in each group can read the topic/i],
    was: [
      'Whichever you choose, the concepts carry over: partitions or shards cap parallelism, keys decide ordering, lag is the health metric, and consumers should be idempotent.',
      '- **Partition count caps parallelism.** Start more billing consumers than there are partitions and watch the extra ones get no partitions.',
      "The partition count is the ceiling on a group's parallelism.",
      "Within a consumer group, a partition is only ever read by one consumer at a time, so the partition count is the ceiling on a group's parallelism.",
      "Only one consumer in each group can read the topic, so each group's throughput is capped by one consumer",
    ],
  },
  {
    id: 'share-group-defaults',
    fact: 'Share groups: record lock 30 s (group.share.record.lock.duration.ms), delivery count limit 5, allowed 2..10 (group.share.delivery.count.limit), 2000 record locks per share-partition since 4.1, 200 in 4.0 (group.share.partition.max.record.locks).',
    sources: [
      'ShareGroupConfig (group-coordinator, org.apache.kafka.coordinator.group.modern.share): SHARE_GROUP_RECORD_LOCK_DURATION_MS_DEFAULT, SHARE_GROUP_DELIVERY_COUNT_LIMIT_DEFAULT, SHARE_GROUP_PARTITION_MAX_RECORD_LOCKS_DEFAULT',
      'https://kafka.apache.org/42/configuration/broker-configs (group.share.*)',
      'KIP-932: Queues for Kafka',
    ],
    present: [
      { where: 'content/glossary.yaml#acquisition-lock', says: /group\.share\.record\.lock\.duration\.ms, 30 seconds by default/ },
      { where: 'content/glossary.yaml#delivery-count', says: /group\.share\.delivery\.count\.limit \(5 by default, allowed 2 to 10\)/ },
      { where: 'content/glossary.yaml#in-flight-records', says: /\(2,000 by default since Kafka 4\.1; 200 in 4\.0\)/ },
      { where: 'content/lessons/messaging-models.md', says: /acquisition lock \(30 seconds by default\)/ },
      { where: 'content/lessons/production-failures.md', says: /group\.share\.delivery\.count\.limit \(5 by default\)/ },
    ],
  },
  {
    id: 'kip848-liveness-on-the-broker',
    fact: 'Under group.protocol=consumer the session timeout and heartbeat interval are broker settings, group.consumer.session.timeout.ms (45000) and group.consumer.heartbeat.interval.ms (5000); max.poll.interval.ms stays on the client; the default server-side assignor is uniform.',
    sources: [
      'https://kafka.apache.org/42/operations/consumer-rebalance-protocol (Consumer Rebalance Protocol, Server)',
      'GroupCoordinatorConfig: CONSUMER_GROUP_SESSION_TIMEOUT_MS_DEFAULT = 45000, CONSUMER_GROUP_HEARTBEAT_INTERVAL_MS_DEFAULT = 5000, CONSUMER_GROUP_ASSIGNORS_DEFAULT = [uniform, range]',
    ],
    present: [
      { where: 'content/lessons/production-failures.md', says: /group\.consumer\.session\.timeout\.ms \(45 s\) and group\.consumer\.heartbeat\.interval\.ms \(5 s\) on the brokers/ },
      { where: 'content/lessons/production-failures.md', says: /max\.poll\.interval\.ms stays on the client/ },
      { where: 'content/lessons/production-failures.md', says: /server-side assignor: uniform by default, or range/ },
      { where: 'content/glossary.yaml#server-side-assignor', says: /uniform, the default/ },
    ],
  },
  {
    id: 'kip848-migration',
    fact: 'A classic group moves to the consumer protocol offline (stop all, restart with group.protocol=consumer) or online by a rolling restart: the coordinator converts a non-empty classic group when the first consumer-protocol member joins, and back when the last one leaves; the Java client refuses partition.assignment.strategy, session.timeout.ms and heartbeat.interval.ms under the consumer protocol.',
    sources: [
      'https://kafka.apache.org/42/operations/consumer-rebalance-protocol (Upgrade and downgrade)',
      'ConsumerConfig.CONSUMER_PROTOCOL_UNSUPPORTED_CONFIGS (partition.assignment.strategy, heartbeat.interval.ms, session.timeout.ms)',
      'GroupCoordinatorConfig.CONSUMER_GROUP_MIGRATION_POLICY_DEFAULT = bidirectional',
    ],
    present: [
      { where: 'content/lessons/production-failures.md', says: /Offline: stop every consumer of the group, then start them all with group\.protocol=consumer/ },
      { where: 'content/lessons/production-failures.md', says: /converts a classic group that still has members into a consumer group as soon as the first member using the new protocol joins/ },
      { where: 'content/lessons/production-failures.md', says: /the Java client refuses to start with them under the new protocol/ },
    ],
  },
  {
    id: 'kip848-group-epoch-also-follows-topic-metadata',
    fact: 'Under the consumer protocol the group epoch goes up when a member joins or leaves, when a member changes its subscription, and when the metadata of a subscribed topic changes (for example new partitions), each time leading to a new target assignment.',
    sources: [
      'KIP-848: The Next Generation of the Consumer Rebalance Protocol (group epoch: bumped on membership, subscription and subscribed-topic metadata changes)',
      'org.apache.kafka.coordinator.group.GroupMetadataManager (consumerGroupHeartbeat: bumps the group epoch when the subscription metadata changes)',
    ],
    present: [
      { where: 'content/lessons/production-failures.md', says: /group epoch, raised whenever a member joins or leaves, a member changes its subscription, or a subscribed topic changes/ },
      { where: 'content/glossary.yaml#group-epoch', says: /member joins or leaves, a member changes its subscription, or the metadata of a subscribed topic changes/ },
    ],
    absent: [/raised on every change of membership or subscription,/i, /group's membership or subscriptions change\./i],
    was: [
      'The group coordinator keeps a group epoch, raised on every change of membership or subscription, and computes a target assignment for it with a server-side assignor',
      "In the consumer group protocol (KIP-848), a number the group coordinator raises whenever the group's membership or subscriptions change.",
    ],
  },
  {
    id: 'kip848-liveness-settings-are-broker-side',
    fact: 'session.timeout.ms (45 s) and heartbeat.interval.ms (3 s) are classic-protocol client settings; under group.protocol=consumer the client rejects them and the brokers set group.consumer.session.timeout.ms (45 s) and group.consumer.heartbeat.interval.ms (5 s), overridable per group.',
    sources: [
      `${DOCS}/#consumerconfigs_session.timeout.ms and #consumerconfigs_heartbeat.interval.ms (classic protocol only)`,
      'GroupCoordinatorConfig.CONSUMER_GROUP_SESSION_TIMEOUT_MS_DEFAULT = 45000, CONSUMER_GROUP_HEARTBEAT_INTERVAL_MS_DEFAULT = 5000',
      'KAFKA-17338 / ConsumerConfig: "session.timeout.ms cannot be set when group.protocol=CONSUMER" (ConfigException)',
      'https://kafka.apache.org/42/configuration/group-configs (consumer.session.timeout.ms, consumer.heartbeat.interval.ms)',
    ],
    present: [
      { where: 'content/lessons/production-notes.md', says: /Those two are client settings of the classic protocol; a consumer on group\.protocol=consumer \(KIP-848\) may not set them at all/ },
      { where: 'content/lessons/production-notes.md', says: /group\.consumer\.session\.timeout\.ms, 45 seconds, and group\.consumer\.heartbeat\.interval\.ms, 5 seconds/ },
      { where: 'content/lessons/production-failures.md', says: /group\.consumer\.session\.timeout\.ms \(45 s\) and group\.consumer\.heartbeat\.interval\.ms \(5 s\) on the brokers/ },
    ],
  },
  {
    id: 'kip932-acknowledgement-types',
    fact: 'A share consumer finishes a record with ACCEPT, RELEASE or REJECT; implicit mode (the default share.acknowledgement.mode) accepts a delivered batch on the next poll or commit; Kafka 4.2 added RENEW (KIP-1222), which only extends the acquisition lock.',
    sources: [
      'KIP-932: Queues for Kafka (AcknowledgeType; share.acknowledgement.mode, default implicit)',
      'KIP-1222: Acquisition lock timeout renewal in share consumer explicit mode (AcknowledgeType.RENEW, Kafka 4.2)',
      'org.apache.kafka.clients.consumer.AcknowledgeType',
    ],
    present: [
      { where: 'content/glossary.yaml#share-acknowledgement', says: /default implicit mode \(share\.acknowledgement\.mode=implicit\) the consumer accepts every record of a batch when it next polls or commits/ },
      { where: 'content/glossary.yaml#share-acknowledgement', says: /Kafka 4\.2 added a fourth type, RENEW \(KIP-1222\)/ },
    ],
    absent: [/The three ways a share consumer acknowledges a record/i],
    was: ['The three ways a share consumer acknowledges a record. ACCEPT: processed, done.'],
  },
];

// --- the text a learner reads ----------------------------------------------------------------

const INLINE = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'term', 'tableCell']);

function textOf(node: ContentNode): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return node.value;
    case 'interactive':
      return node.caption ?? '';
    case 'reflect':
      return [...node.prompt, ...node.reveal].map(textOf).join('\n');
    case 'callout':
      return [node.title ?? '', ...node.children.map(textOf)].join('\n');
    case 'compare':
      return [node.caption, ...node.children.map(textOf)].join('\n');
    case 'diagram':
      return [node.title, ...node.children.map(textOf)].join('\n');
    default:
      return 'children' in node ? node.children.map(textOf).join(INLINE.has(node.type) ? '' : '\n') : '';
  }
}

const normalise = (s: string) => s.replace(/`|\*\*/g, '').replace(/\s+/g, ' ').trim();

function strings(value: unknown, skip: ReadonlySet<string> = new Set()): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, skip));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (skip.has(k) ? [] : strings(v, skip)));
  return [];
}

/** Every piece of prose we own, keyed by file and by `file#id` for entries. */
function loadProse(): Map<string, string> {
  const prose = new Map<string, string>();
  for (const [id, lesson] of loadContentFromDisk().lessons) prose.set(`content/lessons/${id}.md`, normalise(textOf(lesson.body)));
  const addEntries = (file: string, entries: { id: string }[], skip: ReadonlySet<string>) => {
    const all: string[] = [];
    for (const e of entries) {
      const text = normalise(strings(e, skip).join(' \n '));
      prose.set(`${file}#${e.id}`, text);
      all.push(text);
    }
    prose.set(file, all.join(' \n '));
  };
  const yaml = (rel: string) => parseYaml(readFileSync(resolve(contentRoot, rel), 'utf8')) as unknown;
  addEntries('content/glossary.yaml', yaml('glossary.yaml') as { id: string }[], new Set(['id']));
  const dirs: [string, (data: unknown) => { id: string }[], Set<string>][] = [
    ['quiz', (d) => d as { id: string }[], new Set(['id', 'section', 'type', 'scenario', 'measure', 'run', 'order'])],
    ['interactives', (d) => (d as { items: { id: string }[] }).items, new Set(['id', 'scenario', 'setup', 'steps', 'expect', 'checks'])],
  ];
  for (const [dir, items, skip] of dirs) {
    for (const name of readdirSync(resolve(contentRoot, dir)).filter((n) => n.endsWith('.yaml'))) {
      addEntries(`content/${dir}/${name}`, items(yaml(`${dir}/${name}`)), skip);
    }
  }
  prose.set('ARCHITECTURE.md', normalise(readFileSync(resolve(contentRoot, '../ARCHITECTURE.md'), 'utf8')));
  return prose;
}

const prose = loadProse();
const files = [...prose.keys()].filter((k) => !k.includes('#'));

describe('Kafka facts the module teaches (issue #10)', () => {
  it('has a source for every fact and unique ids', () => {
    expect(new Set(FACTS.map((f) => f.id)).size).toBe(FACTS.length);
    for (const f of FACTS) {
      expect(f.sources.length, f.id).toBeGreaterThan(0);
      expect(f.present.length, f.id).toBeGreaterThan(0);
    }
  });

  describe.each(FACTS.map((f) => [f.id, f] as const))('%s', (_id, f) => {
    it.each(f.present.map((p) => [p.where, p.says] as const))('is taught in %s', (where, says) => {
      const text = prose.get(where);
      expect(text, `${where} is not a content file or entry we know`).toBeDefined();
      expect(text).toMatch(says);
    });

    if (f.absent?.length) {
      it('the wrong claim appears nowhere in our prose', () => {
        const hits = files.flatMap((file) => f.absent!.filter((re) => re.test(prose.get(file)!)).map((re) => `${file}: ${re}`));
        expect(hits).toEqual([]);
      });
    }

    if (f.was?.length) {
      it('the check catches the sentences it replaced', () => {
        for (const sentence of f.was!) expect(f.absent?.some((re) => re.test(normalise(sentence))), sentence).toBe(true);
      });
    }
  });
});

describe('Kafka facts with structure', () => {
  const module = parseYaml(readFileSync(resolve(contentRoot, 'quiz/module.yaml'), 'utf8')) as {
    id: string;
    choices?: { id: string; correct?: boolean }[];
  }[];

  it('does not grade static membership as a fix for a storm of long pauses (KIP-345)', () => {
    const item = module.find((i) => i.id === 'failures-rebalance-storm');
    const choice = (id: string) => item?.choices?.find((c) => c.id === id);
    expect(choice('static-membership')).toBeDefined();
    expect(choice('static-membership')?.correct ?? false).toBe(false);
    expect(choice('raise-session')?.correct).toBe(true);
    expect(choice('cooperative')?.correct).toBe(true);
  });

  it('grades the default assignor list as eager, one rolling restart away from cooperative (KIP-429)', () => {
    const item = module.find((i) => i.id === 'failures-assignor-protocol');
    const correct = item?.choices?.filter((c) => c.correct).map((c) => c.id);
    expect(correct).toEqual(['eager-one-bounce']);
  });

  it('grades acks=all as waiting for a crashed follower until it is fenced (design: replication)', () => {
    const item = module.find((i) => i.id === 'replication-follower-crash');
    const correct = item?.choices?.filter((c) => c.correct).map((c) => c.id);
    expect(correct).toEqual(['wait-then-continue']);
  });

  it("captions the rebalance-storm scenario with what it runs: a max.poll.interval.ms storm, not GC pauses", () => {
    const lesson = loadContentFromDisk().lessons.get('production-failures')!;
    const slots: { scenario: string | null; caption: string | null }[] = [];
    const walk = (n: ContentNode) => {
      if (n.type === 'interactive') slots.push(n);
      if ('children' in n) n.children.forEach(walk);
    };
    walk(lesson.body);
    const slot = slots.find((s) => s.scenario === 'rebalance-storm');
    expect(slot?.caption).toBeTruthy();
    const caption = slot!.caption!;
    const scenario = JSON.parse(readFileSync(resolve(contentRoot, 'scenarios/rebalance-storm.json'), 'utf8')) as {
      config: { groups: { timeouts?: { maxPollIntervalMs?: number; maxPollRecords?: number } }[] };
      actions: { action: { type: string } }[];
    };
    const t = scenario.config.groups[0]?.timeouts ?? {};
    expect(caption).toMatch(/max\.poll\.interval\.ms storm/);
    // The numbers the caption quotes are the scenario's own.
    expect(caption).toContain(`batches of ${t.maxPollRecords} records`);
    expect(caption).toContain(`${(t.maxPollIntervalMs ?? 0) / 1000}-second poll interval`);
    // GC pauses may be named only if the scenario actually injects pauses.
    const injectsPauses = scenario.actions.some((a) => /pause|gc/i.test(a.action.type));
    if (!injectsPauses) expect(caption).not.toMatch(/\bGC\b|garbage/i);
  });

  it('defines the terms the lessons now use', () => {
    const glossary = parseYaml(readFileSync(resolve(contentRoot, 'glossary.yaml'), 'utf8')) as { id: string }[];
    const ids = new Set(glossary.map((g) => g.id));
    for (const id of ['high-watermark', 'log-end-offset', 'last-stable-offset', 'in-sync-replica', 'share-group', 'classic-group-protocol', 'kraft']) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});
