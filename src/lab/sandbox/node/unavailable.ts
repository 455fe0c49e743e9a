/**
 * `net`, `tls` and `crypto` for KafkaJS in the browser sandbox. KafkaJS needs `net` and `tls`
 * only for its default socketFactory (the lab always gives it one over the page's MessagePort)
 * and `crypto` only for SASL/SCRAM and when the global Web Crypto is missing (it is not, in a
 * worker). The lab has no network and no SASL, so each use says so instead of failing obscurely.
 */
function unavailable(what: string): never {
  throw new Error(`${what} is not available in the browser lab: it has no network of its own, and KafkaJS reaches the in-page broker through the lab's socketFactory.`);
}

export const connect = () => unavailable('A TCP connection (net/tls)');
export const createHash = () => unavailable('SASL/SCRAM (crypto)');
export const createHmac = () => unavailable('SASL/SCRAM (crypto)');
export const pbkdf2Sync = () => unavailable('SASL/SCRAM (crypto)');
export const randomBytes = (size: number) => globalThis.crypto.getRandomValues(new Uint8Array(size));

export default { connect, createHash, createHmac, pbkdf2Sync, randomBytes };
