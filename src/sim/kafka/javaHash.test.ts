import { describe, expect, it } from 'vitest';
import { JavaHashOrder, javaHashMapOrder, javaStringHash, topicPartitionHash } from './javaHash.ts';

describe('javaStringHash (java.lang.String.hashCode)', () => {
  it('matches well-known Java values', () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('a')).toBe(97);
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('Aa')).toBe(2112);
    expect(javaStringHash('BB')).toBe(2112);
    expect(javaStringHash('polygenelubricants')).toBe(-(2 ** 31));
  });

  it('hashes UTF-16 code units', () => {
    // U+1F600 is the surrogate pair D83D DE00: 31 * 0xD83D + 0xDE00
    expect(javaStringHash('😀')).toBe(31 * 0xd83d + 0xde00);
  });
});

describe('topicPartitionHash (TopicPartition.hashCode)', () => {
  it('is 31 * (31 + partition) + topic.hashCode()', () => {
    expect(topicPartitionHash('a', 0)).toBe(31 * 31 + 97);
    expect(topicPartitionHash('hello', 7)).toBe(31 * 38 + 99162322);
  });
});

describe('JavaHashOrder (java.util.HashMap iteration order)', () => {
  it('visits buckets in index order, regardless of insertion order', () => {
    expect(javaHashMapOrder(['c', 'a', 'b'])).toEqual(['a', 'b', 'c']);
  });

  it('keeps insertion order within a bucket', () => {
    expect(javaHashMapOrder(['BB', 'Aa'])).toEqual(['BB', 'Aa']);
    expect(javaHashMapOrder(['Aa', 'BB'])).toEqual(['Aa', 'BB']);
  });

  it('grows from 16 to 32 buckets at the 13th entry', () => {
    // '0' (48) sits in bucket 0 of 16 but bucket 16 of 32; 'a' (97) in bucket 1 either way
    const twelve = ['0', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
    expect(javaHashMapOrder(twelve)[0]).toBe('0');
    const thirteen = [...twelve, 'l'];
    expect(javaHashMapOrder(thirteen).indexOf('0')).toBeGreaterThan(javaHashMapOrder(thirteen).indexOf('a'));
  });

  it('spreads high bits into the bucket index', () => {
    // 65536 = 1 << 16: spread gives bucket 1 although the low bits are 0
    const order = new JavaHashOrder();
    order.add('x', 65536);
    order.add('y', 0);
    expect(order.keys()).toEqual(['y', 'x']);
  });

  it('first() is what iterator().next() would return, and deletion keeps the rest in place', () => {
    const order = new JavaHashOrder();
    order.add('k3', 3);
    order.add('k1', 1);
    order.add('k17', 17);
    expect(order.keys()).toEqual(['k1', 'k17', 'k3']);
    expect(order.first()).toBe('k1');
    order.delete('k1');
    expect(order.first()).toBe('k17');
    order.add('k1', 1);
    expect(order.keys()).toEqual(['k17', 'k1', 'k3']);
  });

  it('resizes a small table instead of treeifying a crowded bucket', () => {
    // nine keys whose hashes are equal modulo 16 but differ modulo 32: after the ninth
    // enters one bucket the table doubles, splitting them by bit 4
    const order = new JavaHashOrder();
    for (let i = 0; i < 9; i++) order.add(`h${i}`, i * 16);
    const keys = order.keys();
    expect(keys.slice(0, 5)).toEqual(['h0', 'h2', 'h4', 'h6', 'h8']);
    expect(keys.slice(5)).toEqual(['h1', 'h3', 'h5', 'h7']);
  });
});

describe('JavaHashOrder via computeIfAbsent', () => {
  it('links new keys at the head of their bucket', () => {
    // "Aa" and "BB" share a hash: put keeps insertion order, computeIfAbsent reverses it
    expect(javaHashMapOrder(['Aa', 'BB'])).toEqual(['Aa', 'BB']);
    expect(javaHashMapOrder(['Aa', 'BB'], true)).toEqual(['BB', 'Aa']);
  });

  it('resizes before inserting, so the 13th key still lands in a 16-bucket table', () => {
    const twelve = ['0', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
    expect(javaHashMapOrder([...twelve, 'l'], true)[0]).toBe('0');
    expect(javaHashMapOrder([...twelve, 'l', 'm'], true)[0]).toBe('a');
  });
});
