/** What other capabilities may use of profiles: everything else in this folder is its own business. */
export { currentProfileId } from './redirect';
export { countProfiles } from './profiles';
