// The billing "database": a JSON file of charges, shared by every billing process on this machine.
// (In the browser lab the same two functions record into the run's trace.)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

interface Charge {
  orderId: string;
  amount: number;
  at: string;
}

const file = process.env.LEDGER_FILE ?? 'ledger.json';

function load(): Charge[] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Charge[]) : [];
}

export function charge(orderId: string, amount: number): void {
  const charges = load();
  charges.push({ orderId, amount, at: new Date().toISOString() });
  writeFileSync(file, JSON.stringify(charges, null, 2));
}

export function wasCharged(orderId: string): boolean {
  return load().some((c) => c.orderId === orderId);
}
