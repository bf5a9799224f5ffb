import type { SliceHandlers } from '../core/handlers';
import type { CapabilityContext } from '../vault/index';
import type { profileMethods } from './contract';
import { countProfiles, getProfile, listProfiles, searchProfiles } from './profiles';

export const profileHandlers: SliceHandlers<typeof profileMethods, CapabilityContext> = {
  'profiles.count': (_input, { vaults }) => ({ profiles: countProfiles(vaults.current().db) }),
  'profiles.search': ({ query, limit }, { vaults }) => ({ hits: searchProfiles(vaults.current().db, query, limit) }),
  'profiles.list': ({ offset, limit }, { vaults }) => listProfiles(vaults.current().db, offset, limit),
  'profiles.get': ({ id }, { vaults }) => getProfile(vaults.current().db, id),
};
