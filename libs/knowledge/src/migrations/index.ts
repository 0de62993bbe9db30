import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { ConcernKind1765500000000 } from './1765500000000-concern-kind.js';

/** Every migration, in order. Append new ones here; never edit one that has shipped. */
export const KNOWLEDGE_MIGRATIONS = [InitialSchema1764000000000, ConcernKind1765500000000];
