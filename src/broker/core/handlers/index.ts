/** The handler table: API key -> handler. One file per area, as the protocol tables are. */
import { APIS } from '../../protocol/apis.ts';
import { handleApiVersions } from './apiVersions.ts';
import { handleCreatePartitions, handleCreateTopics, handleDeleteTopics, handleDescribeConfigs, handleInitProducerId } from './admin.ts';
import { handleFetch } from './fetch.ts';
import { GROUP_HANDLERS } from './groups.ts';
import { handleListOffsets } from './listOffsets.ts';
import { handleMetadata } from './metadata.ts';
import { handleProduce } from './produce.ts';
import type { Handler } from './types.ts';

export const HANDLERS: [number, Handler][] = [
  [APIS.ApiVersions.key, handleApiVersions],
  [APIS.Metadata.key, handleMetadata],
  [APIS.Produce.key, handleProduce],
  [APIS.Fetch.key, handleFetch],
  [APIS.ListOffsets.key, handleListOffsets],
  [APIS.CreateTopics.key, handleCreateTopics],
  [APIS.DeleteTopics.key, handleDeleteTopics],
  [APIS.CreatePartitions.key, handleCreatePartitions],
  [APIS.DescribeConfigs.key, handleDescribeConfigs],
  [APIS.InitProducerId.key, handleInitProducerId],
  ...GROUP_HANDLERS,
];
