import { CurationSchema1765300100000 } from './1765300100000-curation-schema.js';

/** Every curation migration, in order. Append new ones here; never edit one that has shipped. */
export const CURATION_MIGRATIONS = [CurationSchema1765300100000];
