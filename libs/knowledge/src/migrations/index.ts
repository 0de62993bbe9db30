import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';

/** Every migration, in order. Append new ones here; never edit one that has shipped. */
export const KNOWLEDGE_MIGRATIONS = [InitialSchema1764000000000];
