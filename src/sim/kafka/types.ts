export type AssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

export interface MemberSubscription {
  /** member.id */
  id: string;
  /** subscribed topic names */
  topics: string[];
  /** group.instance.id, for static membership */
  groupInstanceId?: string;
  /** "topic-partition" strings the member owned before this rebalance */
  ownedPartitions?: string[];
  /** generation of ownedPartitions */
  generation?: number;
}

/** Member id -> list of "topic-partition" strings. */
export type Assignment = Record<string, string[]>;
