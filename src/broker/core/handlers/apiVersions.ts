/** ApiVersions: the versions of every API this broker answers (see protocol/apis.ts). */
import { advertisedVersions } from '../../protocol/apis.ts';
import { ERR } from '../../protocol/errors.ts';
import type { Handler } from './types.ts';

export const handleApiVersions: Handler = () => ({ errorCode: ERR.NONE, apiKeys: advertisedVersions(), throttleTimeMs: 0 });
