import type { Handlers } from '../backend/context';
import { countProfiles, getProfile, listProfiles, searchProfiles } from './profiles';

export const profileHandlers: Handlers<'profiles.count' | 'profiles.search' | 'profiles.list' | 'profiles.get'> = {
  'profiles.count': (_input, { vaults }) => ({ profiles: countProfiles(vaults.current().db) }),
  'profiles.search': ({ query, limit }, { vaults }) => ({ hits: searchProfiles(vaults.current().db, query, limit) }),
  'profiles.list': ({ offset, limit }, { vaults }) => listProfiles(vaults.current().db, offset, limit),
  'profiles.get': ({ id }, { vaults }) => getProfile(vaults.current().db, id),
};
