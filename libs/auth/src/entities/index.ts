import { SessionEntity } from './session.entity.js';
import { UserEntity } from './user.entity.js';

export { SessionEntity, UserEntity };
export const AUTH_ENTITIES = [UserEntity, SessionEntity];
