import type { Migration } from '../migrate';
import { m0001Directory } from './0001_directory';
import { m0002Catalogue } from './0002_catalogue';
import { m0003ConsultationsOutbox } from './0003_consultations_outbox';
import { m0004Audit } from './0004_audit';
import { m0005Knowledge } from './0005_knowledge';
import { m0006SyncFailures } from './0006_sync_failures';
import { m0007Replica } from './0007_replica';
import { m0008Attachments } from './0008_attachments';
import { m0009OutboxAnsweredVersion } from './0009_outbox_answered_version';
import { m0010Casework } from './0010_casework';
import { m0011KnowledgeSynced } from './0011_knowledge_synced';
import { m0012Queue } from './0012_queue';

/** In order; a migration is never edited once released: add the next one instead. */
export const migrations: readonly Migration[] = [m0001Directory, m0002Catalogue, m0003ConsultationsOutbox, m0004Audit, m0005Knowledge, m0006SyncFailures, m0007Replica, m0008Attachments, m0009OutboxAnsweredVersion, m0010Casework, m0011KnowledgeSynced, m0012Queue];
