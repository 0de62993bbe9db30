import { Injectable } from '@nestjs/common';
import JSZip from 'jszip';
import { knowledgeFolderFiles, KnowledgeStore } from '@app/knowledge';

/** The whole stored knowledge as a zip of a knowledge folder in the shared format (files at the zip's root). */
@Injectable()
export class KnowledgeExportService {
  constructor(private readonly store: KnowledgeStore) {}

  async zip(): Promise<Buffer> {
    const zip = new JSZip();
    for (const [path, text] of knowledgeFolderFiles(await this.store.loadBundle())) zip.file(path, text);
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}
