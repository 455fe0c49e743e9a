/** ApiVersions (API key 18). librdkafka 2.0 starts with v3 (flexible, KIP-511), KafkaJS 2.2.4 with v2. */
import { f, message } from '../schema.ts';

export const apiVersionsRequest = message('ApiVersionsRequest', 18, '0-3', '3+', [
  f.string('clientSoftwareName', '3+'),
  f.string('clientSoftwareVersion', '3+'),
]);

export const apiVersionsResponse = message('ApiVersionsResponse', 18, '0-3', '3+', [
  f.int16('errorCode', '0+'),
  f.array('apiKeys', '0+', [f.int16('apiKey', '0+'), f.int16('minVersion', '0+'), f.int16('maxVersion', '0+')]),
  f.int32('throttleTimeMs', '1+'),
]);
